import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { NotFoundError } from "@/lib/server/errors";
import type { MaintainerViewer, VendorViewer, Viewer } from "@/lib/server/viewer-types";
import { getConfig } from "@/lib/server/config";
import { mayEnter } from "@/lib/auth/policy";
import { canManageNotices } from "../policy";

/** Maintainer-only functions answer everyone else "not found". */
export function manager(viewer: Viewer): MaintainerViewer {
  if (!canManageNotices(viewer) || viewer.kind !== "maintainer") throw new NotFoundError();
  return viewer;
}

/** Vendor members who may enter the vendor area now (a second factor they enrolled, or must have, passed). */
export function vendorOnly(viewer: Viewer): VendorViewer {
  if (viewer.kind !== "vendor" || !mayEnter(viewer, "vendor", getConfig().requireVendorTotp)) throw new NotFoundError();
  return viewer;
}

export function actor(viewer: MaintainerViewer | VendorViewer): { id: string; email: string } {
  return { id: viewer.userId, email: viewer.email };
}

export const topicOf = (noticeId: string) => `notice:${noticeId}`;

export type LockedNotice = { state: string; disclosureAt: Date; updatedAt: Date; checklist: Record<string, string> };

/** Locks a notice's row for the rest of the transaction and returns what changes are judged by (undefined: gone). */
export async function lockNotice(tx: Prisma.TransactionClient, noticeId: string): Promise<LockedNotice | undefined> {
  const [row] = await tx.$queryRaw<LockedNotice[]>`
    SELECT state::text AS state, "disclosureAt", "updatedAt", checklist FROM "Notice" WHERE id = ${noticeId} FOR UPDATE`;
  return row;
}
