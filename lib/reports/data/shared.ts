import "server-only";
// Guards shared by the report data functions: they answer "not found" to anyone outside the scope.
import { NotFoundError } from "@/lib/server/errors";
import { getDb } from "@/lib/server/db/client";
import type { MaintainerViewer, SignedInViewer, Viewer } from "@/lib/server/viewer-types";
import { getConfig } from "@/lib/server/config";
import { mayEnter } from "@/lib/auth/policy";
import { canManageReports } from "../policy";

/** Maintainer-only functions (the intake queue) answer everyone else "not found". */
export function reportManager(viewer: Viewer): MaintainerViewer {
  if (!canManageReports(viewer)) throw new NotFoundError();
  return viewer;
}

/** The signed-in person reading their own reports (any role that may enter the reporter area now). */
export function reportSender(viewer: Viewer): SignedInViewer {
  if (viewer.kind === "anonymous" || !mayEnter(viewer, "reporter", getConfig().requireVendorTotp)) throw new NotFoundError();
  return viewer;
}

export function actor(viewer: SignedInViewer): { id: string; email: string } {
  return { id: viewer.userId, email: viewer.email };
}

export const reportTopic = (reportId: string) => `report:${reportId}`;

/** The maintainers a report's news goes to (addresses only): every active one, but the one who caused it. */
export async function maintainerAddresses(except?: string): Promise<string[]> {
  const rows = await getDb().user.findMany({ where: { role: "MAINTAINER", status: "ACTIVE", ...(except ? { NOT: { id: except } } : {}) }, select: { email: true } });
  return rows.map((r) => r.email);
}
