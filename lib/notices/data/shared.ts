import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import type { MaintainerViewer, SignedInViewer, VendorViewer, Viewer } from "@/lib/server/viewer-types";
import { getConfig } from "@/lib/server/config";
import { mayEnter } from "@/lib/auth/policy";
import { namesMentioned } from "@/lib/directory/names";
import { canManageNotices } from "../policy";

type Reader = Pick<Prisma.TransactionClient, "noticeRecipient">;

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

export function actor(viewer: SignedInViewer): { id: string; email: string } {
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

/**
 * Refuses a text that recipients read (a change note, a reason, a message) when it names an organisation the notice
 * was sent to, other than `reader` (the one organisation a thread message goes to, or those an audience change is
 * about): no recipient may learn who else is on the list from what the maintainers write. A name counts however it is
 * spelled — any case, look-alike letters, spaces, hyphens or dots in between (../../directory/names.ts) — since a
 * reader recognises "bluefin-os" as readily as "Bluefin OS".
 */
export async function refuseRecipientNames(db: Reader, noticeId: string, fields: Record<string, string>, reader?: string | readonly string[]): Promise<void> {
  const readers = reader === undefined ? [] : typeof reader === "string" ? [reader] : [...reader];
  const recipients = await db.noticeRecipient.findMany({ where: { noticeId, ...(readers.length ? { organisationId: { notIn: readers } } : {}) }, select: { organisation: { select: { name: true } } } });
  const names = recipients.map((r) => r.organisation.name);
  const fieldErrors: Record<string, string[]> = {};
  for (const [field, text] of Object.entries(fields)) {
    const named = namesMentioned(text, names);
    if (named.length) fieldErrors[field] = [`This names ${named.join(", ")}, which received this notice. Recipients read it, and the list is confidential: leave the organisation out.`];
  }
  const first = Object.values(fieldErrors)[0];
  if (first) throw new ValidationError(first[0]!, fieldErrors);
}
