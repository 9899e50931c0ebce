// The notice page's summaries of what happened since sending: the tracking figures (acknowledgements, emails) and
// the organisations' threads, unanswered first. The full matrix and each thread live on their own pages.
import Link from "next/link";
import { Time } from "@/components/ui/time";
import type { NoticeOverview } from "@/lib/notices/data";
import { AckBar } from "./ack-bar";
import { formatHours } from "./labels";
import { RemindButton } from "./remind-button";

const box = "rounded-lg border border-slate-200 bg-white p-4 shadow-sm";

export function TrackingSummary({ noticeId, overview, embargoed }: { noticeId: string; overview: NoticeOverview; embargoed: boolean }) {
  const { stats, delivery } = overview;
  const silent = stats.organisations - stats.acknowledged;
  const undelivered = delivery.failed + delivery.bounced + delivery.complained;
  return (
    // A definition list holds only dt/dd and div groups of them.
    <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      <div className={box}>
        <dt className="text-sm text-slate-600">Acknowledged</dt>
        <dd className="mt-2">
          <AckBar acknowledged={stats.acknowledged} total={stats.organisations} />
        </dd>
        {stats.removed > 0 ? <dd className="mt-1 text-sm text-slate-600">{stats.removed} removed, not counted</dd> : null}
      </div>
      <div className={box}>
        <dt className="text-sm text-slate-600">Not yet acknowledged</dt>
        <dd className={`mt-1 text-2xl font-semibold tabular-nums ${silent > 0 ? "text-amber-800" : ""}`}>{silent}</dd>
        {embargoed && silent > 0 ? (
          <dd className="mt-2">
            <RemindButton noticeId={noticeId} silent={silent} />
          </dd>
        ) : null}
      </div>
      <div className={box}>
        <dt className="text-sm text-slate-600">Median time to acknowledge</dt>
        <dd className="mt-1 text-2xl font-semibold tabular-nums">{formatHours(stats.medianHoursToAcknowledge)}</dd>
        <dd className="text-sm text-slate-600">from notification</dd>
      </div>
      <div className={box}>
        <dt className="text-sm text-slate-600">Emails to the organisations</dt>
        <dd className="mt-1 text-2xl font-semibold tabular-nums">
          {delivery.delivered} <span className="text-base font-normal text-slate-700">of {delivery.emails} delivered</span>
        </dd>
        {delivery.queued + delivery.sent > 0 ? <dd className="text-sm text-slate-700 tabular-nums">{delivery.queued + delivery.sent} on their way</dd> : null}
        {undelivered > 0 ? (
          <dd className="text-sm font-medium text-red-800 tabular-nums">
            {delivery.failed > 0 ? `${delivery.failed} failed` : ""}
            {delivery.failed > 0 && delivery.bounced + delivery.complained > 0 ? ", " : ""}
            {delivery.bounced + delivery.complained > 0 ? `${delivery.bounced + delivery.complained} bounced` : ""}:{" "}
            <Link href={`/maintainer/notices/${noticeId}/tracking`} className="underline">
              see which
            </Link>
          </dd>
        ) : null}
      </div>
    </dl>
  );
}

export function ThreadList({ noticeId, overview }: { noticeId: string; overview: NoticeOverview }) {
  if (overview.threads.length === 0) {
    return <p className="text-sm text-slate-700">No organisation has written about this notice yet. Each organisation&apos;s thread opens from its row in tracking.</p>;
  }
  return (
    <>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Threads, unanswered first">
        {overview.threads.map((t) => (
          <li key={t.recipientId} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-3 text-sm">
            <span className="min-w-0">
              <Link href={`/maintainer/notices/${noticeId}/threads/${t.recipientId}`} className="font-medium break-words text-indigo-700 underline">
                {t.organisation}
              </Link>
              {t.removed ? <span className="text-slate-600"> (removed from the notice)</span> : null}
              <span className="block text-slate-700">
                {t.messages} message{t.messages === 1 ? "" : "s"}, the last <Time value={t.lastAt} />
              </span>
            </span>
            {t.awaitingAnswer ? <span className="rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-semibold text-amber-900">awaiting your answer</span> : null}
          </li>
        ))}
      </ul>
      {overview.moreThreads > 0 ? <p className="text-sm text-slate-700">{overview.moreThreads} more threads: open them from tracking.</p> : null}
    </>
  );
}
