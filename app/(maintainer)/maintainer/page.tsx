import type { Metadata } from "next";
import Link from "next/link";
import { AttentionSection, AttentionSummary, type AttentionGroup } from "@/components/maintainer/attention";
import { timeLeftShort } from "@/lib/time/time-left";
import { ActionForm } from "@/components/ui/action-form";
import { Time } from "@/components/ui/time";
import { approveColleagueAction, declineColleagueAction } from "@/lib/directory/actions";
import { getDirectoryOverview, listPendingColleagues } from "@/lib/directory/data";
import { listUndeliveredSends } from "@/lib/mail/data";
import { listSilentNearDisclosure, listUnansweredQuestions } from "@/lib/notices/data";
import { listOverdueReports } from "@/lib/reports/data";
import { listAwaitingMyApproval } from "@/lib/approvals/data";
import { GAVE_UP_DAYS, gaveUpJobsIfReadable } from "@/lib/jobs/data";
import { requireArea } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Overview" };

const row = "flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2 text-sm";
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export default async function MaintainerHome() {
  const viewer = await requireArea("maintainer", "/maintainer");
  const now = new Date();
  const [overview, pending, questions, silent, undelivered, overdueReports, approvals, gaveUp] = await Promise.all([
    getDirectoryOverview(viewer),
    listPendingColleagues(viewer),
    listUnansweredQuestions(viewer),
    listSilentNearDisclosure(viewer, now),
    listUndeliveredSends(viewer, { now }),
    listOverdueReports(viewer, now),
    listAwaitingMyApproval(viewer),
    gaveUpJobsIfReadable(viewer, now),
  ]);

  // The order is the order of urgency. Later kinds of work are one more entry here.
  const groups: AttentionGroup[] = [
    {
      id: "approvals",
      title: "Requests awaiting your approval",
      count: approvals.length,
      hint: "Actions another maintainer asked for that need a second maintainer (two-person rule). Nothing happens until one of you approves; each request expires.",
      more: { href: "/maintainer/approvals", label: "Every request" },
      children: (
        <ul className="divide-y divide-slate-100" aria-label="Requests awaiting your approval">
          {approvals.map((r) => (
            <li key={r.id} className={row}>
              <Link href={`/maintainer/approvals/${r.id}`} className="font-medium break-words text-indigo-700 underline">
                {r.label}: {r.preview.title}
              </Link>
              <span className="text-slate-700">
                asked by {r.requestedByEmail} · open until <Time value={r.expiresAt} />
              </span>
            </li>
          ))}
        </ul>
      ),
    },
    {
      id: "questions",
      title: "Unanswered vendor questions",
      count: questions.total,
      hint: "Threads whose last message is from the organisation, oldest first. Answer from the thread.",
      more: questions.total > questions.items.length ? { href: "/maintainer/notices", label: `${questions.total - questions.items.length} more: see each notice's threads` } : undefined,
      children: (
        <ul className="divide-y divide-slate-100" aria-label="Unanswered vendor questions">
          {questions.items.map((q) => (
            <li key={q.recipientId} className={row}>
              <Link href={`/maintainer/notices/${q.noticeId}/threads/${q.recipientId}`} className="font-medium text-indigo-700 underline">
                {q.organisation} on {q.reference}
              </Link>
              <span className="text-slate-700">
                {plural(q.waiting, "message")} waiting since <Time value={q.since} />
              </span>
            </li>
          ))}
        </ul>
      ),
    },
    {
      id: "silent",
      title: "Silent organisations close to disclosure",
      count: silent.items.reduce((sum, n) => sum + n.silent, 0),
      hint: `Organisations that have not acknowledged a notice disclosed within ${silent.windowHours} hours. Remind them from tracking.`,
      children: (
        <ul className="divide-y divide-slate-100" aria-label="Silent organisations close to disclosure">
          {silent.items.map((n) => (
            <li key={n.noticeId} className={row}>
              <span className="min-w-0">
                <Link href={`/maintainer/notices/${n.noticeId}/tracking?status=not-acknowledged`} className="font-medium text-indigo-700 underline">
                  {n.reference}: {plural(n.silent, "organisation")} not acknowledged
                </Link>
                <span className="block break-words text-slate-700">
                  {n.names.join(", ")}
                  {n.silent > n.names.length ? ` and ${n.silent - n.names.length} more` : ""}
                </span>
              </span>
              <span className="text-slate-700">
                disclosure <Time value={n.disclosureAt} /> · {timeLeftShort(now, n.disclosureAt)}
              </span>
            </li>
          ))}
        </ul>
      ),
    },
    {
      id: "gave-up-jobs",
      title: gaveUp === null ? "Background work: could not be read" : "Background work that gave up",
      // Unknown is not nothing: the group shows, saying so.
      count: gaveUp === null ? 1 : gaveUp.reduce((sum, q) => sum + q.failed, 0),
      hint: `Jobs whose every attempt failed in the last ${GAVE_UP_DAYS} days (a disclosure: for as long as its notice is still under embargo). What they were to do — queue a send's emails, disclose, publish — has not happened. Read why and retry them on Jobs.`,
      more: { href: "/maintainer/jobs?state=failed", label: "Every failed job" },
      children:
        gaveUp === null ? (
          <p className="text-sm text-slate-700">
            The background jobs could not be read just now: the job engine may not be running, and then sends, disclosures and publications wait too. <code>/api/health</code> says which part is missing; the server&apos;s log says why.
          </p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Background work that gave up">
            {gaveUp.map((q) => (
              <li key={q.queue} className={row}>
                <span className="min-w-0">
                  <Link href={`/maintainer/jobs?queue=${encodeURIComponent(q.queue)}&state=failed`} className="font-medium break-words text-indigo-700 underline">
                    {q.label}: {plural(q.failed, "job")} gave up
                  </Link>
                  {q.lastFailure ? <span className="block break-words text-slate-700">Last error: {q.lastFailure}</span> : null}
                </span>
                <span className="text-slate-700">
                  last <Time value={q.lastFailedAt} />
                </span>
              </li>
            ))}
          </ul>
        ),
    },
    {
      id: "failed-emails",
      title: "Sends with failed emails",
      count: undelivered.total,
      hint: `Sends of the last ${undelivered.days} days with emails that failed, bounced or were complained about. Retry or look into them on the send's page.`,
      more: undelivered.total > undelivered.items.length ? { href: "/maintainer/deliveries", label: "Every send on Deliveries" } : undefined,
      children: (
        <ul className="divide-y divide-slate-100" aria-label="Sends with failed emails">
          {undelivered.items.map((d) => (
            <li key={d.dispatchId} className={row}>
              <Link href={`/maintainer/deliveries/${d.dispatchId}`} className="font-medium break-words text-indigo-700 underline">
                {d.label}
              </Link>
              <span className="text-slate-700">
                {d.failed > 0 ? `${d.failed} failed` : ""}
                {d.failed > 0 && d.bounced > 0 ? ", " : ""}
                {d.bounced > 0 ? `${d.bounced} bounced` : ""} · sent <Time value={d.createdAt} />
              </span>
            </li>
          ))}
        </ul>
      ),
    },
    {
      id: "colleagues",
      title: "Colleagues awaiting your approval",
      count: pending.length,
      hint: "Invited by an organisation admin. They cannot sign in and get no email until approved; approving sends the invitation.",
      children: (
        <ul className="divide-y divide-slate-100" aria-label="Colleagues awaiting approval">
          {pending.map((p) => (
            <li key={p.id} className="flex flex-wrap items-start justify-between gap-3 py-3 text-sm">
              <div className="min-w-0">
                <p className="font-medium break-all">
                  {p.email}
                  {p.name ? <span className="font-normal text-slate-600"> ({p.name})</span> : null}
                </p>
                <p className="text-slate-600">
                  <Link href={`/maintainer/directory/${p.organisation.id}`} className="text-indigo-700 underline">
                    {p.organisation.name}
                  </Link>{" "}
                  · invited by {p.invitedBy ?? "unknown"} <Time value={p.createdAt} />
                </p>
              </div>
              <div className="flex flex-wrap gap-2">
                <ActionForm action={approveColleagueAction} fields={{ userId: p.id }} label="Approve" variant="primary" />
                <ActionForm action={declineColleagueAction} fields={{ userId: p.id }} label="Decline" variant="danger" confirm={`Decline ${p.email}? They are removed and never emailed.`} />
              </div>
            </li>
          ))}
        </ul>
      ),
    },
    {
      id: "overdue-reports",
      title: "Reports overdue for acknowledgement",
      count: overdueReports.total,
      hint: `Reports not acknowledged within ${overdueReports.targetHours} hours of their confirmation, longest waiting first. Acknowledge them from the report.`,
      more: overdueReports.total > overdueReports.items.length ? { href: "/maintainer/reports?status=overdue", label: "Every overdue report" } : undefined,
      children: (
        <ul className="divide-y divide-slate-100" aria-label="Reports overdue for acknowledgement">
          {overdueReports.items.map((r) => (
            <li key={r.id} className={row}>
              <Link href={`/maintainer/reports/${r.id}`} className="font-medium break-words text-indigo-700 underline">
                {r.reference} from {r.reporterName}
              </Link>
              <span className="text-slate-700">
                target passed {timeLeftShort(now, r.deadline)} · confirmed <Time value={r.confirmedAt} />
              </span>
            </li>
          ))}
        </ul>
      ),
    },
  ];

  const stats = [
    { label: "Active organisations", value: overview.organisations.ACTIVE },
    { label: "Invited organisations", value: overview.organisations.INVITED },
    { label: "Suspended organisations", value: overview.organisations.SUSPENDED },
    { label: "Vendor people (active or invited)", value: overview.vendorPeople },
    { label: "Maintainers", value: overview.maintainers },
  ];
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Overview</h1>
        <p className="mt-1 max-w-2xl text-slate-700">What needs you now, and the confidential directory at a glance.</p>
      </div>
      <section aria-labelledby="attention-heading" className="space-y-4">
        <h2 id="attention-heading" className="text-lg font-semibold">
          Needs attention now
        </h2>
        <AttentionSummary groups={groups} />
        {groups.map((g) => (
          <AttentionSection key={g.id} group={g} />
        ))}
      </section>
      <section aria-labelledby="directory-heading" className="space-y-4">
        <h2 id="directory-heading" className="text-lg font-semibold">
          The directory
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-5">
          {stats.map((s) => (
            // A definition list holds dt/dd or div groups only (a Card is a section).
            <div key={s.label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <dt className="text-sm text-slate-600">{s.label}</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums sm:text-3xl">{s.value}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
