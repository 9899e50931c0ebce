import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatBytes } from "@/components/notices/format-bytes";
import { ThreadForm } from "@/components/notices/thread-form";
import { ThreadView } from "@/components/notices/thread-view";
import { QueueActions } from "@/components/reports/queue-actions";
import { ClockText, ReportStatusBadge } from "@/components/reports/queue-badges";
import { ArmoredText, DecryptLocally } from "@/components/reports/queue-decrypt";
import { Card } from "@/components/ui/card";
import { Markdown } from "@/components/ui/markdown";
import { Notice } from "@/components/ui/notice";
import { Time } from "@/components/ui/time";
import { requireArea } from "@/lib/auth/guards";
import { getQueueReport } from "@/lib/reports/data";
import { CREDIT_LABELS, creditLine, mayMoveReport, REPORT_STATUS_LABELS } from "@/lib/reports/policy";
import { replyToReportAction } from "@/lib/reports/queue-actions";
import { NotFoundError } from "@/lib/server/errors";
import { getViewer } from "@/lib/auth/viewer";

type Props = { params: Promise<{ reportId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function load(reportId: string) {
  return getQueueReport(await getViewer(), reportId.slice(0, 64)).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
}

// The reference only: a report's summary stays out of window titles and browser history.
export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const report = await getQueueReport(await getViewer(), (await params).reportId.slice(0, 64)).catch(() => null);
  return { title: report ? report.reference : "Not found" };
}

const UPDATE_LABELS: Record<string, string> = { DATE_SET: "Disclosure date set", DATE_CHANGED: "Disclosure date changed", EMBARGO_ENDED: "Embargo ended early", WITHDRAWN: "Notice withdrawn", DISCLOSED: "Disclosed" };

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3">
      <h2 id={`${id}-heading`} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function ReportPage({ params, searchParams }: Props) {
  const { reportId } = await params;
  await requireArea("maintainer", `/maintainer/reports/${reportId}`);
  const report = await load(reportId);
  const entered = (await searchParams).entered;
  const now = new Date();
  const s = report.status;
  const allowed = {
    acknowledge: s === "RECEIVED",
    accept: mayMoveReport(s, "ACCEPTED") && !report.notice,
    decline: mayMoveReport(s, "DECLINED"),
    duplicate: mayMoveReport(s, "DUPLICATE"),
    fixed: mayMoveReport(s, "FIXED"),
  };
  const credit = creditLine(report.creditKind, report.creditText);
  const encryptedParts = report.encrypted ? [{ title: "Details", armored: report.details }, ...(report.reproduction ? [{ title: "How to reproduce", armored: report.reproduction }] : [])] : [];

  return (
    <div className="space-y-8">
      <Link href="/maintainer/reports" className="text-sm text-indigo-700 underline">
        ← Reports
      </Link>
      {entered === "new" || entered === "linked" ? (
        <Notice tone="success" title={`Report ${report.reference} entered.`}>
          {entered === "linked" ? "The address already had an account: the report is linked to it, and the account is unchanged." : "A reporter account was created for the address."} The reporter was emailed a way into the portal.
        </Notice>
      ) : null}
      <header className="space-y-2">
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span className="font-mono text-slate-700">{report.reference}</span>
          <ReportStatusBadge status={s} />
          {report.encrypted ? <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-800 ring-1 ring-slate-300 ring-inset">Encrypted</span> : null}
          {report.source === "MAINTAINER" ? <span className="text-slate-700">entered by hand{report.createdBy ? ` by ${report.createdBy}` : ""}</span> : null}
        </p>
        <h1 className="text-2xl font-bold tracking-tight break-words text-slate-900">{report.summary}</h1>
        <div className={`rounded-md border p-3 text-sm ${report.clock.overdue ? "border-red-300 bg-red-50" : "border-slate-200 bg-white"}`}>
          <p>
            Confirmed <Time value={report.confirmedAt} /> · acknowledgement target {report.targetHours} h, until <Time value={report.clock.deadline} />
          </p>
          <p className="mt-1">
            {report.acknowledgedAt ? (
              <>
                Acknowledged <Time value={report.acknowledgedAt} />
                {report.acknowledgedBy ? ` by ${report.acknowledgedBy}` : ""}
              </>
            ) : (
              <ClockText clock={report.clock} now={now} />
            )}
          </p>
        </div>
      </header>

      <Section id="report" title="The report">
        <Card className="space-y-4">
          {report.encrypted ? (
            <>
              {encryptedParts.map((p) => (
                <ArmoredText key={p.title} title={p.title} armored={p.armored} />
              ))}
              <DecryptLocally parts={encryptedParts} />
            </>
          ) : (
            <>
              <div>
                <h3 className="font-semibold text-slate-900">Details</h3>
                <Markdown className="mt-2">{report.details}</Markdown>
              </div>
              {report.reproduction ? (
                <div>
                  <h3 className="font-semibold text-slate-900">How to reproduce</h3>
                  <Markdown className="mt-2">{report.reproduction}</Markdown>
                </div>
              ) : null}
            </>
          )}
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium text-slate-800">Affected versions</dt>
            <dd className="break-words whitespace-pre-wrap text-slate-900">{report.affectedVersions || "not given"}</dd>
            <dt className="font-medium text-slate-800">Submitted</dt>
            <dd>
              <Time value={report.submittedAt} />
            </dd>
          </dl>
        </Card>
      </Section>

      <Section id="reporter" title="The reporter">
        <Card>
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium text-slate-800">Name</dt>
            <dd className="break-words">{report.reporterName}</dd>
            <dt className="font-medium text-slate-800">Email</dt>
            <dd className="break-all">{report.reporter.email}</dd>
            <dt className="font-medium text-slate-800">Credit</dt>
            <dd className="break-words">
              {CREDIT_LABELS[report.creditKind]}
              {credit ? `: ${credit}` : ""}
            </dd>
          </dl>
        </Card>
      </Section>

      {report.attachments.length > 0 ? (
        <Section id="files" title="Attachments">
          <Card>
            <ul className="divide-y divide-slate-100 text-sm">
              {report.attachments.map((a) => (
                <li key={a.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                  <a href={`/api/reports/${report.id}/attachments/${a.id}`} className="font-medium break-all text-indigo-700 underline">
                    {a.filename}
                  </a>
                  <span className="text-slate-700">
                    {formatBytes(a.size)}
                    {a.encrypted ? " · encrypted (decrypt with your own tools)" : ""} · SHA-256 <code className="break-all">{a.sha256.slice(0, 16)}…</code>
                  </span>
                </li>
              ))}
            </ul>
            <p className="mt-2 text-sm text-slate-700">Files always download; they are never opened in the portal. Each download is recorded in the audit log.</p>
          </Card>
        </Section>
      ) : null}

      <Section id="actions" title="Actions">
        {report.notice ? (
          <Notice tone="info">
            Accepted into notice{" "}
            <Link href={`/maintainer/notices/${report.notice.id}`} className="font-medium underline">
              {report.notice.reference}
            </Link>{" "}
            ({report.notice.state.toLowerCase()}).
          </Notice>
        ) : null}
        {report.duplicateOf ? (
          <Notice tone="info">
            Duplicate of{" "}
            <Link href={`/maintainer/reports/${report.duplicateOf.id}`} className="font-medium underline">
              {report.duplicateOf.reference}
            </Link>
            .
          </Notice>
        ) : null}
        <QueueActions reportId={report.id} allowed={allowed} />
      </Section>

      <Section id="thread" title="Private thread with the reporter">
        <Card>
          <ThreadView messages={report.messages} emptyText="No messages yet." />
          <ThreadForm action={replyToReportAction} fields={{ reportId: report.id }} label="Message to the reporter" hint="The reporter is emailed a link to read it (not the message itself)." />
        </Card>
      </Section>

      <Section id="timeline" title="What the reporter was told">
        <Card>
          {report.updates.length === 0 ? (
            <p className="text-sm text-slate-700">Nothing yet.</p>
          ) : (
            <ol className="space-y-3 text-sm">
              {report.updates.map((u) => (
                <li key={u.id} className="border-l-2 border-slate-300 pl-3">
                  <p className="text-slate-700">
                    <Time value={u.at} /> · <span className="font-medium text-slate-900">{u.kind === "STATUS" && u.status ? REPORT_STATUS_LABELS[u.status] : (UPDATE_LABELS[u.kind] ?? u.kind)}</span>
                    {u.disclosureAt ? (
                      <>
                        {" "}
                        — disclosure <Time value={u.disclosureAt} />
                      </>
                    ) : null}
                  </p>
                  {u.message ? <p className="mt-1 break-words whitespace-pre-wrap text-slate-900">{u.message}</p> : null}
                </li>
              ))}
            </ol>
          )}
        </Card>
      </Section>
    </div>
  );
}
