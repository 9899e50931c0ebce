import "server-only";
// Guards shared by the report data functions: they answer "not found" to anyone outside the scope.
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import { getDb } from "@/lib/server/db/client";
import type { MaintainerViewer, SignedInViewer, Viewer } from "@/lib/server/viewer-types";
import { getConfig } from "@/lib/server/config";
import { mayEnter } from "@/lib/auth/policy";
import { namesMentioned } from "@/lib/directory/names";
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

/**
 * What a maintainer writes to a reporter may not name an organisation of the directory: the distribution list is
 * confidential, and a reporter never learns who is on it (however the name is spelled: lib/directory/names.ts).
 * Refused with the field named, before anything is written or emailed.
 */
export async function refuseListedNames(fields: Record<string, string | null | undefined>): Promise<void> {
  const texts = Object.entries(fields).filter((entry): entry is [string, string] => !!entry[1]?.trim());
  if (texts.length === 0) return;
  const names = (await getDb().organisation.findMany({ select: { name: true } })).map((o) => o.name);
  for (const [field, text] of texts) {
    const named = namesMentioned(text, names);
    if (named.length === 0) continue;
    const message = `This names ${named.join(", ")}, which is on the project's confidential distribution list. The reporter must not learn who is on it: leave the organisation out.`;
    throw new ValidationError(message, { [field]: [message] });
  }
}
