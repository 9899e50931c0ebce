import "server-only";
// The disclosures of the notices addressed to a vendor member's organisation, for their private calendar feed:
// reference, time and id only (the feed never carries a title or any other content). Through noticeScope like every
// vendor read, narrowed to notices under embargo and those disclosed in the last two weeks — at the time they really
// became public, so that an embargo ended early moves the event instead of leaving the planned time standing.
import { getDb } from "@/lib/server/db/client";
import type { Viewer } from "@/lib/server/viewer-types";
import type { NoticeRef } from "../mail";
import { noticeScope } from "../policy";
import { vendorOnly } from "./shared";

const RECENT_MS = 14 * 86_400_000;

/** `sequence` grows with every change of the time (a date change is a revision; an early end moves it once more). */
export async function listUpcomingDisclosures(viewer: Viewer, now = new Date()): Promise<Array<NoticeRef & { sequence: number }>> {
  const scope = noticeScope(vendorOnly(viewer));
  if (!scope) return [];
  const rows = await getDb().notice.findMany({
    where: { AND: [scope, { OR: [{ state: "EMBARGOED" }, { state: "DISCLOSED", disclosedAt: { gte: new Date(now.getTime() - RECENT_MS) } }] }] },
    orderBy: { disclosureAt: "asc" },
    take: 200,
    select: { id: true, reference: true, disclosureAt: true, revision: true, plannedDisclosureAt: true },
  });
  return rows.map((n) => ({ id: n.id, reference: n.reference, disclosureAt: n.disclosureAt, sequence: n.revision + (n.plannedDisclosureAt ? 1 : 0) }));
}
