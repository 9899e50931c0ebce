// A notice as an addressed organisation's member reads it, after accepting its terms: the facts, the text (Markdown
// only through the sanitizing renderer), the files, the revisions, and the organisation's own response.
import { Card, PageHeader } from "@/components/ui/card";
import { Markdown } from "@/components/ui/markdown";
import { Notice } from "@/components/ui/notice";
import { Time } from "@/components/ui/time";
import { ratingOf } from "@/lib/notices/cvss";
import type { VendorNotice } from "@/lib/notices/data";
import { vendorMayRespond } from "@/lib/notices/policy";
import { postVendorMessageAction } from "@/lib/notices/thread-actions";
import { ThreadForm } from "./thread-form";
import { ThreadView } from "./thread-view";
import { formatBytes } from "./time-left";
import { VendorAckBadge, VendorStateBadge } from "./vendor-badges";
import { VendorEmbargoConditions } from "./vendor-embargo-terms";
import { RATING_LABELS } from "./vendor-labels";
import { VendorResponsePanel } from "./vendor-response-panel";
import { ChangeList } from "./change-list";
import { describeChanges } from "./revision-changes";
import { VendorTimeLeft } from "./vendor-time-left";

type Full = Extract<VendorNotice, { view: "full" }>;

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Severity({ notice }: { notice: Full["notice"] }) {
  if (notice.cvssVector && notice.cvssScore !== null) {
    return (
      <>
        <span className="font-medium">
          {notice.cvssScore.toFixed(1)} {RATING_LABELS[ratingOf(notice.cvssScore)]}
        </span>{" "}
        <span className="text-slate-600">(CVSS v4.0)</span>
        <span className="block break-all font-mono text-xs text-slate-700">{notice.cvssVector}</span>
      </>
    );
  }
  if (notice.severity) return <span className="font-medium">{RATING_LABELS[notice.severity]}</span>;
  return <span className="text-slate-600">Not rated</span>;
}

