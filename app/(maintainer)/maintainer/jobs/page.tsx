import type { Metadata } from "next";
import { ScrollArea } from "@/components/ui/scroll-area";
import Link from "next/link";
import { notFound } from "next/navigation";
import { JobStateBadge } from "@/components/jobs/job-state-badge";
import { RetryJobButton } from "@/components/jobs/retry-job-button";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Time } from "@/components/ui/time";
import { getQueueCounts, listJobs } from "@/lib/jobs/data";
import { JOB_STATE_LABELS, JOB_STATES } from "@/lib/jobs/policy";
import { QUEUE_LABELS } from "@/lib/jobs/queues";
import { JobFilterSchema, QUEUE_NAMES, type JobFilter } from "@/lib/jobs/schemas";
import { NotFoundError } from "@/lib/server/errors";
import { requireArea } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Jobs" };

function orNotFound(error: unknown): never {
  if (error instanceof NotFoundError) notFound();
  throw error;
}

export default async function JobsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireArea("maintainer", "/maintainer/jobs");
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== ""));
  const parsed = JobFilterSchema.safeParse(raw);
  const filter: JobFilter = parsed.success ? parsed.data : {};
  const [counts, jobs] = await Promise.all([getQueueCounts(viewer), listJobs(viewer, filter)]).catch(orNotFound);

  return (
    <div className="space-y-6">
      <PageHeader
        title="Jobs"
        description="The background work of this instance: sending email batches, the outbox upkeep, disclosures and reminders. A job's data is ids only. A disclosure job whose notice is no longer embargoed, or whose date moved, is not listed: it would do nothing. Times in UTC with your local time."
      />
      <ScrollArea label="Jobs per queue" className="rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Jobs per queue, counted now</caption>
          <thead className="bg-slate-50 text-left text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">Queue</th>
              <th scope="col" className="px-3 py-2 text-right">Queued</th>
              <th scope="col" className="px-3 py-2 text-right">Running</th>
              <th scope="col" className="px-3 py-2 text-right">Failed</th>
              <th scope="col" className="px-3 py-2 text-right">Completed</th>
              <th scope="col" className="px-3 py-2 text-right">Cancelled</th>
              <th scope="col" className="px-3 py-2 text-right">Kept</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {counts.map((q) => (
              <tr key={q.queue}>
                <th scope="row" className="min-w-52 px-3 py-2 text-left font-normal">
                  <span className="font-medium">{q.label}</span> <span className="block font-mono text-xs text-slate-600">{q.queue}</span>
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{q.queued}</td>
                <td className="px-3 py-2 text-right tabular-nums">{q.active}</td>
                <td className={`px-3 py-2 text-right tabular-nums ${q.failed > 0 ? "font-semibold text-red-800" : ""}`}>{q.failed}</td>
                <td className="px-3 py-2 text-right tabular-nums">{q.completed}</td>
                <td className="px-3 py-2 text-right tabular-nums">{q.cancelled}</td>
                <td className="px-3 py-2 text-right tabular-nums text-slate-700">{q.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>

      <Card>
        <form method="get" className="flex flex-wrap items-end gap-4" aria-label="Filter the jobs">
          <div>
            <label htmlFor="jobs-queue" className="block text-sm font-medium text-slate-800">
              Queue
            </label>
            <select id="jobs-queue" name="queue" defaultValue={filter.queue ?? ""} className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-2 sm:w-64">
              <option value="">Any</option>
              {QUEUE_NAMES.map((q) => (
                <option key={q} value={q}>
                  {QUEUE_LABELS[q]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="jobs-state" className="block text-sm font-medium text-slate-800">
              State
            </label>
            <select id="jobs-state" name="state" defaultValue={filter.state ?? ""} className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-2 sm:w-48">
              <option value="">Any</option>
              {JOB_STATES.map((s) => (
                <option key={s} value={s}>
                  {JOB_STATE_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="flex items-end gap-2">
            <Button type="submit">Filter</Button>
            <Link href="/maintainer/jobs" className="px-2 py-2 text-sm text-indigo-700 underline">
              Clear
            </Link>
          </div>
        </form>
        {!parsed.success ? (
          <div className="mt-4">
            <Notice tone="error">Some filters were not understood and were ignored: {parsed.error.issues.map((i) => i.path.join(".") || "filter").join(", ")}.</Notice>
          </div>
        ) : null}
      </Card>

      <section aria-labelledby="recent-heading" className="space-y-3">
        <h2 id="recent-heading" className="text-lg font-semibold">
          Recent jobs <span className="text-sm font-normal text-slate-600">(newest first, last 100)</span>
        </h2>
        <ScrollArea label="Recent jobs" className="rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Recent jobs</caption>
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">Job</th>
                <th scope="col" className="px-3 py-2">State, attempts, failure</th>
                <th scope="col" className="px-3 py-2">Times</th>
                <th scope="col" className="px-3 py-2">Data (ids only)</th>
                <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {jobs.length === 0 ? (
                <tr>
                  <td colSpan={5} className="px-3 py-6 text-center text-slate-600">No jobs match.</td>
                </tr>
              ) : (
                jobs.map((j) => (
                  <tr key={j.id} className="align-top">
                    <td className="min-w-48 px-3 py-2">
                      <span className="block whitespace-nowrap font-medium">{j.queueLabel}</span>
                      <span className="block max-w-48 font-mono text-xs break-all text-slate-600">{j.id}</span>
                    </td>
                    <td className="min-w-36 max-w-xs px-3 py-2">
                      <JobStateBadge state={j.state} />
                      <span className="mt-1 block whitespace-nowrap text-xs tabular-nums text-slate-700">
                        {j.attempts.made} of {j.attempts.allowed} attempts
                      </span>
                      {j.failure ? <span className="mt-1 block text-xs break-words text-red-800">{j.failure}</span> : null}
                    </td>
                    <td className="px-3 py-2">
                      <dl className="grid grid-cols-[auto_1fr] gap-x-2 whitespace-nowrap text-xs">
                        <dt className="text-slate-600">created</dt>
                        <dd><Time value={j.createdOn} /></dd>
                        {j.startedOn ? (
                          <>
                            <dt className="text-slate-600">started</dt>
                            <dd><Time value={j.startedOn} /></dd>
                          </>
                        ) : null}
                        {j.completedOn ? (
                          <>
                            <dt className="text-slate-600">{j.state === "failed" ? "failed" : j.state === "cancelled" ? "cancelled" : "finished"}</dt>
                            <dd><Time value={j.completedOn} /></dd>
                          </>
                        ) : null}
                        {j.waitsUntil ? (
                          <>
                            <dt className="text-slate-600">runs after</dt>
                            <dd><Time value={j.waitsUntil} /></dd>
                          </>
                        ) : null}
                      </dl>
                    </td>
                    <td className="min-w-52 px-3 py-2 font-mono text-xs">
                      {Object.keys(j.data).length === 0 ? <span className="font-sans text-slate-500">none</span> : null}
                      {Object.entries(j.data).map(([k, v]) => (
                        <span key={k} className="block max-w-48 break-all">
                          {k}: {v}
                        </span>
                      ))}
                      {j.dispatchId ? (
                        <Link href={`/maintainer/deliveries/${j.dispatchId}`} className="mt-1 inline-block font-sans text-indigo-700 underline">
                          Its send
                        </Link>
                      ) : null}
                    </td>
                    <td className="px-3 py-2">
                      <RetryJobButton queue={j.queue} jobId={j.id} retryable={j.retry.ok} note={j.state === "failed" && !j.retry.ok ? j.retry.reason : undefined} />
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </ScrollArea>
      </section>
    </div>
  );
}
