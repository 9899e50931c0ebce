"use client";
// The rows of the tracking matrix (one page of organisations). A client component given the rows as data: the page's
// RSC payload then carries each row's values once, instead of every cell's element tree with its classes, and the
// server renders the row markup once (the HTML) instead of twice (the RSC tree, then the HTML from it). Plain links
// (not next/link): a page of 50 rows would otherwise prefetch 100 pages as they scroll into view, and render 100
// router-aware components on every view. The Remind buttons submit the page's one RemindOneForm.
import { FEEDBACK_LABELS, STATEMENT_LABELS } from "@/components/notices/labels";
import { RemindOneButton } from "@/components/notices/remind-button";
import { Time } from "@/components/ui/time";
import type { TrackingRow } from "@/lib/notices/data";

const never = <span className="text-slate-500">—</span>;
const at = (d: Date | null) => (d ? <Time value={d} /> : never);

/** A late addition or a removal under embargo, with who and why (the time of an addition is its "Notified"). */
function AudienceChange({ row }: { row: TrackingRow }) {
  if (row.removed) {
    return (
      <p className="mt-1 max-w-xs text-xs font-normal break-words text-red-800">
        <span className="font-semibold">Removed</span> <Time value={row.removed.at} /> by {row.removed.by ?? "a former maintainer"} — {row.removed.reason}
      </p>
    );
  }
  if (!row.added) return null;
  return (
    <p className="mt-1 max-w-xs text-xs font-normal break-words text-slate-700">
      <span className="font-semibold">Added</span> <Time value={row.notifiedAt} /> by {row.added.by ?? "a former maintainer"} — {row.added.reason}
    </p>
  );
}

function Emails({ d }: { d: TrackingRow["delivery"] }) {
  if (d.emails === 0) return <span className="text-slate-600">none</span>;
  return (
    <ul className="space-y-0.5 whitespace-nowrap">
      <li className="tabular-nums">
        {d.delivered} of {d.emails} delivered
      </li>
      {d.sent > 0 ? <li className="text-slate-700 tabular-nums">{d.sent} sent, not yet confirmed</li> : null}
      {d.queued > 0 ? <li className="text-slate-700 tabular-nums">{d.queued} queued</li> : null}
      {d.bounced + d.complained > 0 ? <li className="font-medium text-amber-800 tabular-nums">{d.bounced + d.complained} bounced</li> : null}
      {d.failed > 0 ? <li className="font-medium text-red-800 tabular-nums">{d.failed} failed</li> : null}
    </ul>
  );
}

export function TrackingRows({ rows, noticeId, embargoed }: { rows: TrackingRow[]; noticeId: string; embargoed: boolean }) {
  return rows.map((r) => (
      <tr key={r.recipientId} className={`align-top [&_time>span]:block [&_time]:whitespace-nowrap ${r.removed ? "bg-slate-50 text-slate-600" : ""}`}>
        <th scope="row" className="min-w-44 px-3 py-2 text-left font-medium">
          <a href={`/maintainer/directory/${r.organisationId}`} className="text-indigo-700 underline decoration-indigo-300 underline-offset-2">
            {r.organisation}
          </a>
          <a href={`/maintainer/notices/${noticeId}/threads/${r.recipientId}`} className="mt-1 block text-xs font-normal text-indigo-700 underline">
            Thread ({r.messages})
          </a>
          <AudienceChange row={r} />
        </th>
        <td className="px-3 py-2">{at(r.notifiedAt)}</td>
        <td className="px-3 py-2">{at(r.firstViewedAt)}</td>
        <td className="px-3 py-2">{at(r.termsAcceptedAt)}</td>
        <td className="px-3 py-2">
          {r.acknowledgedAt ? (
            <>
              <Time value={r.acknowledgedAt} />
              <span className="block text-xs break-all text-slate-600">by {r.acknowledgedBy ?? "a former member"}</span>
            </>
          ) : r.removed ? (
            never
          ) : (
            <span className="font-medium text-amber-800">not yet</span>
          )}
        </td>
        <td className="px-3 py-2 whitespace-nowrap">{r.feedback ? (FEEDBACK_LABELS[r.feedback] ?? r.feedback) : never}</td>
        <td className="min-w-40 px-3 py-2">
          {r.statement ? <span className="whitespace-nowrap">{STATEMENT_LABELS[r.statement] ?? r.statement}</span> : never}
          {r.statementComment ? <p className="mt-1 max-w-xs text-xs break-words whitespace-pre-line text-slate-700">{r.statementComment}</p> : null}
        </td>
        <td className="px-3 py-2">
          <Emails d={r.delivery} />
        </td>
        <td className="px-3 py-2">
          {r.reminders > 0 ? (
            <>
              <span className="tabular-nums">{r.reminders}</span>
              {r.remindedAt ? (
                <span className="block text-xs text-slate-600">
                  last <Time value={r.remindedAt} />
                </span>
              ) : null}
            </>
          ) : (
            <span className="text-slate-600">none</span>
          )}
        </td>
        {embargoed ? <td className="px-3 py-2">{r.acknowledgedAt || r.removed ? null : <RemindOneButton recipientId={r.recipientId} organisation={r.organisation} />}</td> : null}
      </tr>
  ));
}
