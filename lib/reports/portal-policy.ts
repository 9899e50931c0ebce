// The reporter's side of a report: what the person who sent it may read and do. Pure functions over the viewer and
// the report's facts (the Prisma scope is ownReportScope in ./policy.ts; these decide the same thing for one row).
//
// A report is its sender's alone — whatever their role (a vendor or maintainer who reported reads it here as its
// sender, never through this page as a manager). Nobody else reads it here: not another reporter, not a vendor, not a
// maintainer (who manages it from the queue). Unconfirmed reports are nobody's yet.
import type { NoticeState, ReportCredit, ReportStatus } from "@/generated/prisma/enums";
import type { Viewer } from "@/lib/server/viewer-types";
import { mayChangeCredit } from "./policy";

export type ReportFacts = { reporterId: string; status: ReportStatus };
export type LinkedNoticeFacts = { id: string; state: NoticeState; disclosureAt: Date | null; reference: string };

/** `mayEnter`: the caller's check that the viewer may use the reporter area now (second factor owed: not yet). */
export function mayReadOwnReport(viewer: Viewer, report: ReportFacts, mayEnter: boolean): boolean {
  if (viewer.kind === "anonymous" || !mayEnter) return false;
  return report.reporterId === viewer.userId && report.status !== "UNCONFIRMED";
}

/**
 * The sender may write to the maintainers in every confirmed status: to answer questions, contest a decline, or
 * correct the credit wording after disclosure. The thread is theirs and the maintainers' only.
 */
export function mayPostReporterMessage(viewer: Viewer, report: ReportFacts, mayEnter: boolean): boolean {
  return mayReadOwnReport(viewer, report, mayEnter);
}

/** The sender chooses their credit until the advisory is public (./policy.ts mayChangeCredit). */
export function mayChangeOwnCredit(viewer: Viewer, report: ReportFacts, notice: { state: NoticeState } | null, mayEnter: boolean): boolean {
  return mayReadOwnReport(viewer, report, mayEnter) && mayChangeCredit(report, notice);
}

/**
 * What a reporter may know of the notice their report was accepted into: its state; the planned disclosure time once
 * it was sent (a draft's date is not a plan yet); the reference and public page once disclosed. Never its title,
 * recipients, organisations, tracking or anything a vendor said.
 */
export type ReporterNoticeView = { state: NoticeState; disclosureAt: Date | null; reference: string | null; publicPath: string | null };

export function reporterNoticeView(notice: LinkedNoticeFacts | null): ReporterNoticeView | null {
  if (!notice) return null;
  const sent = notice.state === "EMBARGOED" || notice.state === "DISCLOSED";
  const disclosed = notice.state === "DISCLOSED";
  return {
    state: notice.state,
    disclosureAt: sent ? notice.disclosureAt : null,
    reference: disclosed ? notice.reference : null,
    publicPath: disclosed ? `/advisories/${notice.id}` : null,
  };
}

/** How a message in the reporter's thread is signed: the team, never a maintainer's name or address. */
export function reporterThreadAuthor(fromMaintainer: boolean): "Security team" | "You" {
  return fromMaintainer ? "Security team" : "You";
}

/** The credit choices, in the order a form offers them. */
export const REPORT_CREDITS = ["NAME", "HANDLE", "ORGANISATION", "NONE"] as const satisfies readonly ReportCredit[];
