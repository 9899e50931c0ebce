// A report's status as its sender reads it: the same word the maintainers set, and what it means for them.
// Colour always pairs with the word; every pair passes WCAG AA contrast.
import type { ReportStatus } from "@/generated/prisma/enums";
import { REPORT_STATUS_LABELS } from "@/lib/reports/policy";

const STYLES: Record<ReportStatus, string> = {
  UNCONFIRMED: "bg-slate-100 text-slate-800",
  RECEIVED: "bg-sky-100 text-sky-900",
  ACKNOWLEDGED: "bg-indigo-100 text-indigo-900",
  ACCEPTED: "bg-amber-100 text-amber-900",
  DECLINED: "bg-slate-200 text-slate-800",
  DUPLICATE: "bg-slate-200 text-slate-800",
  FIXED: "bg-green-100 text-green-900",
  DISCLOSED: "bg-green-100 text-green-900",
};

/** What each status means for the person who reported. */
export const REPORTER_STATUS_MEANINGS: Record<ReportStatus, string> = {
  UNCONFIRMED: "Your address is not confirmed yet: the security team has not seen this report.",
  RECEIVED: "The security team has your report. They aim to acknowledge it soon; you are emailed when they do.",
  ACKNOWLEDGED: "The security team has read your report and is looking into it. They may write to you below.",
  ACCEPTED: "The security team confirmed the vulnerability and is preparing a fix and an advisory.",
  DECLINED: "The security team decided not to treat this as a vulnerability. Their reason is below; you can answer them in the messages.",
  DUPLICATE: "This issue was already reported. The security team's note is below; you can answer them in the messages.",
  FIXED: "A fix is ready. The issue stays private until the planned disclosure date.",
  DISCLOSED: "The issue is public. The advisory's link is below.",
};

export function ReportStatusBadge({ status }: { status: ReportStatus }) {
  return <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${STYLES[status]}`}>{REPORT_STATUS_LABELS[status]}</span>;
}
