import "server-only";
// The disclosures of the notices addressed to a vendor member's organisation, for their private calendar feed:
// reference, time and id only (the feed never carries a title or any other content). Through noticeScope like every
// vendor read, narrowed to notices under embargo and those disclosed in the last two weeks — at the time they really
// became public, so that an embargo ended early moves the event instead of leaving the planned time standing — plus,
// as cancelled events, the notices withdrawn in the last two weeks that the member was told about (cancelledScope).
import { getDb } from "@/lib/server/db/client";
import type { Viewer } from "@/lib/server/viewer-types";
import type { NoticeRef } from "../mail";
import { calendarEvent } from "../calendar-event";
import { cancelledScope, noticeScope } from "../policy";
import { vendorOnly } from "./shared";

const RECENT_MS = 14 * 86_400_000;

export type CalendarDisclosure = NoticeRef & { sequence: number; changedAt: Date; cancelled: boolean };

export async function listUpcomingDisclosures(viewer: Viewer, now = new Date()): Promise<CalendarDisclosure[]> {
  const me = vendorOnly(viewer);
  const scope = noticeScope(me);
  if (!scope) return [];
  const recent = new Date(now.getTime() - RECENT_MS);
  const rows = await getDb().notice.findMany({
    where: {
      OR: [
        { AND: [scope, { OR: [{ state: "EMBARGOED" }, { state: "DISCLOSED", disclosedAt: { gte: recent } }] }] },
        { AND: [cancelledScope(me), { withdrawnAt: { gte: recent } }] },
      ],
    },
    orderBy: { disclosureAt: "asc" },
    take: 200,
    select: {
      id: true,
      reference: true,
      disclosureAt: true,
      revision: true,
      createdAt: true,
      sentAt: true,
      disclosedAt: true,
      plannedDisclosureAt: true,
      withdrawnAt: true,
      revisions: { orderBy: { number: "desc" }, take: 1, select: { at: true } },
    },
  });
  return rows.map((n) => ({ id: n.id, reference: n.reference, disclosureAt: n.disclosureAt, ...calendarEvent({ ...n, lastRevisionAt: n.revisions[0]?.at ?? null }) }));
}
