// One report as its sender sees it: status and what it means, the planned date and the advisory once public, the
// report as sent, its files, the thread with the security team, the timeline and the credit. Only what
// lib/reports/data/portal.ts returns is shown: nothing of the notice beyond its date and public link.
import Link from "next/link";
import type { OwnReport } from "@/lib/reports/data";
import { CREDIT_LABELS, creditLine } from "@/lib/reports/policy";
import { changeReportCreditAction, postReporterMessageAction } from "@/lib/reports/portal-actions";
import { Card } from "@/components/ui/card";
import { Markdown } from "@/components/ui/markdown";
import { Notice } from "@/components/ui/notice";
import { Time } from "@/components/ui/time";
import { formatBytes } from "@/components/notices/format-bytes";
import { ThreadForm } from "@/components/notices/thread-form";
import { ThreadView } from "@/components/notices/thread-view";
import { ReportStatusBadge, REPORTER_STATUS_MEANINGS } from "./reporter-status";
import { ReporterTimeline } from "./reporter-timeline";
import { ReporterCreditForm } from "./reporter-credit-form";

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Card>
        <h2 id={id} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <div className="mt-3">{children}</div>
      </Card>
    </section>
  );
}

function StatusSection({ report }: { report: OwnReport }) {
  const notice = report.notice;
  return (
    <Section id="status" title="Status">
      <p>
        <ReportStatusBadge status={report.status} />
      </p>
      <p className="mt-2 text-slate-800">
        {REPORTER_STATUS_MEANINGS[report.status]}
        {report.status === "ACCEPTED" && !notice?.disclosureAt ? " You are emailed the planned disclosure date when it is set." : null}
      </p>
      {report.statusReason && (report.status === "DECLINED" || report.status === "DUPLICATE") ? (
        <p className="mt-2 whitespace-pre-wrap break-words text-sm text-slate-800">
          <span className="font-medium">The security team&apos;s reason: </span>
          {report.statusReason}
        </p>
      ) : null}
      <dl className="mt-4 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        {report.acknowledgedAt ? (
          <>
            <dt className="text-slate-600">Acknowledged</dt>
            <dd>
              <Time value={report.acknowledgedAt} />
            </dd>
          </>
        ) : null}
        {notice?.disclosureAt && notice.state === "EMBARGOED" ? (
          <>
            <dt className="text-slate-600">Planned disclosure</dt>
            <dd className="font-medium">
              <Time value={notice.disclosureAt} />
            </dd>
          </>
        ) : null}
        {notice?.state === "DISCLOSED" && notice.disclosureAt ? (
          <>
            <dt className="text-slate-600">Public since</dt>
            <dd>
              <Time value={notice.disclosureAt} />
            </dd>
          </>
        ) : null}
      </dl>
      {notice?.publicPath ? (
        <p className="mt-4">
          <Link href={notice.publicPath} className="font-medium text-indigo-700 underline">
            Read the public advisory {notice.reference}
          </Link>
        </p>
      ) : null}
      {notice?.state === "WITHDRAWN" ? <p className="mt-4 text-sm text-slate-700">The advisory for this report was withdrawn and will not be published.</p> : null}
    </Section>
  );
}

function ReportSection({ report }: { report: OwnReport }) {
  return (
    <Section id="report" title="Your report">
      <dl className="space-y-4">
        <div>
          <dt className="text-sm font-medium text-slate-600">Summary</dt>
          <dd className="mt-1 break-words text-slate-900">{report.summary}</dd>
        </div>
        {report.encrypted ? (
          <div>
            <dt className="text-sm font-medium text-slate-600">Details and how to reproduce</dt>
            <dd className="mt-1">
              <Notice title="Encrypted">
                Your browser encrypted the details (and the files) to the project&apos;s key before sending. They cannot be read here, not even by Forewarn: only the
                security team can decrypt them.
              </Notice>
            </dd>
          </div>
        ) : (
          <>
            <div>
              <dt className="text-sm font-medium text-slate-600">Details</dt>
              <dd className="mt-1">
                <Markdown>{report.details}</Markdown>
              </dd>
            </div>
            {report.reproduction ? (
              <div>
                <dt className="text-sm font-medium text-slate-600">How to reproduce</dt>
                <dd className="mt-1">
                  <Markdown>{report.reproduction}</Markdown>
                </dd>
              </div>
            ) : null}
          </>
        )}
        {report.affectedVersions ? (
          <div>
            <dt className="text-sm font-medium text-slate-600">Affected versions</dt>
            <dd className="mt-1 whitespace-pre-wrap break-words text-slate-900">{report.affectedVersions}</dd>
          </div>
        ) : null}
        <div>
          <dt className="text-sm font-medium text-slate-600">Your name</dt>
          <dd className="mt-1 break-words text-slate-900">{report.reporterName}</dd>
        </div>
        <div>
          <dt className="text-sm font-medium text-slate-600">Sent</dt>
          <dd className="mt-1 text-slate-900">
            <Time value={report.submittedAt} />
          </dd>
        </div>
      </dl>
    </Section>
  );
}

function AttachmentsSection({ attachments }: { attachments: OwnReport["attachments"] }) {
  return (
    <Section id="files" title="Files you attached">
      {attachments.length === 0 ? (
        <p className="text-sm text-slate-700">No files.</p>
      ) : (
        <ul className="divide-y divide-slate-200">
          {attachments.map((a) => (
            <li key={a.id} className="py-2 text-sm">
              <p className="break-all font-medium text-slate-900">
                {a.filename} <span className="font-normal text-slate-700">· {formatBytes(a.size)}</span>
                {a.encrypted ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-800">encrypted</span> : null}
              </p>
              <p className="mt-0.5 break-all font-mono text-xs text-slate-700">SHA-256 {a.sha256}</p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function CreditSection({ report }: { report: OwnReport }) {
  const line = creditLine(report.creditKind, report.creditText);
  return (
    <Section id="credit" title="How you are credited">
      <p className="text-slate-800">
        {line ? (
          <>
            The advisory will credit <span className="font-medium">{line}</span> ({CREDIT_LABELS[report.creditKind].toLowerCase()}).
          </>
        ) : (
          "You chose not to be credited."
        )}
      </p>
      {report.mayChangeCredit ? (
        <ReporterCreditForm action={changeReportCreditAction} reportId={report.id} kind={report.creditKind} text={report.creditText} />
      ) : (
        <p className="mt-2 text-sm text-slate-700">The advisory is public: the credit can no longer be changed here. Write to the security team if it is wrong.</p>
      )}
    </Section>
  );
}

export function ReporterReportView({ report }: { report: OwnReport }) {
  return (
    <div className="space-y-6">
      <div>
        <p className="font-mono text-sm text-slate-700">{report.reference}</p>
        <h1 className="mt-1 break-words text-2xl font-bold tracking-tight text-slate-900">{report.summary}</h1>
      </div>
      <StatusSection report={report} />
      <Section id="messages" title="Messages with the security team">
        <p className="mb-3 text-sm text-slate-700">Only you and the project&apos;s security team see these messages.</p>
        <ThreadView messages={report.messages} emptyText="No messages yet." />
        <ThreadForm action={postReporterMessageAction} fields={{ reportId: report.id }} label="Write to the security team" hint="They are told by email that you wrote (the email does not contain your message)." />
      </Section>
      <Section id="timeline" title="Timeline">
        <ReporterTimeline submittedAt={report.submittedAt} confirmedAt={report.confirmedAt} updates={report.updates} />
      </Section>
      <CreditSection report={report} />
      <ReportSection report={report} />
      <AttachmentsSection attachments={report.attachments} />
    </div>
  );
}
