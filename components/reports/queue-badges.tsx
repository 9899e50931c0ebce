// A report's status and its acknowledgement clock in the queue. Colours pair with a word, never alone.
import type { ReportStatus } from "@/generated/prisma/enums";
import { REPORT_STATUS_LABELS } from "@/lib/reports/policy";
import type { ReportClock } from "@/lib/reports/queue-clock";
import { timeLeftShort } from "@/lib/time/time-left";

const STYLES: Record<ReportStatus, string> = {
  UNCONFIRMED: "bg-slate-100 text-slate-800 ring-slate-300",
  RECEIVED: "bg-sky-100 text-sky-900 ring-sky-300",
  ACKNOWLEDGED: "bg-indigo-100 text-indigo-900 ring-indigo-300",
  ACCEPTED: "bg-amber-100 text-amber-900 ring-amber-300",
  DECLINED: "bg-slate-200 text-slate-800 ring-slate-300",
  DUPLICATE: "bg-slate-200 text-slate-800 ring-slate-300",
  FIXED: "bg-green-100 text-green-900 ring-green-300",
  DISCLOSED: "bg-green-100 text-green-900 ring-green-300",
};

export function ReportStatusBadge({ status }: { status: ReportStatus }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${STYLES[status]}`}>{REPORT_STATUS_LABELS[status]}</span>;
}

/** "Overdue · 2 h 5 min ago", "3 h 20 min left", or "—" once the clock stopped. */
export function ClockText({ clock, now }: { clock: ReportClock; now: Date }) {
  if (!clock.running) return <span className="text-slate-600">clock stopped</span>;
  if (clock.overdue)
    return (
      <span className="font-semibold text-red-800">
        <span className="mr-1 inline-block rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">Overdue</span>
        target passed {timeLeftShort(now, clock.deadline)}
      </span>
    );
  return <span className={clock.dueForReminder ? "font-medium text-amber-900" : "text-slate-700"}>{timeLeftShort(now, clock.deadline)}</span>;
}
