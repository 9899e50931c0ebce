import "server-only";
// The maintainers' intake queue, read side: every confirmed report with its acknowledgement clock, the statistics,
// the overdue ones for the dashboard, one report with its thread, timeline and files, and a file to download. Every
// read goes through managedReportScope (maintainers who passed their second factor; unconfirmed reports are nobody's).
import type { Prisma } from "@/generated/prisma/client";
import type { ReportStatus } from "@/generated/prisma/enums";
import { getDb } from "@/lib/server/db/client";
import { NotFoundError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { managedReportScope } from "../policy";
import { acknowledgementStats, DEFAULT_ACKNOWLEDGE_TARGET_HOURS, queueOrder, reportClock, type AcknowledgementStats, type ReportClock } from "../queue-clock";
import type { QueueFilter } from "../queue-schemas";
import { actor, reportManager } from "./shared";

const HOUR = 3_600_000;

/** Settings: the acknowledgement target in hours (48 until a maintainer changes it). */
export async function acknowledgeTargetHours(): Promise<number> {
  const row = await getDb().projectSettings.findUnique({ where: { id: 1 }, select: { acknowledgeTargetHours: true } });
  return row?.acknowledgeTargetHours ?? DEFAULT_ACKNOWLEDGE_TARGET_HOURS;
}

function scope(viewer: Viewer) {
  reportManager(viewer);
  const where = managedReportScope(viewer);
  if (!where) throw new NotFoundError();
  return where;
}

export type QueueRow = {
  id: string;
  reference: string;
  summary: string;
  reporterName: string;
  status: ReportStatus;
  source: "WEB" | "MAINTAINER";
  encrypted: boolean;
  confirmedAt: Date;
  acknowledgedAt: Date | null;
  clock: ReportClock;
};

const ROW_SELECT = { id: true, reference: true, summary: true, reporterName: true, status: true, source: true, encrypted: true, confirmedAt: true, acknowledgedAt: true } as const;

/** At most this many reports per list (the filters narrow it). */
export const QUEUE_LIMIT = 500;

export async function listReportQueue(viewer: Viewer, filter: QueueFilter, now = new Date()): Promise<{ targetHours: number; rows: QueueRow[]; stats: AcknowledgementStats; overdue: number }> {
  const where = scope(viewer);
  const db = getDb();
  const targetHours = await acknowledgeTargetHours();
  const lateBefore = new Date(now.getTime() - targetHours * HOUR);
  const status: Prisma.ReportWhereInput =
    filter === "all" ? {} : filter === "open" ? { status: { in: ["RECEIVED", "ACKNOWLEDGED", "ACCEPTED"] } } : filter === "overdue" ? { status: "RECEIVED", confirmedAt: { lte: lateBefore } } : { status: filter };
  const [found, acknowledged, overdue] = await Promise.all([
    db.report.findMany({ where: { AND: [where, status] }, orderBy: [{ confirmedAt: "desc" }, { id: "asc" }], take: QUEUE_LIMIT, select: ROW_SELECT }),
    db.report.findMany({ where: { AND: [where, { acknowledgedAt: { not: null }, confirmedAt: { not: null } }] }, select: { confirmedAt: true, acknowledgedAt: true } }),
    db.report.count({ where: { AND: [where, { status: "RECEIVED", confirmedAt: { lte: lateBefore } }] } }),
  ]);
  const rows = found.filter((r) => r.confirmedAt !== null).map((r) => ({ ...r, confirmedAt: r.confirmedAt!, clock: reportClock({ status: r.status, confirmedAt: r.confirmedAt! }, targetHours, now) }));
  const stats = acknowledgementStats(acknowledged.map((r) => ({ confirmedAt: r.confirmedAt!, acknowledgedAt: r.acknowledgedAt! })), targetHours);
  return { targetHours, rows: queueOrder(rows), stats, overdue };
}

export type OverdueReport = { id: string; reference: string; reporterName: string; confirmedAt: Date; deadline: Date };

/** Reports past their acknowledgement target, longest overdue first (the maintainer's home). */
export async function listOverdueReports(viewer: Viewer, now = new Date(), take = 20): Promise<{ total: number; targetHours: number; items: OverdueReport[] }> {
  const where = scope(viewer);
  const targetHours = await acknowledgeTargetHours();
  const late = { AND: [where, { status: "RECEIVED" as const, confirmedAt: { lte: new Date(now.getTime() - targetHours * HOUR) } }] };
  const db = getDb();
  const [total, rows] = await Promise.all([
    db.report.count({ where: late }),
    db.report.findMany({ where: late, orderBy: [{ confirmedAt: "asc" }, { id: "asc" }], take, select: { id: true, reference: true, reporterName: true, confirmedAt: true } }),
  ]);
  return { total, targetHours, items: rows.map((r) => ({ ...r, confirmedAt: r.confirmedAt!, deadline: new Date(r.confirmedAt!.getTime() + targetHours * HOUR) })) };
}

/** One report as maintainers see it: content, reporter, files (without their bytes), thread, timeline, linked notice. */
export async function getQueueReport(viewer: Viewer, reportId: string, now = new Date()) {
  const where = scope(viewer);
  const db = getDb();
  const report = await db.report.findFirst({
    where: { AND: [where, { id: reportId }] },
    select: {
      ...ROW_SELECT,
      details: true,
      reproduction: true,
      affectedVersions: true,
      creditKind: true,
      creditText: true,
      statusReason: true,
      duplicateOfId: true,
      submittedAt: true,
      acknowledgedById: true,
      createdById: true,
      updatedAt: true,
      reporter: { select: { email: true, name: true, role: true } },
      notice: { select: { id: true, reference: true, state: true, title: true } },
      attachments: { orderBy: { createdAt: "asc" }, select: { id: true, filename: true, contentType: true, size: true, sha256: true, encrypted: true, createdAt: true } },
      messages: { orderBy: [{ at: "asc" }, { id: "asc" }], take: 500, select: { id: true, authorId: true, fromMaintainer: true, body: true, at: true } },
      updates: { orderBy: [{ at: "asc" }, { id: "asc" }], select: { id: true, kind: true, status: true, disclosureAt: true, message: true, at: true } },
    },
  });
  if (!report || !report.confirmedAt) throw new NotFoundError();
  const people = [...new Set([...report.messages.filter((m) => m.fromMaintainer).map((m) => m.authorId), report.acknowledgedById, report.createdById].filter((v): v is string => !!v))];
  const [maintainers, duplicateOf, targetHours] = await Promise.all([
    db.user.findMany({ where: { id: { in: people } }, select: { id: true, email: true, name: true } }),
    report.duplicateOfId ? db.report.findFirst({ where: { AND: [where, { id: report.duplicateOfId }] }, select: { id: true, reference: true } }) : null,
    acknowledgeTargetHours(),
  ]);
  const who = new Map(maintainers.map((p) => [p.id, p.name ?? p.email]));
  return {
    ...report,
    confirmedAt: report.confirmedAt,
    targetHours,
    clock: reportClock({ status: report.status, confirmedAt: report.confirmedAt }, targetHours, now),
    acknowledgedBy: report.acknowledgedById ? (who.get(report.acknowledgedById) ?? "a former maintainer") : null,
    createdBy: report.createdById ? (who.get(report.createdById) ?? "a former maintainer") : null,
    duplicateOf,
    messages: report.messages.map((m) => ({ id: m.id, fromMaintainer: m.fromMaintainer, body: m.body, at: m.at, from: m.fromMaintainer ? (who.get(m.authorId) ?? "a former maintainer") : `${report.reporterName} (reporter)` })),
  };
}
export type QueueReport = Awaited<ReturnType<typeof getQueueReport>>;

/** A report's file, through the report's scope (never by id alone); each download is audited. */
export async function getReportAttachmentForDownload(viewer: Viewer, reportId: string, attachmentId: string, request: RequestInfo) {
  const where = scope(viewer);
  const me = reportManager(viewer);
  const file = await getDb().reportAttachment.findFirst({
    where: { id: attachmentId, report: { AND: [where, { id: reportId }] } },
    select: { id: true, filename: true, contentType: true, size: true, sha256: true, encrypted: true, data: true, report: { select: { reference: true } } },
  });
  if (!file) throw new NotFoundError();
  await recordAudit({ actor: actor(me), action: "report.attachment-downloaded", target: { type: "report", id: reportId }, ip: request.ip, details: { reference: file.report.reference, attachmentId: file.id } });
  return file;
}
