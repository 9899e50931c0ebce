import "server-only";
// After sending: disclosure at the time (a scheduled job that survives restarts and acts once), "end embargo now",
// withdrawal, and changes of the disclosure time. Every change notifies the recipients (link only) through the
// outbox, in the transaction of the change.
import { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { MAIL_ADDRESSES_SELECT, mailAddresses, needToKnowOf, type MailAddress } from "@/lib/mail/addresses";
import { getProjectSettings } from "@/lib/settings/data";
import { prepareAnnouncement, prepareRetraction } from "@/lib/advisories/data/announcement";
import { enqueue, getJobEngine } from "@/lib/jobs/engine";
import { prepareDispatch, type PreparedDispatch } from "@/lib/mail/data";
import { noticeUpdateMail, type NoticeRef, type UpdateExtras } from "../mail";
import { actionAllowed, checkEmbargo } from "../policy";
import { actor, lockNotice, manager, refuseRecipientNames, topicOf } from "./shared";

type Update = Parameters<typeof noticeUpdateMail>[2];

/**
 * Every invited or active member and the role address of the notice's active recipient organisations that were not
 * removed from it — within each organisation's need-to-know restriction for this notice.
 */
async function recipientAddresses(noticeId: string, onlyRecipientIds?: string[]): Promise<Array<MailAddress & { organisationId: string }>> {
  const recipients = await getDb().noticeRecipient.findMany({
    where: { noticeId, removedAt: null, organisation: { status: "ACTIVE" }, ...(onlyRecipientIds ? { id: { in: onlyRecipientIds } } : {}) },
    select: { restricted: true, accessGrants: { select: { userId: true } }, organisation: { select: { id: true, ...MAIL_ADDRESSES_SELECT } } },
  });
  return recipients.flatMap(({ organisation: o, restricted, accessGrants }) =>
    mailAddresses(o, needToKnowOf({ restricted, accessGrants })).map((a) => ({ ...a, organisationId: o.id })),
  );
}

/** The notification of a change, prepared before the transaction that makes the change. */
export async function prepareNotification(notice: NoticeRef, what: Update, createdById: string | null, onlyRecipientIds?: string[], extras: UpdateExtras = {}): Promise<PreparedDispatch> {
  const { publicUrl } = getConfig();
  const project = (await getProjectSettings()).name;
  const changedAt = new Date();
  const emails = (await recipientAddresses(notice.id, onlyRecipientIds)).map(({ to, kind, organisationId }) => {
    const mail = noticeUpdateMail(notice, publicUrl, what, changedAt, { project, kind, to }, extras);
    return { to, organisationId, subject: mail.subject, text: mail.text };
  });
  return prepareDispatch({ purpose: `notice.${what}`, label: `${notice.reference}: ${what.replace("-", " ")}`, topic: topicOf(notice.id), createdById, emails });
}

async function noticeRef(noticeId: string): Promise<NoticeRef & { state: string; sentAt: Date | null }> {
  const n = await getDb().notice.findUnique({ where: { id: noticeId }, select: { id: true, reference: true, disclosureAt: true, state: true, sentAt: true } });
  if (!n) throw new NotFoundError();
  return n;
}

/**
 * The "notice.disclose" job: at the disclosure time the embargo ends. Safe to run twice or late (several instances,
 * a restart): only an embargoed notice whose time has come changes, under a row lock; a job for a date that has
 * since moved does nothing (the new date has its own job).
 */
export async function discloseWhenDue(noticeId: string, at?: Date): Promise<"disclosed" | "not-due" | "skipped"> {
  // The database's clock, the one the job engine scheduled by: an app server a little behind must not skip it.
  const now = at ?? (await getDb().$queryRaw<Array<{ now: Date }>>`SELECT now() AS now`)[0]!.now;
  const n = await getDb().notice.findUnique({ where: { id: noticeId }, select: { id: true, reference: true, disclosureAt: true, state: true } });
  if (!n || n.state !== "EMBARGOED") return "skipped";
  const early = n.disclosureAt.getTime() - now.getTime();
  // Due within two minutes: clocks disagree; fail so that the job engine tries again shortly. Later: the date moved.
  if (early > 1_000 && early < 120_000 && !at) throw new Error(`Disclosure of ${n.reference} is ${Math.ceil(early / 1000)} s away by the database's clock; retrying.`);
  if (early > 1_000) return "not-due";
  const notification = await prepareNotification(n, "disclosed", null);
  const announcement = await prepareAnnouncement(noticeId, null);
  return getDb().$transaction(async (tx) => {
    const locked = await lockNotice(tx, noticeId);
    if (!locked || locked.state !== "EMBARGOED" || locked.disclosureAt.getTime() > now.getTime() + 1_000) return "skipped";
    // Revised (or its announcement rewritten) since the announcement was composed: the job runs again shortly.
    if (announcement && locked.updatedAt.getTime() !== announcement.basedOn.getTime()) throw new Error(`${n.reference} changed while its announcement was prepared; retrying.`);
    await tx.notice.update({ where: { id: noticeId }, data: { state: "DISCLOSED", disclosedAt: new Date(), announcementDispatchId: announcement?.dispatchId ?? null } });
    await notification.write(tx);
    await announcement?.write(tx);
    await recordAudit({ actor: null, action: "notice.disclosed", target: { type: "notice", id: noticeId }, details: { reference: n.reference, by: "schedule" } }, tx);
    return "disclosed";
  });
}

/**
 * "End embargo now", with the reason (recorded, and told to the recipients by the notice page). The notice's
 * disclosure time becomes the moment it really went public, so that every page, list order, email, feed and the
 * terms say so; the time that was planned is kept in plannedDisclosureAt and the audit event. The job scheduled for
 * the planned time then finds the notice disclosed and does nothing.
 */
export async function endEmbargoNow(viewer: Viewer, input: { noticeId: string; reason: string }, request: RequestInfo): Promise<void> {
  const me = manager(viewer);
  const n = await noticeRef(input.noticeId);
  if (!actionAllowed(n.state as never, "end-embargo")) throw new ConflictError("Only an embargoed notice can be disclosed early.");
  await refuseRecipientNames(getDb(), n.id, { reason: input.reason });
  const now = new Date();
  const notification = await prepareNotification({ ...n, disclosureAt: now }, "disclosed", me.userId, undefined, { endReason: input.reason, plannedDisclosureAt: n.disclosureAt });
  const announcement = await prepareAnnouncement(n.id, me.userId);
  await getDb().$transaction(async (tx) => {
    const locked = await lockNotice(tx, n.id);
    if (locked?.state !== "EMBARGOED") throw new ConflictError("This notice is no longer embargoed.");
    if (announcement && locked.updatedAt.getTime() !== announcement.basedOn.getTime()) throw new ConflictError("The notice changed a moment ago; nothing was done. Check it and end the embargo again.");
    await tx.notice.update({
      where: { id: n.id },
      data: { state: "DISCLOSED", disclosureAt: now, disclosedAt: now, plannedDisclosureAt: locked.disclosureAt, endReason: input.reason, announcementDispatchId: announcement?.dispatchId ?? null },
    });
    await notification.write(tx);
    await announcement?.write(tx);
    await recordAudit(
      { actor: actor(me), action: "notice.disclosed", target: { type: "notice", id: n.id }, ip: request.ip, details: { reference: n.reference, by: "maintainer", reason: input.reason, planned: locked.disclosureAt.toISOString(), at: now.toISOString() } },
      tx,
    );
  });
}

/**
 * Withdraws a notice that is not a real issue: a draft or an embargoed notice is never published; a published
 * advisory leaves the public pages and feeds, and its OSV record is marked withdrawn. Recipients of a sent one are told.
 */
export async function withdrawNotice(viewer: Viewer, input: { noticeId: string; reason: string }, request: RequestInfo): Promise<void> {
  const me = manager(viewer);
  const n = await noticeRef(input.noticeId);
  if (!actionAllowed(n.state as never, "withdraw")) throw new ConflictError("This notice is already withdrawn.");
  await refuseRecipientNames(getDb(), n.id, { reason: input.reason });
  const notification = n.state === "DRAFT" ? null : await prepareNotification(n, n.state === "DISCLOSED" ? "retracted" : "withdrawn", me.userId);
  const retraction = n.state === "DISCLOSED" ? await prepareRetraction(n.id, input.reason, me.userId) : null;
  await getDb().$transaction(async (tx) => {
    const locked = await lockNotice(tx, n.id);
    if (!locked || locked.state !== n.state) throw new ConflictError("The notice changed meanwhile; reload and try again.");
    await tx.notice.update({ where: { id: n.id }, data: { state: "WITHDRAWN", withdrawnAt: new Date(), endReason: input.reason } });
    await notification?.write(tx);
    await retraction?.write(tx);
    await recordAudit({ actor: actor(me), action: "notice.withdrawn", target: { type: "notice", id: n.id }, ip: request.ip, details: { reference: n.reference, from: n.state, reason: input.reason } }, tx);
  });
}

/** Moves the disclosure time of an embargoed notice: a numbered revision records old → new; recipients are told. */
export async function changeDisclosureDate(
  viewer: Viewer,
  input: { noticeId: string; disclosureAt: Date; changeNote: string; overrideReason: string | null },
  request: RequestInfo,
): Promise<{ revision: number; warnings: string[] }> {
  const me = manager(viewer);
  const db = getDb();
  const n = await noticeRef(input.noticeId);
  if (!actionAllowed(n.state as never, "change-date")) throw new ConflictError("Only an embargoed notice's disclosure time can change.");
  if (n.disclosureAt.getTime() === input.disclosureAt.getTime()) throw new ValidationError("That is already the disclosure time.", { disclosureAt: ["Choose a different time."] });
  await refuseRecipientNames(db, n.id, { changeNote: input.changeNote });
  const attachments = await db.noticeAttachment.count({ where: { noticeId: n.id } });
  const embargo = checkEmbargo({ now: new Date(), disclosureAt: input.disclosureAt, attachments, overrideReason: input.overrideReason, sentAt: n.sentAt }, getConfig().notices.embargo);
  if (embargo.blocking) throw new ValidationError(embargo.blocking, { disclosureAt: [embargo.blocking] });
  const notification = await prepareNotification({ ...n, disclosureAt: input.disclosureAt }, "date-changed", me.userId);
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
