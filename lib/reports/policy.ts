// Who may see and do what with vulnerability reports. Pure functions, decided from the viewer and the report's facts.
//
// Two kinds of access, never mixed:
// - maintainers who passed their second factor manage every confirmed report (the intake queue);
// - the person who sent a report (a reporter's account, or a vendor or maintainer who reported) reads only their own.
// An unconfirmed report is nobody's to read: its address has not been proven yet. A reporter never sees
// organisations, recipients, vendors' responses, tracking, or another report (the reads select report columns only).
import type { ReportCredit, ReportStatus } from "@/generated/prisma/enums";
import type { MaintainerViewer, SignedInViewer, Viewer } from "@/lib/server/viewer-types";

/** A Prisma `where` on Report (kept as plain data: policies do not import the client). */
export type ReportWhere = { reporterId?: string; status: { not: ReportStatus } };

export function canManageReports(viewer: Viewer): viewer is MaintainerViewer {
  return viewer.kind === "maintainer" && viewer.secondFactor;
}

/** The reports a maintainer's queue holds: every confirmed one. */
export function managedReportScope(viewer: Viewer): ReportWhere | null {
  return canManageReports(viewer) ? { status: { not: "UNCONFIRMED" } } : null;
}

/**
 * The reports a person may read as their sender: their own confirmed ones. `mayEnter` is the caller's check of the
 * viewer's area (a vendor or maintainer still owing their second factor is not in).
 */
export function ownReportScope(viewer: Viewer, mayEnter: boolean): ReportWhere | null {
  if (viewer.kind === "anonymous" || !mayEnter) return null;
  return { reporterId: viewer.userId, status: { not: "UNCONFIRMED" } };
}

/** Whether this viewer sent the report (the reporter's side of the thread and the credit). */
export function isReporterOf(viewer: SignedInViewer, report: { reporterId: string }): boolean {
  return report.reporterId === viewer.userId;
}

/** Status changes a maintainer may make by hand. FIXED and DISCLOSED also follow the linked notice. */
const TRANSITIONS: Record<ReportStatus, readonly ReportStatus[]> = {
  UNCONFIRMED: [],
  RECEIVED: ["ACKNOWLEDGED", "ACCEPTED", "DECLINED", "DUPLICATE"],
  ACKNOWLEDGED: ["ACCEPTED", "DECLINED", "DUPLICATE"],
  ACCEPTED: ["FIXED", "DECLINED"],
  // Reopening a closed report puts it back in the queue, acknowledged.
  DECLINED: ["ACKNOWLEDGED"],
  DUPLICATE: ["ACKNOWLEDGED"],
  FIXED: ["DISCLOSED"],
  DISCLOSED: [],
};

export function mayMoveReport(from: ReportStatus, to: ReportStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Statuses whose acknowledgement clock is still running (confirmed, not yet acknowledged). */
export const AWAITING_ACKNOWLEDGEMENT: readonly ReportStatus[] = ["RECEIVED"];

/** Closed statuses: no more reminders, no clock. */
export const CLOSED_STATUSES: readonly ReportStatus[] = ["DECLINED", "DUPLICATE", "DISCLOSED"];

/** The reporter chooses how they are credited until the advisory is public. */
export function mayChangeCredit(report: { status: ReportStatus }, notice: { state: string } | null): boolean {
  if (report.status === "DISCLOSED" || report.status === "UNCONFIRMED") return false;
  return notice === null || notice.state === "DRAFT" || notice.state === "EMBARGOED";
}

/** The credit line as it will be published; null when the reporter chose not to be credited. */
export function creditLine(kind: ReportCredit, text: string | null): string | null {
  if (kind === "NONE") return null;
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}

/** Human labels, shared by both sides (a reporter reads the same words a maintainer sets). */
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  UNCONFIRMED: "Waiting for address confirmation",
  RECEIVED: "Received",
  ACKNOWLEDGED: "Acknowledged",
  ACCEPTED: "Accepted",
  DECLINED: "Declined",
  DUPLICATE: "Duplicate",
  FIXED: "Fixed",
  DISCLOSED: "Disclosed",
};

export const CREDIT_LABELS: Record<ReportCredit, string> = {
  NAME: "By name",
  HANDLE: "By handle",
  ORGANISATION: "By organisation",
  NONE: "Not credited",
};

/**
 * The reports a notice was made from whose reporters follow it: told its dates, credited in it. A report declined or
 * sent back to the queue after it was accepted keeps its notice id (history) but is neither told nor credited.
 */
export const LINKED_REPORT_STATUSES: readonly ReportStatus[] = ["ACCEPTED", "FIXED", "DISCLOSED"];

/**
 * The notice's credit from its linked reports (in the order they were confirmed): each reporter's own choice, all of
 * them named; `optOut` when none of them wishes to be credited. Null when the notice has no linked report (the
 * maintainers' own entry stands).
 */
export function noticeCredit(reports: ReadonlyArray<{ creditKind: ReportCredit; creditText: string | null }>): { reporterCredit: string | null; reporterOptOut: boolean } | null {
  if (reports.length === 0) return null;
  const lines = [...new Set(reports.map((r) => creditLine(r.creditKind, r.creditText)).filter((l): l is string => l !== null))];
  if (lines.length === 0) return { reporterCredit: null, reporterOptOut: true };
  const joined = lines.length === 1 ? lines[0]! : `${lines.slice(0, -1).join(", ")} and ${lines.at(-1)!}`;
  return { reporterCredit: joined, reporterOptOut: false };
}