export function VendorNoticeDetail({ notice, recipient, now }: { notice: Full["notice"]; recipient: Full["recipient"]; now: Date }) {
  const disclosed = notice.state === "DISCLOSED";
  const credit = notice.reporterCredit && !notice.reporterOptOut ? notice.reporterCredit : null;
  const mayRespond = vendorMayRespond(notice.state);
  return (
    <div className="space-y-6">
      <div>
        <p className="font-mono text-sm font-semibold text-indigo-700">{notice.reference}</p>
        <PageHeader title={notice.title} {...(notice.summary ? { description: notice.summary } : {})} />
      </div>

      {disclosed ? (
        <Notice tone="success" title="Disclosed">
          This issue is public since {notice.disclosedAt ? <Time value={notice.disclosedAt} /> : "its disclosure time"}.
          {notice.endReason ? <span className="mt-1 block whitespace-pre-line break-words">The embargo ended early: {notice.endReason}</span> : null}
        </Notice>
      ) : (
        <Notice tone="warning" title="Under embargo">
          Share it only inside your security team, with the people who need it. Nothing public or hinted before the disclosure time.
        </Notice>
      )}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem] lg:items-start">
        <div className="min-w-0 space-y-6">
          <Card>
            <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_minmax(0,1fr)]">
              <dt className="text-slate-600">Reference</dt>
              <dd className="font-mono">
                {notice.reference}
                {notice.revision > 0 ? <span className="font-sans text-slate-600"> · revision {notice.revision}</span> : null}
              </dd>
              <dt className="text-slate-600">State</dt>
              <dd className="flex flex-wrap gap-2">
                <VendorStateBadge state={notice.state} />
                <a href="#response" className="rounded">
                  <VendorAckBadge acknowledged={!!recipient.acknowledgedAt} />
                  <span className="sr-only"> by your organisation: go to your response</span>
                </a>
              </dd>
              <dt className="text-slate-600">Disclosure</dt>
              <dd>
                <Time value={notice.disclosureAt} />
                <span className={`block font-medium ${disclosed ? "text-green-800" : "text-amber-900"}`}>
                  <VendorTimeLeft disclosureAt={notice.disclosureAt} disclosed={disclosed} serverNow={now} />
                </span>
              </dd>
              <dt className="text-slate-600">Severity</dt>
              <dd>
                <Severity notice={notice} />
              </dd>
              <dt className="text-slate-600">CVE</dt>
              <dd className="font-mono">{notice.cveIds.length > 0 ? notice.cveIds.join(", ") : <span className="font-sans text-slate-600">None assigned yet</span>}</dd>
              <dt className="text-slate-600">CWE</dt>
              <dd className="font-mono">{notice.cwe ?? <span className="font-sans text-slate-600">—</span>}</dd>
              {credit ? (
                <>
                  <dt className="text-slate-600">Reported by</dt>
                  <dd className="break-words">{credit}</dd>
                </>
              ) : null}
            </dl>
          </Card>

          <Card className="space-y-6">
            <Section id="description-heading" title="Description">
              {notice.description.trim() ? <Markdown>{notice.description}</Markdown> : <p className="text-sm text-slate-600">No description.</p>}
            </Section>
            <div className="grid gap-6 sm:grid-cols-2">
              <Section id="affected-heading" title="Affected versions">
                <p className="whitespace-pre-line break-words text-sm">{notice.affectedVersions || "—"}</p>
              </Section>
              <Section id="fixed-heading" title="Fixed versions">
                <p className="whitespace-pre-line break-words text-sm">{notice.fixedVersions || "—"}</p>
              </Section>
            </div>
            {notice.remediation.trim() ? (
              <Section id="remediation-heading" title="Remediation and mitigation">
                <Markdown>{notice.remediation}</Markdown>
              </Section>
            ) : null}
            {notice.detection.trim() ? (
              <Section id="detection-heading" title="How to tell if you are affected">
                <Markdown>{notice.detection}</Markdown>
              </Section>
            ) : null}
          </Card>

          <Card>
            <Section id="conditions-heading" title="Embargo conditions">
              <VendorEmbargoConditions notice={notice} />
            </Section>
          </Card>

          <Card>
            <Section id="attachments-heading" title="Patches and attachments">
              {notice.attachments.length === 0 ? (
                <p className="text-sm text-slate-600">No attachments.</p>
              ) : (
                <ul className="divide-y divide-slate-200">
                  {notice.attachments.map((a) => (
                    <li key={a.id} className="space-y-1 py-3 first:pt-0 last:pb-0 text-sm">
                      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                        <span className="break-all font-medium">{a.filename}</span>
                        {/* A plain link: the file comes from an authorized route handler as a download, not a page. */}
                        <a href={`/api/notices/${encodeURIComponent(notice.id)}/attachments/${encodeURIComponent(a.id)}`} download className="rounded font-medium text-indigo-700 underline">
                          Download<span className="sr-only"> {a.filename}</span>
                        </a>
                      </div>
                      <p className="text-slate-700">
                        {formatBytes(a.size)} ({a.size.toLocaleString("en")} bytes) · {a.contentType}
                      </p>
                      <p className="text-slate-700">
                        SHA-256 <span className="break-all font-mono text-xs">{a.sha256}</span>
                      </p>
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          </Card>

          <Card>
            <Section id="revisions-heading" title="Revision history">
              {notice.revisions.length === 0 ? (
                <p className="text-sm text-slate-600">Not revised since it was sent.</p>
              ) : (
                <ol className="space-y-4">
                  {notice.revisions.map((r) => {
                    const lines = describeChanges(r.changes, { hideCredit: notice.reporterOptOut });
                    return (
                      <li key={r.number} className="border-l-2 border-slate-200 pl-3 text-sm">
                        <p className="font-medium">
                          Revision {r.number} · <Time value={r.at} />
                        </p>
                        <p className="whitespace-pre-line break-words text-slate-800">{r.changeNote}</p>
                        {lines.length > 0 ? (
                          <div className="mt-1 text-slate-700">
                            <ChangeList lines={lines} />
                          </div>
                        ) : null}
                      </li>
                    );
                  })}
                </ol>
              )}
            </Section>
          </Card>
        </div>

        <div className="min-w-0 space-y-6">
          <VendorResponsePanel noticeId={notice.id} reference={notice.reference} mayRespond={mayRespond} recipient={recipient} />
          <Card>
            <Section id="thread-heading" title="Questions to the maintainers">
              <p className="text-sm text-slate-700">Only your organisation and the project&apos;s maintainers see this thread.</p>
              <ThreadView messages={recipient.messages} emptyText="No messages yet." />
              {mayRespond ? <ThreadForm action={postVendorMessageAction} fields={{ noticeId: notice.id }} label="Your message" /> : null}
            </Section>
          </Card>
        </div>
      </div>
    </div>
  );
}
