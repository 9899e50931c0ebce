import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ClockText, ReportStatusBadge } from "@/components/reports/queue-badges";
import { Card, PageHeader } from "@/components/ui/card";
import { ScrollArea } from "@/components/ui/scroll-area";
import { Time } from "@/components/ui/time";
import { requireArea } from "@/lib/auth/guards";
import { listReportQueue } from "@/lib/reports/data";
import { REPORT_STATUS_LABELS } from "@/lib/reports/policy";
import { formatDuration } from "@/lib/reports/queue-clock";
import { QueueFilterSchema, type QueueFilter } from "@/lib/reports/queue-schemas";
import { NotFoundError } from "@/lib/server/errors";

export const metadata: Metadata = { title: "Reports" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const FILTERS: Array<{ value: QueueFilter; label: string }> = [
  { value: "open", label: "Open" },
  { value: "overdue", label: "Overdue" },
  ...(["RECEIVED", "ACKNOWLEDGED", "ACCEPTED", "DECLINED", "DUPLICATE", "FIXED", "DISCLOSED"] as const).map((s) => ({ value: s, label: REPORT_STATUS_LABELS[s] })),
  { value: "all", label: "All" },
];

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** The intake queue: every confirmed report with its acknowledgement clock, overdue first, and how the team keeps the target. */
export default async function ReportsPage({ searchParams }: Props) {
  const viewer = await requireArea("maintainer", "/maintainer/reports");
  const { status: filter } = QueueFilterSchema.parse(await searchParams);
  const now = new Date();
  const queue = await listReportQueue(viewer, filter, now).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const { stats, targetHours } = queue;
  const label = FILTERS.find((f) => f.value === filter)!.label;

  return (
    <div className="space-y-6">
      <PageHeader
        title="Reports"
        description={`Vulnerability reports, once their sender confirmed the address. The project acknowledges each within ${targetHours} hours of its confirmation; overdue reports come first. Times in UTC with your local time.`}
        actions={
          <Link href="/maintainer/reports/new" className="inline-flex items-center rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">
            Enter a report by hand
          </Link>
        }
      />
      <section aria-labelledby="stats-heading">
        <h2 id="stats-heading" className="sr-only">
          Acknowledgement statistics
        </h2>
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          <div className={`rounded-lg border p-4 shadow-sm ${queue.overdue > 0 ? "border-red-300 bg-red-50" : "border-slate-200 bg-white"}`}>
            <dt className="text-sm text-slate-700">Overdue now</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{queue.overdue}</dd>
          </div>
          <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <dt className="text-sm text-slate-700">Median time to acknowledge</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{stats.medianMs === null ? "—" : formatDuration(stats.medianMs)}</dd>
          </div>
          <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <dt className="text-sm text-slate-700">Acknowledged within {targetHours} h</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{stats.share === null ? "—" : `${Math.round(stats.share * 100)}%`}</dd>
          </div>
        </dl>
        <p className="mt-2 text-sm text-slate-700">
          {stats.acknowledged === 0
            ? "No report has been acknowledged yet: the figures appear with the first."
            : `Over ${plural(stats.acknowledged, "acknowledged report")} (${stats.withinTarget} within the target), from confirmation to acknowledgement. Accepting, declining or marking a duplicate acknowledges too.`}
        </p>
      </section>
      <nav aria-label="Filter reports by status" className="flex flex-wrap gap-2 text-sm">
        {FILTERS.map((f) => (
          <Link
            key={f.value}
            href={f.value === "open" ? "/maintainer/reports" : `/maintainer/reports?status=${f.value}`}
            aria-current={filter === f.value ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${filter === f.value ? "border-indigo-700 bg-indigo-700 text-white" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50"}`}
          >
            {f.label}
          </Link>
        ))}
      </nav>
      {queue.rows.length === 0 ? (
        <Card>
          <p className="text-slate-700">{filter === "open" ? "No open reports." : `No reports: ${label.toLowerCase()}.`}</p>
        </Card>
      ) : (
        <ScrollArea label="Reports" className="rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Reports, {label.toLowerCase()}, overdue first</caption>
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">Report</th>
                <th scope="col" className="px-3 py-2">Reporter</th>
                <th scope="col" className="px-3 py-2">Status</th>
                <th scope="col" className="px-3 py-2">Confirmed</th>
                <th scope="col" className="px-3 py-2">Acknowledgement clock</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {queue.rows.map((r) => (
                <tr key={r.id} className={`align-top ${r.clock.overdue ? "bg-red-50" : ""}`} data-overdue={r.clock.overdue ? "true" : undefined}>
                  <th scope="row" className="min-w-64 px-3 py-2 text-left font-normal">
                    <span className="block font-mono text-xs text-slate-700">
                      {r.reference}
                      {r.encrypted ? " · encrypted" : ""}
                      {r.source === "MAINTAINER" ? " · entered by hand" : ""}
                    </span>
                    <Link href={`/maintainer/reports/${r.id}`} className="font-medium break-words text-indigo-700 underline decoration-indigo-300 underline-offset-2 hover:decoration-indigo-700">
                      {r.summary}
                    </Link>
                    {/* On a phone the table scrolls sideways: the status and the clock are repeated where the eye starts. */}
                    <span className="mt-1 flex flex-wrap items-center gap-2 text-xs sm:hidden">
                      <ReportStatusBadge status={r.status} />
                      <ClockText clock={r.clock} now={now} />
                    </span>
                  </th>
                  <td className="min-w-32 px-3 py-2 break-words">{r.reporterName}</td>
                  <td className="px-3 py-2">
                    <ReportStatusBadge status={r.status} />
                  </td>
                  <td className="min-w-48 px-3 py-2 [&_time>span]:block">
                    <Time value={r.confirmedAt} />
                  </td>
                  <td className="min-w-44 px-3 py-2">
                    <ClockText clock={r.clock} now={now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )}
    </div>
  );
}
