import "server-only";
// The reporter's portal: a person's own confirmed reports, their thread with the security team, the timeline the
// maintainers shared, and their credit. Every read goes through ownReportScope (another person's report is "not
// found", exactly like one that does not exist) and selects report columns only: of the linked notice, only what
// reporterNoticeView lets through — never its recipients, organisations, tracking, vendors' messages or statements.
import { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";
import { queryPrepared } from "@/lib/server/db/prepared";
import { getConfig } from "@/lib/server/config";
import { ConflictError, NotFoundError, RateLimitedError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import type { ReportCredit, ReportStatus, ReportUpdateKind } from "@/generated/prisma/enums";
import { recordAudit } from "@/lib/audit/data";
import { prepareDispatch } from "@/lib/mail/data";
import { consumeAttempt } from "@/lib/rate-limit/data";
import { LINKED_REPORT_STATUSES, ownReportScope, type ReportWhere } from "../policy";
import { mayChangeOwnCredit, mayPostReporterMessage, reporterNoticeView, reporterThreadAuthor, type ReporterNoticeView } from "../portal-policy";
import type { ReportCreditInput, ReporterMessageInput } from "../portal-schemas";
import { reporterMessageEmail } from "../mail-portal";
import { actor, maintainerAddresses, reportSender, reportTopic } from "./shared";
import { syncReporterCredit } from "./notify";

/** The viewer's own confirmed reports (the viewer already passed reportSender). */
function ownScope(viewer: Viewer): ReportWhere {
  const scope = ownReportScope(viewer, true);
  if (!scope) throw new NotFoundError();
  return scope;
}

export type OwnReportSummary = { id: string; reference: string; summary: string; status: ReportStatus; submittedAt: Date };

export async function listOwnReports(viewer: Viewer): Promise<OwnReportSummary[]> {
  const me = reportSender(viewer);
  return getDb().report.findMany({
    where: ownScope(me),
    orderBy: { submittedAt: "desc" },
    take: 200,
    select: { id: true, reference: true, summary: true, status: true, submittedAt: true },
  });
}

/** Whether the viewer sent any confirmed report (the menus link /reporter only then). One indexed lookup. */
export async function hasOwnReports(viewer: Viewer): Promise<boolean> {
  const scope = ownReportScope(viewer, true);
  if (!scope?.reporterId) return false;
  // Every signed-in page's shell asks: one plain statement (a model query costs a query compilation per call).
  const [row] = await queryPrepared<{ any: boolean }>(Prisma.sql`
    SELECT EXISTS (SELECT 1 FROM "Report" WHERE "reporterId" = ${scope.reporterId} AND "status"::text <> ${scope.status.not}) AS "any"`);
  return row?.any === true;
}

export type OwnReport = {
  id: string;
  reference: string;
  status: ReportStatus;
  statusReason: string | null;
  summary: string;
  details: string;
  affectedVersions: string;
  reproduction: string;
  encrypted: boolean;
  reporterName: string;
  creditKind: ReportCredit;
  creditText: string | null;
  submittedAt: Date;
  confirmedAt: Date | null;
  acknowledgedAt: Date | null;
  attachments: Array<{ id: string; filename: string; size: number; sha256: string; encrypted: boolean }>;
  messages: Array<{ id: string; from: "Security team" | "You"; fromMaintainer: boolean; body: string; at: Date }>;
  updates: Array<{ id: string; kind: ReportUpdateKind; status: ReportStatus | null; disclosureAt: Date | null; message: string | null; at: Date }>;
  notice: ReporterNoticeView | null;
  mayChangeCredit: boolean;
};

export async function getOwnReport(viewer: Viewer, reportId: string): Promise<OwnReport> {
  const me = reportSender(viewer);
  const report = await getDb().report.findFirst({
    where: { ...ownScope(me), id: reportId },
    select: {
      id: true,
      reference: true,
      reporterId: true,
      status: true,
      statusReason: true,
      summary: true,
      details: true,
      affectedVersions: true,
      reproduction: true,
      encrypted: true,
      reporterName: true,
      creditKind: true,
      creditText: true,
      submittedAt: true,
      confirmedAt: true,
      acknowledgedAt: true,
      // The notice's own columns a reporter may learn of (reporterNoticeView narrows further): nothing else of it.
      notice: { select: { id: true, state: true, disclosureAt: true, reference: true } },
      attachments: { orderBy: { createdAt: "asc" }, select: { id: true, filename: true, size: true, sha256: true, encrypted: true } },
      messages: { orderBy: { at: "asc" }, take: 500, select: { id: true, fromMaintainer: true, body: true, at: true } },
      updates: { orderBy: { at: "asc" }, take: 500, select: { id: true, kind: true, status: true, disclosureAt: true, message: true, at: true } },
    },
  });
  if (!report) throw new NotFoundError();
  const { reporterId: _owner, notice, messages, ...rest } = report;
  void _owner;
  return {
    ...rest,
    messages: messages.map((m) => ({ ...m, from: reporterThreadAuthor(m.fromMaintainer) })),
    // A report declined or reopened after it was accepted keeps its link for history, not the notice's dates.
    notice: LINKED_REPORT_STATUSES.includes(report.status) ? reporterNoticeView(notice) : null,
    mayChangeCredit: mayChangeOwnCredit(me, report, notice, true),
  };
}

/** The sender writes to the security team. Every active maintainer is emailed a link and the reference only. */
export async function postReporterMessage(viewer: Viewer, input: ReporterMessageInput, request: RequestInfo): Promise<void> {
  const me = reportSender(viewer);
  const db = getDb();
  const report = await db.report.findFirst({ where: { ...ownScope(me), id: input.reportId }, select: { id: true, reference: true, reporterId: true, status: true } });
  if (!report || !mayPostReporterMessage(me, report, true)) throw new NotFoundError();
  const limit = await consumeAttempt([["reporterMessagesPerUser", me.userId]]);
  if (!limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds);
  const maintainers = await maintainerAddresses(me.userId);
  const link = `${getConfig().publicUrl}/maintainer/reports/${report.id}`;
  const outbox = await prepareDispatch({
    purpose: "report.message",
    label: `${report.reference}: message from the reporter`,
    topic: reportTopic(report.id),
    createdById: me.userId,
    emails: maintainers.map((to) => reporterMessageEmail({ reference: report.reference, link, to })),
  });
  await db.$transaction(async (tx) => {
    await tx.reportMessage.create({ data: { reportId: report.id, authorId: me.userId, fromMaintainer: false, body: input.body } });
    await outbox.write(tx);
    await recordAudit({ actor: actor(me), action: "report.message-posted", target: { type: "report", id: report.id }, ip: request.ip, details: { reference: report.reference, fromMaintainer: false } }, tx);
  });
}

const CREDIT_CLOSED = "The advisory is public: your credit can no longer be changed here. Write to the security team if it is wrong.";

/** The sender chooses how they are credited, until the advisory is public. */
export async function changeReportCredit(viewer: Viewer, input: ReportCreditInput, request: RequestInfo): Promise<void> {
  const me = reportSender(viewer);
  const creditText = input.creditKind === "NONE" ? null : input.creditText;
  await getDb().$transaction(async (tx) => {
    const report = await tx.report.findFirst({ where: { ...ownScope(me), id: input.reportId }, select: { id: true, reference: true, reporterId: true, status: true, noticeId: true, notice: { select: { state: true } } } });
    if (!report) throw new NotFoundError();
    // The notice's lock before the report's, in the order the disclosure takes them (notice, then its reports): the
    // other order can deadlock against a disclosure committing at the same moment, and PostgreSQL then aborts one.
    if (report.noticeId) await tx.$executeRaw`SELECT 1 FROM "Notice" WHERE id = ${report.noticeId} FOR UPDATE`;
    if (!mayChangeOwnCredit(me, report, report.notice, true)) throw new ConflictError(CREDIT_CLOSED);
    // Checked again in the write itself: a disclosure committing in between leaves the credit as published.
    const { count } = await tx.report.updateMany({
      where: { id: report.id, status: { notIn: ["UNCONFIRMED", "DISCLOSED"] }, OR: [{ noticeId: null }, { notice: { state: { in: ["DRAFT", "EMBARGOED"] } } }] },
      data: { creditKind: input.creditKind, creditText },
    });
    if (count !== 1) throw new ConflictError(CREDIT_CLOSED);
    // The linked notice publishes the reporters' choices: brought in line in the same transaction.
    await syncReporterCredit(tx, report.id, actor(me));
    await recordAudit({ actor: actor(me), action: "report.credit-changed", target: { type: "report", id: report.id }, ip: request.ip, details: { reference: report.reference, creditKind: input.creditKind } }, tx);
  });
}
