import "server-only";
// The maintainers' actions on a report: acknowledge, reply, accept (into a draft notice, composed by the caller in the
// draft's transaction), decline, mark duplicate, mark fixed. Each one, in one transaction: the report row locked and
// its status checked again (two maintainers, or a double click, get one outcome), the report changed through
// mayMoveReport, a STATUS update on the reporter's timeline, the reporter's email in the outbox, an audit event that
// names ids, references and statuses only (never the report's content or the message).
import type { Prisma } from "@/generated/prisma/client";
import type { ReportStatus } from "@/generated/prisma/enums";
import { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import type { MaintainerViewer, RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import type { AuditAction } from "@/lib/audit/schemas";
import { prepareDispatch, type PreparedDispatch } from "@/lib/mail/data";
import { managedReportScope, mayMoveReport, REPORT_STATUS_LABELS } from "../policy";
import { reporterNewsMail, type ReporterNews } from "../mail-queue";
import { actor, refuseListedNames, reportManager, reportTopic } from "./shared";
import { syncReporterCredit } from "./notify";

type Tx = Prisma.TransactionClient;

/** The reporter's page of their report (PORTAL), the one link their emails carry. */
export const reporterLink = (reportId: string) => `${getConfig().publicUrl}/reporter/reports/${reportId}`;

type Target = { id: string; reference: string; status: ReportStatus; reporterEmail: string; me: MaintainerViewer };

/** The report, through the queue's scope, with what the email needs (read before the transaction opens). */
async function target(viewer: Viewer, reportId: string): Promise<Target> {
  const me = reportManager(viewer);
  const where = managedReportScope(me)!;
  const report = await getDb().report.findFirst({ where: { AND: [where, { id: reportId }] }, select: { id: true, reference: true, status: true, reporter: { select: { email: true } } } });
  if (!report) throw new NotFoundError();
  return { id: report.id, reference: report.reference, status: report.status, reporterEmail: report.reporter.email, me };
}

async function newsFor(t: Target, news: ReporterNews, said: string | null): Promise<PreparedDispatch> {
  return prepareDispatch({
    purpose: `report.${news}`,
    label: `${t.reference}: ${news === "reply" ? "message" : news} (to the reporter)`,
    topic: reportTopic(t.id),
    createdById: t.me.userId,
    emails: [reporterNewsMail({ to: t.reporterEmail, reference: t.reference, news, said, link: reporterLink(t.id) })],
  });
}

/** Locks the report row; the status as it is now, after anyone else's change committed. */
async function lockReport(tx: Tx, reportId: string): Promise<{ status: ReportStatus; acknowledgedAt: Date | null; noticeId: string | null }> {
  const [row] = await tx.$queryRaw<Array<{ status: ReportStatus; acknowledgedAt: Date | null; noticeId: string | null }>>`
    SELECT status::text AS status, "acknowledgedAt", "noticeId" FROM "Report" WHERE id = ${reportId} FOR UPDATE`;
  if (!row) throw new NotFoundError();
  return row;
}

function refuseMove(from: ReportStatus, to: ReportStatus): never {
  if (from === to) throw new ConflictError(`This report is already ${REPORT_STATUS_LABELS[to].toLowerCase()} (someone else may just have done it). Nothing was changed and the reporter was not emailed again.`);
  throw new ConflictError(`A report that is ${REPORT_STATUS_LABELS[from].toLowerCase()} cannot be ${REPORT_STATUS_LABELS[to].toLowerCase()}. Nothing was changed: reload the page to see where it stands.`);
}

type Move = {
  to: ReportStatus;
  news: ReporterNews;
  /** What the reporter is told (message or reason); recorded on their timeline. */
  said: string | null;
  audit: AuditAction;
  data?: Prisma.ReportUpdateInput;
  details?: Prisma.InputJsonObject;
};

/** One status change, in the caller's transaction (accept runs it in the draft notice's). */
async function applyMove(tx: Tx, t: Target, outbox: PreparedDispatch, move: Move, request: RequestInfo): Promise<void> {
  const now = await lockReport(tx, t.id);
  if (!mayMoveReport(now.status, move.to)) refuseMove(now.status, move.to);
  // Every way out of "received" stops the clock: accepting, declining or marking a duplicate acknowledges too.
  const acknowledges = now.acknowledgedAt === null;
  await tx.report.update({
    where: { id: t.id },
    data: { status: move.to, ...(acknowledges ? { acknowledgedAt: new Date(), acknowledgedById: t.me.userId } : {}), ...move.data },
  });
  await tx.reportUpdate.create({ data: { reportId: t.id, kind: "STATUS", status: move.to, message: move.said } });
  await outbox.write(tx);
  await recordAudit({ actor: actor(t.me), action: move.audit, target: { type: "report", id: t.id }, ip: request.ip, details: { reference: t.reference, from: now.status, to: move.to, ...move.details } }, tx);
}

async function move(viewer: Viewer, reportId: string, m: Move, request: RequestInfo): Promise<void> {
  const t = await target(viewer, reportId);
  // Refused before any email is prepared when the page was stale; checked again under the lock.
  if (!mayMoveReport(t.status, m.to)) refuseMove(t.status, m.to);
  const outbox = await newsFor(t, m.news, m.said);
  await getDb().$transaction((tx) => applyMove(tx, t, outbox, m, request));
}

export async function acknowledgeReport(viewer: Viewer, input: { reportId: string; message: string }, request: RequestInfo): Promise<void> {
  reportManager(viewer);
  await refuseListedNames({ message: input.message });
  return move(viewer, input.reportId, { to: "ACKNOWLEDGED", news: "acknowledged", said: input.message, audit: "report.acknowledged" }, request);
}

export async function declineReport(viewer: Viewer, input: { reportId: string; reason: string }, request: RequestInfo): Promise<void> {
  reportManager(viewer);
  await refuseListedNames({ reason: input.reason });
  return move(viewer, input.reportId, { to: "DECLINED", news: "declined", said: input.reason, audit: "report.declined", data: { statusReason: input.reason } }, request);
}

export function markReportFixed(viewer: Viewer, input: { reportId: string }, request: RequestInfo): Promise<void> {
  return move(viewer, input.reportId, { to: "FIXED", news: "fixed", said: null, audit: "report.marked-fixed" }, request);
}

export async function markReportDuplicate(viewer: Viewer, input: { reportId: string; original: string; reason: string }, request: RequestInfo): Promise<void> {
  const me = reportManager(viewer);
  const original = await getDb().report.findFirst({ where: { AND: [managedReportScope(me)!, { reference: input.original }] }, select: { id: true, reference: true } });
  if (!original) throw new ValidationError("There is no such report.", { original: [`No report ${input.original} in the queue: check the reference.`] });
  if (original.id === input.reportId) throw new ValidationError("A report cannot duplicate itself.", { original: ["Give the reference of the other, original report."] });
  await refuseListedNames({ reason: input.reason });
  // The reporter learns the original's reference (to tell the maintainers if they think it differs), nothing of it.
  const said = `${input.reason}\n\nOriginal report: ${original.reference}`;
  await move(viewer, input.reportId, { to: "DUPLICATE", news: "duplicate", said, audit: "report.marked-duplicate", data: { statusReason: input.reason, duplicateOfId: original.id }, details: { original: original.reference } }, request);
}

/** A maintainer's message in the report's private thread; the reporter is emailed a link (not the message). */
export async function replyToReport(viewer: Viewer, input: { reportId: string; body: string }, request: RequestInfo): Promise<void> {
  const t = await target(viewer, input.reportId);
  await refuseListedNames({ body: input.body });
  const outbox = await newsFor(t, "reply", null);
  await getDb().$transaction(async (tx) => {
    await lockReport(tx, t.id);
    await tx.reportMessage.create({ data: { reportId: t.id, authorId: t.me.userId, fromMaintainer: true, body: input.body } });
    await outbox.write(tx);
    await recordAudit({ actor: actor(t.me), action: "report.replied", target: { type: "report", id: t.id }, ip: request.ip, details: { reference: t.reference } }, tx);
  });
}

export type ReportForDraft = { id: string; reference: string; summary: string; details: string; encrypted: boolean; affectedVersions: string; creditKind: "NAME" | "HANDLE" | "ORGANISATION" | "NONE"; creditText: string | null };

/**
 * Accepting a report into a draft notice, in two steps so that the notices domain never imports this one: `prepare`
 * reads the report (what the draft is prefilled from) and the reporter's email before any transaction; `write` runs
 * inside createNoticeDraft's transaction, so the draft and the report's change commit together or not at all.
 */
export async function prepareAcceptReport(viewer: Viewer, reportId: string, request: RequestInfo): Promise<{ report: ReportForDraft; write: (tx: Tx, notice: { id: string; reference: string }) => Promise<void> }> {
  const t = await target(viewer, reportId);
  if (!mayMoveReport(t.status, "ACCEPTED")) refuseMove(t.status, "ACCEPTED");
  const report = await getDb().report.findUniqueOrThrow({ where: { id: t.id }, select: { id: true, reference: true, summary: true, details: true, encrypted: true, affectedVersions: true, creditKind: true, creditText: true } });
  const outbox = await newsFor(t, "accepted", null);
  return {
    report,
    write: async (tx, notice) => {
      const locked = await lockReport(tx, t.id);
      // A report whose notice was withdrawn is back in the queue: it may be accepted into a new notice (the link moves;
      // its timeline keeps the withdrawal). Any other notice still holds it.
      const current = locked.noticeId ? await tx.notice.findUnique({ where: { id: locked.noticeId }, select: { state: true } }) : null;
      if (current && current.state !== "WITHDRAWN") throw new ConflictError("This report was already accepted into a notice. Nothing was changed.");
      await applyMove(tx, t, outbox, { to: "ACCEPTED", news: "accepted", said: null, audit: "report.accepted", data: { notice: { connect: { id: notice.id } } }, details: { noticeId: notice.id, notice: notice.reference } }, request);
      // The draft credits the reporter as they chose, kept in line by the same rule as every later change.
      await syncReporterCredit(tx, t.id, actor(reportManager(viewer)));
    },
  };
}
