import "server-only";
// Publication: the embargo ends — at its time (a scheduled job that survives restarts and acts once) or by "End
// embargo now" — or a notice is withdrawn. The notice's state, the recipients' notification, the announcement (or
// retraction) to the project's announce list and the CSAF directory's publication job are written in one
// transaction. It lives above the notices domain because the announcement is the advisory's; the notices domain never
// reaches up for it.
import type { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";
import { ConflictError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { actionAllowed } from "@/lib/notices/policy";
import { noticeRef } from "@/lib/notices/data/lifecycle";
import { prepareNotification } from "@/lib/notices/data/notifications";
import { actor, lockNotice, manager, refuseRecipientNames } from "@/lib/notices/data/shared";
import { cancelPreAnnouncement, preparePreAnnouncementCancelled } from "@/lib/notices/data/pre-announcement";
import { getJobEngine } from "@/lib/jobs/engine";
import { syncNoticeCredit, syncNoticeCreditNow, tellReporters } from "@/lib/reports/data/notify";
import { refuseListedNames } from "@/lib/reports/data/shared";
import { prepareAnnouncement, prepareRetraction } from "./announcement";
import { prepareCsafPublication } from "./csaf-directory";

/**
 * The reporters' credit, once more under the notice's lock in the disclosure transaction: it was synced before the
 * announcement was composed, so a change here means a reporter changed it in between and the announcement names the
 * old one — then nothing is published now (the job retries; "End embargo now" asks to try again).
 */
async function creditAsPublished(tx: Parameters<typeof syncNoticeCredit>[0], noticeId: string, announced: boolean): Promise<boolean> {
  return (await syncNoticeCredit(tx, noticeId)) && announced;
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
  await syncNoticeCreditNow(noticeId);
  const notification = await prepareNotification(n, "disclosed", null);
  const announcement = await prepareAnnouncement(noticeId, null);
  const csaf = await prepareCsafPublication(noticeId);
  return getDb().$transaction(async (tx) => {
    const locked = await lockNotice(tx, noticeId);
    if (!locked || locked.state !== "EMBARGOED" || locked.disclosureAt.getTime() > now.getTime() + 1_000) return "skipped";
    // Revised (or its announcement rewritten) since the announcement was composed: the job runs again shortly.
    if (announcement && locked.updatedAt.getTime() !== announcement.basedOn.getTime()) throw new Error(`${n.reference} changed while its announcement was prepared; retrying.`);
    if (await creditAsPublished(tx, noticeId, !!announcement)) throw new Error(`A reporter of ${n.reference} changed their credit while its announcement was prepared; retrying.`);
    const disclosedAt = new Date();
    await tx.notice.update({ where: { id: noticeId }, data: { state: "DISCLOSED", disclosedAt, announcementDispatchId: announcement?.dispatchId ?? null } });
    await notification.write(tx);
    await announcement?.write(tx);
    await csaf.write(tx);
    await tellReporters(tx, { noticeId, event: "DISCLOSED", at: disclosedAt });
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
/**
 * `inTransaction`: what must commit with the disclosure or not at all — the break-glass record, its audit event and
 * its emails to every maintainer (lib/approvals/data/break-glass.ts) — run last inside the disclosure's transaction.
 */
export async function endEmbargoNow(
  viewer: Viewer,
  input: { noticeId: string; reason: string; reporterReason?: string | null | undefined },
  request: RequestInfo,
  inTransaction?: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<void> {
  const me = manager(viewer);
  const n = await noticeRef(input.noticeId);
  if (!actionAllowed(n.state as never, "end-embargo")) throw new ConflictError("Only an embargoed notice can be disclosed early.");
  await refuseRecipientNames(getDb(), n.id, { reason: input.reason, ...(input.reporterReason ? { reporterReason: input.reporterReason } : {}) });
  await refuseListedNames({ reporterReason: input.reporterReason });
  await syncNoticeCreditNow(n.id);
  const now = new Date();
  const notification = await prepareNotification({ ...n, disclosureAt: now }, "disclosed", me.userId, undefined, { endReason: input.reason, plannedDisclosureAt: n.disclosureAt });
  const announcement = await prepareAnnouncement(n.id, me.userId);
  const csaf = await prepareCsafPublication(n.id);
  await getDb().$transaction(async (tx) => {
    const locked = await lockNotice(tx, n.id);
    if (locked?.state !== "EMBARGOED") throw new ConflictError("This notice is no longer embargoed.");
    if (announcement && locked.updatedAt.getTime() !== announcement.basedOn.getTime()) throw new ConflictError("The notice changed a moment ago; nothing was done. Check it and end the embargo again.");
    if (await creditAsPublished(tx, n.id, !!announcement)) throw new ConflictError("The reporter changed their credit a moment ago; nothing was done. End the embargo again.");
    await tx.notice.update({
      where: { id: n.id },
      data: { state: "DISCLOSED", disclosureAt: now, disclosedAt: now, plannedDisclosureAt: locked.disclosureAt, endReason: input.reason, announcementDispatchId: announcement?.dispatchId ?? null },
    });
    await notification.write(tx);
    await announcement?.write(tx);
    await csaf.write(tx);
    await tellReporters(tx, { noticeId: n.id, event: "EMBARGO_ENDED", reason: input.reporterReason ?? null, at: now });
    await recordAudit(
      { actor: actor(me), action: "notice.disclosed", target: { type: "notice", id: n.id }, ip: request.ip, details: { reference: n.reference, by: "maintainer", reason: input.reason, planned: locked.disclosureAt.toISOString(), at: now.toISOString() } },
      tx,
    );
    if (inTransaction) await inTransaction(tx);
  });
}

/**
 * Withdraws a notice that is not a real issue: a draft or an embargoed notice is never published; a published
 * advisory leaves the public pages and feeds, and its OSV record is marked withdrawn. Recipients of a sent one are told.
 */
export async function withdrawNotice(viewer: Viewer, input: { noticeId: string; reason: string; reporterReason?: string | null | undefined }, request: RequestInfo): Promise<void> {
  const me = manager(viewer);
  const n = await noticeRef(input.noticeId);
  if (!actionAllowed(n.state as never, "withdraw")) throw new ConflictError("This notice is already withdrawn.");
  await refuseRecipientNames(getDb(), n.id, { reason: input.reason, ...(input.reporterReason ? { reporterReason: input.reporterReason } : {}) });
  await refuseListedNames({ reporterReason: input.reporterReason });
  const notification = n.state === "DRAFT" ? null : await prepareNotification(n, n.state === "DISCLOSED" ? "retracted" : "withdrawn", me.userId);
  const retraction = n.state === "DISCLOSED" ? await prepareRetraction(n.id, input.reason, me.userId) : null;
  // A public pre-announcement is cancelled, without the reason or anything else: the list that heard of it is told.
  const cancellation = n.state === "EMBARGOED" ? await preparePreAnnouncementCancelled(n.id, me.userId) : null;
  // The reporters are told even of a withdrawn draft (their report was accepted into it): the outbox needs the engine.
  await getJobEngine();
  await getDb().$transaction(async (tx) => {
    const locked = await lockNotice(tx, n.id);
    if (!locked || locked.state !== n.state) throw new ConflictError("The notice changed meanwhile; reload and try again.");
    await tx.notice.update({ where: { id: n.id }, data: { state: "WITHDRAWN", withdrawnAt: new Date(), endReason: input.reason } });
    await notification?.write(tx);
    await retraction?.write(tx);
    if (await cancelPreAnnouncement(tx, n.id)) await cancellation?.write(tx);
    await tellReporters(tx, { noticeId: n.id, event: "WITHDRAWN", reason: input.reporterReason ?? null, at: new Date() });
    await recordAudit({ actor: actor(me), action: "notice.withdrawn", target: { type: "notice", id: n.id }, ip: request.ip, details: { reference: n.reference, from: n.state, reason: input.reason } }, tx);
  });
}
