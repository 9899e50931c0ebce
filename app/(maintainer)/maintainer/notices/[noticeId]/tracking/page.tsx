import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { AckBar } from "@/components/notices/ack-bar";
import { timeLeftShort } from "@/lib/time/time-left";
import { formatHours, formatShare } from "@/components/notices/labels";
import { RemindButton, RemindOneForm } from "@/components/notices/remind-button";
import { NoticeStateBadge } from "@/components/notices/state-badge";
import { LiveRefresh } from "@/components/mail/live-refresh";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Time } from "@/components/ui/time";
import { TrackingRows } from "@/components/notices/tracking-rows";
import { TrackingPager, TrackingSearch, trackingHref } from "@/components/notices/tracking-pager";
import { getTracking, notificationProgress, sendProgress, type NotificationProgress, type SendProgress, type TrackingFilter } from "@/lib/notices/data";
import { TRACKING_STATUSES, TrackingFilterSchema } from "@/lib/notices/schemas";
import { NotFoundError } from "@/lib/server/errors";
import { requireArea } from "@/lib/auth/guards";
import { getViewer } from "@/lib/auth/viewer";
import { ScrollArea } from "@/components/ui/scroll-area";

type Props = { params: Promise<{ noticeId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const LABELS: Record<(typeof TRACKING_STATUSES)[number], string> = { all: "All", "not-acknowledged": "Not acknowledged", acknowledged: "Acknowledged" };

function orNotFound(error: unknown): never {
  if (error instanceof NotFoundError) notFound();
  throw error;
}

function filterOf(search: Record<string, string | string[] | undefined>): TrackingFilter {
  const raw = Object.fromEntries(Object.entries(search).filter(([k, v]) => ["status", "q", "page"].includes(k) && typeof v === "string"));
  const parsed = TrackingFilterSchema.safeParse(raw);
  return parsed.success ? parsed.data : {};
}

// One read per request, shared by the metadata and the page (React cache, keyed by the filter's parts).
const loadTracking = cache(async (noticeId: string, status: TrackingFilter["status"], q: string | undefined, page: number | undefined) =>
  getTracking(await getViewer(), noticeId, { status, q, page }),
);
const trackingOf = (noticeId: string, f: TrackingFilter) => loadTracking(noticeId, f.status, f.q, f.page);

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const tracking = await trackingOf((await params).noticeId, filterOf(await searchParams)).catch(() => null);
  return { title: tracking ? `Tracking ${tracking.notice.reference}` : "Not found" };
}

const count = (n: number) => n.toLocaleString("en-GB");

/** A send to many organisations writes its recipients and emails in chunks: how far it got (shown until every chunk is written). */
function SendProgressNote({ progress }: { progress: SendProgress | null }) {
  if (!progress || (progress.finished && !progress.stoppedReason)) return null;
  const queued = `Emails queued for ${count(progress.queued)} of ${count(progress.organisations)} organisations`;
  if (progress.stoppedReason) return <Notice tone="warning">{`${queued}: ${progress.stoppedReason} The rest were not emailed; they are told by the notice's own update.`}</Notice>;
  return <Notice tone="info">{`${queued} so far. The rest are being added: each organisation is listed here, and can read the notice in the portal, from the moment its emails are queued.`}</Notice>;
}

/** A change's notification to the whole list, while its emails are still being queued (lib/notices/data/notifications.ts). */
function NotificationProgressNote({ progress }: { progress: NotificationProgress[] }) {
  return progress.map((p, i) => (
    <Notice key={i} tone="info">
      {p.stoppedReason
        ? `Emails of the ${p.what.replace("-", " ")} update were queued for ${count(p.queued)} of ${count(p.organisations)} organisations, then stopped: ${p.stoppedReason}`
        : `Emails of the ${p.what.replace("-", " ")} update queued for ${count(p.queued)} of ${count(p.organisations)} organisations so far; the rest follow shortly.`}
    </Notice>
  ));
}

export default async function TrackingPage({ params, searchParams }: Props) {
  const { noticeId } = await params;
  await requireArea("maintainer", `/maintainer/notices/${noticeId}/tracking`);
  const filter = filterOf(await searchParams);
  const { status = "all", q } = filter;
  const { notice, rows, stats, paging } = await trackingOf(noticeId, filter).catch(orNotFound);
  const progress = notice.state === "DRAFT" ? null : await sendProgress(await getViewer(), noticeId);
  const notifying = notice.state === "DRAFT" ? [] : await notificationProgress(await getViewer(), noticeId);
  const now = new Date();
  const embargoed = notice.state === "EMBARGOED";
  const silent = stats.organisations - stats.acknowledged;
  const counts: Record<(typeof TRACKING_STATUSES)[number], number> = { all: stats.organisations + stats.removed, "not-acknowledged": silent, acknowledged: stats.acknowledged };

  return (
    <div className="space-y-6">
      <Link href={`/maintainer/notices/${notice.id}`} className="text-sm text-indigo-700 underline">
        ← {notice.reference}
      </Link>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-mono text-slate-700">{notice.reference}</span>
            <NoticeStateBadge state={notice.state} />
          </p>
          <h1 className="mt-1 text-2xl font-bold tracking-tight text-slate-900">Tracking</h1>
          <p className="mt-1 text-sm break-words text-slate-700">{notice.title}</p>
          <p className="mt-1 text-sm text-slate-700">
            Public disclosure <Time value={notice.disclosedAt ?? notice.disclosureAt} />
            {embargoed ? <span className="text-slate-600"> · {timeLeftShort(now, notice.disclosureAt)}</span> : null}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {embargoed ? <LiveRefresh intervalMs={10_000} /> : null}
          <a href={`/api/notices/${encodeURIComponent(notice.id)}/tracking`} className="inline-flex items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-900 hover:bg-slate-50">
            Export CSV
          </a>
        </div>
      </header>

      {notice.state === "DRAFT" ? <Notice tone="info">This notice is a draft: nobody has been notified yet.</Notice> : null}
      <SendProgressNote progress={progress} />
      <NotificationProgressNote progress={notifying} />

      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Card className="p-4">
          <dt className="text-sm text-slate-600">Acknowledged</dt>
          <dd className="mt-2">
            <AckBar acknowledged={stats.acknowledged} total={stats.organisations} />
          </dd>
        </Card>
        <Card className="p-4">
          <dt className="text-sm text-slate-600">Acknowledged before disclosure</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums">{formatShare(stats.acknowledgedBeforeDisclosure, stats.organisations)}</dd>
          <dd className="text-sm text-slate-600 tabular-nums">
            {stats.acknowledgedBeforeDisclosure} of {stats.organisations}
            {embargoed ? " so far" : ""}
          </dd>
        </Card>
        <Card className="p-4">
          <dt className="text-sm text-slate-600">Median time to acknowledge</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums">{formatHours(stats.medianHoursToAcknowledge)}</dd>
          <dd className="text-sm text-slate-600">from notification</dd>
        </Card>
        <Card className="p-4">
          <dt className="text-sm text-slate-600">Not yet acknowledged</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums">{silent}</dd>
          {embargoed && silent > 0 ? (
            <dd className="mt-2">
              <RemindButton noticeId={notice.id} silent={silent} />
            </dd>
          ) : null}
        </Card>
      </dl>

      <section aria-labelledby="matrix-heading" className="space-y-3">
        <h2 id="matrix-heading" className="text-lg font-semibold">
          Organisations
        </h2>
        <TrackingSearch noticeId={notice.id} status={status} q={q} />
        <nav aria-label="Filter organisations" className="flex flex-wrap gap-2 text-sm">
          {TRACKING_STATUSES.map((value) => {
            const current = status === value;
            return (
              <Link
                key={value}
                href={trackingHref(notice.id, { status: value, q })}
                aria-current={current ? "page" : undefined}
                className={`rounded-full border px-3 py-1 ${current ? "border-indigo-700 bg-indigo-700 text-white" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50"}`}
              >
                {LABELS[value]} <span className="tabular-nums">({counts[value]})</span>
              </Link>
            );
          })}
        </nav>
        {embargoed ? <RemindOneForm noticeId={notice.id} /> : null}
        <ScrollArea label="Addressed organisations" className="rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">
              Addressed organisations of {notice.reference}
              {status === "all" ? "" : `, ${LABELS[status].toLowerCase()} only`}
              {q ? `, names containing “${q}”` : ""}, page {paging.page} of {paging.pages}. Times in UTC with your local time.
            </caption>
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">Organisation</th>
                <th scope="col" className="px-3 py-2">Notified</th>
                <th scope="col" className="px-3 py-2">First viewed</th>
                <th scope="col" className="px-3 py-2">Terms accepted</th>
                <th scope="col" className="px-3 py-2">Acknowledged</th>
                <th scope="col" className="px-3 py-2">Feedback</th>
                <th scope="col" className="px-3 py-2">Statement</th>
                <th scope="col" className="px-3 py-2">Emails</th>
                <th scope="col" className="px-3 py-2">Reminders</th>
                {embargoed ? (
                  <th scope="col" className="px-3 py-2">
                    <span className="sr-only">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={embargoed ? 10 : 9} className="px-3 py-6 text-center text-slate-600">
                    {stats.organisations + stats.removed === 0 ? "No organisation was addressed." : q ? "No organisation matches this search." : "No organisation matches this filter."}
                  </td>
                </tr>
              ) : (
                <TrackingRows rows={rows} noticeId={notice.id} embargoed={embargoed} />
              )}
            </tbody>
          </table>
        </ScrollArea>
        <TrackingPager noticeId={notice.id} status={status} q={q} paging={paging} />
        <p className="text-sm text-slate-600">
          An organisation counts as acknowledged when any of its members acknowledges. A page view is not an acknowledgement. Reminders go only to organisations that are still active. Removed organisations stay listed but count nowhere else.
        </p>
      </section>
    </div>
  );
}
