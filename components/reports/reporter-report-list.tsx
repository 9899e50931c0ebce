// The reporter's own reports: reference, summary, status, when sent (with its zone). A table on a wide screen; the
// same rows stack on a phone.
import Link from "next/link";
import { Time } from "@/components/ui/time";
import type { OwnReportSummary } from "@/lib/reports/data";
import { ReportStatusBadge } from "./reporter-status";

export function ReporterReportList({ reports }: { reports: OwnReportSummary[] }) {
  return (
    <ul className="divide-y divide-slate-200" aria-label="Your reports">
      {reports.map((r) => (
        <li key={r.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:gap-4">
          <span className="font-mono text-sm text-slate-700 sm:w-28 sm:shrink-0">{r.reference}</span>
          <Link href={`/reporter/reports/${r.id}`} className="min-w-0 flex-1 break-words font-medium text-indigo-700 underline">
            {r.summary}
          </Link>
          <span className="sm:w-36 sm:shrink-0">
            <ReportStatusBadge status={r.status} />
          </span>
          <span className="text-sm text-slate-700 sm:w-auto">
            Sent <Time value={r.submittedAt} />
          </span>
        </li>
      ))}
    </ul>
  );
}
