// One approval request as the approvers read it: what exactly would happen (the preview the requester saw), who asked
// and why, until when, and what became of it.
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import type { ApprovalRequestView } from "@/lib/approvals/data";
import { approvalReference } from "@/lib/approvals/mail";

export const STATUS_LABELS: Record<string, string> = {
  PENDING: "waiting for approval",
  EXECUTING: "approved, being done",
  EXECUTED: "approved and done",
  FAILED: "approved, but it could not be done",
  DECLINED: "declined",
  EXPIRED: "expired",
  VOID: "void (it changed after it was asked)",
};

function badgeTone(r: ApprovalRequestView): string {
  if (r.breakGlass) return "bg-red-100 text-red-900";
  if (r.status === "PENDING") return "bg-amber-100 text-amber-900";
  if (r.status === "EXECUTED") return "bg-emerald-100 text-emerald-900";
  return "bg-slate-100 text-slate-800";
}

export function RequestCard({ request: r, heading = "h2", link = false }: { request: ApprovalRequestView; heading?: "h2" | "h3"; link?: boolean }) {
  const H = heading;
  const label = r.breakGlass ? `${STATUS_LABELS[r.status]}, without approval (break-glass)` : STATUS_LABELS[r.status];
  return (
    <Card className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <H className="text-lg font-semibold break-words">{link ? <Link href={`/maintainer/approvals/${r.id}`} className="text-indigo-700 underline">{r.label}</Link> : r.label}</H>
        <span className="font-mono text-sm text-slate-700">{approvalReference(r.id)}</span>
      </div>
      <p className="text-sm">
        <span className={`rounded px-2 py-0.5 font-medium ${badgeTone(r)}`}>{label}</span>
      </p>
      <div className="rounded-md border border-slate-200 bg-slate-50 p-3">
        <p className="font-medium break-words">{r.preview.title}</p>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm break-words text-slate-800">
          {r.preview.lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      </div>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-600">Asked by</dt>
        <dd className="break-all">
          {r.requestedByEmail} <Time value={r.createdAt} />
        </dd>
        <dt className="text-slate-600">Why</dt>
        <dd className="break-words whitespace-pre-line">{r.reason}</dd>
        {r.status === "PENDING" ? (
          <>
            <dt className="text-slate-600">Open until</dt>
            <dd>
              <Time value={r.expiresAt} />
            </dd>
          </>
        ) : null}
        {r.decidedByEmail ? (
          <>
            <dt className="text-slate-600">{r.status === "DECLINED" ? "Declined by" : "Decided by"}</dt>
            <dd className="break-all">
              {r.decidedByEmail} {r.decidedAt ? <Time value={r.decidedAt} /> : null}
            </dd>
          </>
        ) : null}
        {r.declineReason ? (
          <>
            <dt className="text-slate-600">Their reason</dt>
            <dd className="break-words whitespace-pre-line">{r.declineReason}</dd>
          </>
        ) : null}
        {r.outcome ? (
          <>
            <dt className="text-slate-600">Outcome</dt>
            <dd className="break-words">{r.outcome}</dd>
          </>
        ) : null}
        {r.collectedAt ? (
          <>
            <dt className="text-slate-600">Downloaded</dt>
            <dd>
              <Time value={r.collectedAt} /> (once only)
            </dd>
          </>
        ) : null}
        {r.collect ? (
          <>
            <dt className="text-slate-600">Your download</dt>
            <dd>
              <a href={r.collect.href} className="font-medium text-indigo-700 underline">
                Download the approved export (once)
              </a>{" "}
              until <Time value={r.collect.until} />
            </dd>
          </>
        ) : null}
        {r.target.type === "notice" ? (
          <>
            <dt className="text-slate-600">About</dt>
            <dd>
              <Link href={`/maintainer/notices/${r.target.id}`} className="text-indigo-700 underline">
                the notice
              </Link>
            </dd>
          </>
        ) : null}
      </dl>
    </Card>
  );
}
