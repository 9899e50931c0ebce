import "server-only";
// After sending: changes of the disclosure time and the disclosure-day checklist, and the notification every change
// sends the recipients (link only) through the outbox, written with the change (queued in chunks for a large
// audience: ./notifications.ts). Disclosure and withdrawal,
// which also publish or retract the advisory, are lib/advisories/data/publication.ts.
import { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { enqueue, getJobEngine } from "@/lib/jobs/engine";
import { tellReporters } from "@/lib/reports/data/notify";
import { refuseListedNames } from "@/lib/reports/data/shared";
import type { NoticeRef } from "../mail";
import { actionAllowed, checkEmbargo } from "../policy";
import { actor, lockNotice, manager, refuseRecipientNames } from "./shared";
import { prepareNotification } from "./notifications";
import { preparePreAnnouncementMoved, syncPreAnnouncement } from "./pre-announcement";

export async function noticeRef(noticeId: string): Promise<NoticeRef & { state: string; sentAt: Date | null }> {
  const n = await getDb().notice.findUnique({ where: { id: noticeId }, select: { id: true, reference: true, disclosureAt: true, state: true, sentAt: true } });
  if (!n) throw new NotFoundError();
  return n;
}

/**
 * Moves the disclosure time of an embargoed notice: a numbered revision records old → new; recipients are told, and so
 * are the reporters of the reports it was made from, with `reporterReason` if the maintainers chose to share one
 * (recipients never read it; reporters never read the change note, which is written for vendors).
 */
export async function changeDisclosureDate(
  viewer: Viewer,
  input: { noticeId: string; disclosureAt: Date; changeNote: string; overrideReason: string | null; reporterReason?: string | null | undefined },
  request: RequestInfo,
): Promise<{ revision: number; warnings: string[] }> {
  const me = manager(viewer);
  const db = getDb();
  const n = await noticeRef(input.noticeId);
  if (!actionAllowed(n.state as never, "change-date")) throw new ConflictError("Only an embargoed notice's disclosure time can change.");
  if (n.disclosureAt.getTime() === input.disclosureAt.getTime()) throw new ValidationError("That is already the disclosure time.", { disclosureAt: ["Choose a different time."] });
  await refuseRecipientNames(db, n.id, { changeNote: input.changeNote, ...(input.reporterReason ? { reporterReason: input.reporterReason } : {}) });
  // What the reporter reads names no organisation of the directory at all, on this notice or not.
  await refuseListedNames({ reporterReason: input.reporterReason });
  const attachments = await db.noticeAttachment.count({ where: { noticeId: n.id } });
  const embargo = checkEmbargo({ now: new Date(), disclosureAt: input.disclosureAt, attachments, overrideReason: input.overrideReason, sentAt: n.sentAt }, getConfig().notices.embargo);
  if (embargo.blocking) throw new ValidationError(embargo.blocking, { disclosureAt: [embargo.blocking] });
  const notification = await prepareNotification({ ...n, disclosureAt: input.disclosureAt }, "date-changed", me.userId);
  // A public pre-announcement moves with the date, and its announce list is told (prepared here, sent with the change).
  const preAnnounced = await preparePreAnnouncementMoved(n.id, input.disclosureAt, me.userId);
  const boss = await getJobEngine();
  const revision = await db.$transaction(async (tx) => {
    const locked = await lockNotice(tx, n.id);
    if (locked?.state !== "EMBARGOED") throw new ConflictError("This notice is no longer embargoed.");
    const { revision } = await tx.notice.update({ where: { id: n.id }, data: { disclosureAt: input.disclosureAt, revision: { increment: 1 }, ...(input.overrideReason ? { embargoOverrideReason: input.overrideReason } : {}) }, select: { revision: true } });
    const changes = { disclosureAt: [locked.disclosureAt.toISOString(), input.disclosureAt.toISOString()] };
    await tx.noticeRevision.create({ data: { noticeId: n.id, number: revision, changeNote: input.changeNote, changes, createdById: me.userId } });
    // The job for the old time finds the date moved and does nothing; this one discloses at the new time.
    await enqueue(boss, tx, "notice.disclose", [{ data: { noticeId: n.id }, startAfter: input.disclosureAt }]);
    await notification.write(tx);
    if (await syncPreAnnouncement(tx, n.id)) await preAnnounced?.write(tx);
    await tellReporters(tx, { noticeId: n.id, event: "DATE_CHANGED", reason: input.reporterReason ?? null, at: new Date(), previousAt: locked.disclosureAt });
    await recordAudit({ actor: actor(me), action: "notice.date-changed", target: { type: "notice", id: n.id }, ip: request.ip, details: { reference: n.reference, from: changes.disclosureAt[0]!, to: changes.disclosureAt[1]!, revision } }, tx);
    return revision;
  });
  return { revision, warnings: embargo.warnings };
}

export const CHECKLIST_ITEMS = { "patches-applied": "Patches applied", "releases-issued": "Releases issued", "announcement-posted": "Public announcement posted" } as const;
export type ChecklistItem = keyof typeof CHECKLIST_ITEMS;

/** The disclosure-day checklist, kept with the notice: each item done (with when) or not. */
export async function setChecklistItem(viewer: Viewer, input: { noticeId: string; item: ChecklistItem; done: boolean }, request: RequestInfo): Promise<Record<string, string>> {
  const me = manager(viewer);
  if (!Object.hasOwn(CHECKLIST_ITEMS, input.item)) throw new ValidationError("Unknown checklist item.");
  return getDb().$transaction(async (tx) => {
    const row = await lockNotice(tx, input.noticeId);
    if (!row) throw new NotFoundError();
    if (row.state === "DRAFT" || row.state === "WITHDRAWN") throw new ConflictError("The checklist is for notices that were sent.");
    const checklist = { ...row.checklist };
    if (input.done) checklist[input.item] = new Date().toISOString();
    else delete checklist[input.item];
    await tx.notice.update({ where: { id: input.noticeId }, data: { checklist } });
    await recordAudit({ actor: actor(me), action: "notice.checklist-updated", target: { type: "notice", id: input.noticeId }, ip: request.ip, details: { item: input.item, done: input.done } }, tx);
    return checklist;
  });
}
