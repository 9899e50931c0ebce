// A notice as a member of an addressed organisation reads it after accepting its terms — the vendor's page and the
// maintainer's "Preview as vendor" both render this, so the preview cannot differ from what recipients see. The
// facts and sections come from the one field list (lib/notices/notice-fields.ts) through ./notice-sections.tsx.
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Time } from "@/components/ui/time";
import type { NoticeContent } from "@/lib/notices/notice-fields";
import { markText } from "@/lib/notices/copy-marks";
import { ChangeList } from "./change-list";
import { NoticeFacts, NoticeSections, PublicSince } from "./notice-sections";
import { describeChanges } from "./revision-changes";
import { formatBytes } from "@/components/notices/format-bytes";
import { VendorStateBadge } from "./vendor-badges";
import { VendorEmbargoConditions } from "./vendor-embargo-terms";
import { VendorTimeLeft } from "./vendor-time-left";

export type VendorNoticeContentData = NoticeContent & {
  id: string;
  reference: string;
  state: string;
  revision: number;
  disclosureAt: Date;
  disclosedAt: Date | null;
  plannedDisclosureAt: Date | null;
  endReason: string | null;
  /** `yourCopy`: the size and hash are of this member's own (marked) copy, which differs from everyone else's. */
  attachments: Array<{ id: string; filename: string; contentType: string; size: number; sha256: string; yourCopy?: boolean }>;
  revisions: Array<{ number: number; changeNote: string; changes: unknown; at: Date }>;
  /** The code of this organisation's copy while the notice is under embargo (leak tracing); none in a maintainer's preview. */
  copyMark?: string | null;
};

/**
 * `level` 1 on the vendor's own page (the title is the page's h1), 2 inside the maintainer's page. `badges`: more
 * state words beside the notice's state (the organisation's acknowledgement); `aside`: the column beside the text.
 */
export function VendorNoticeContent({ notice, now, level, badges, aside }: { notice: VendorNoticeContentData; now: Date; level: 1 | 2; badges?: React.ReactNode; aside?: React.ReactNode }) {
  const disclosed = notice.state === "DISCLOSED";
  const Title = level === 1 ? "h1" : "h2";
  const Heading = level === 1 ? "h2" : "h3";
  const prefix = level === 1 ? "notice" : "preview";
  const section = (key: string, title: string, children: React.ReactNode) => (
    <Card>
      <section aria-labelledby={`${prefix}-${key}`} className="space-y-2">
        <Heading id={`${prefix}-${key}`} className="text-lg font-semibold">
          {title}
        </Heading>
        {children}
      </section>
    </Card>
  );
  return (
    <div className="space-y-6">
      <div>
        <p className="font-mono text-sm font-semibold text-indigo-700">{notice.reference}</p>
        <Title className="text-2xl font-bold tracking-tight break-words text-slate-900">{notice.title}</Title>
      </div>

      {disclosed ? (
        <Notice tone="success" title="Disclosed">
          <PublicSince notice={notice} />. The embargo is over.
        </Notice>
      ) : (
        <Notice tone="warning" title="Under embargo">
          Share it only inside your security team, with the people who need it. Nothing public or hinted before the disclosure time.
        </Notice>
      )}

      <div className={aside ? "grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem] lg:items-start" : ""}>
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
                {badges}
              </dd>
              <dt className="text-slate-600">{disclosed ? "Public since" : "Disclosure"}</dt>
              <dd>
                <Time value={notice.disclosedAt ?? notice.disclosureAt} />
                <span className={`block font-medium ${disclosed ? "text-green-800" : "text-amber-900"}`}>
                  <VendorTimeLeft disclosureAt={notice.disclosureAt} disclosed={disclosed} serverNow={now} />
                </span>
              </dd>
              <NoticeFacts notice={notice} />
            </dl>
          </Card>

          <Card className="space-y-6">
            <NoticeSections notice={notice} level={level === 1 ? 2 : 3} idPrefix={`${prefix}-section`} mark={notice.copyMark} />
          </Card>

          {section("conditions", "Embargo conditions", <VendorEmbargoConditions notice={{ ...notice, embargoNotes: markText(notice.embargoNotes, notice.copyMark) }} />)}

          {section(
            "attachments",
            "Patches and attachments",
            notice.attachments.length === 0 ? (
              <p className="text-sm text-slate-600">No attachments.</p>
            ) : (
              <ul className="divide-y divide-slate-200">
                {notice.attachments.map((a) => (
                  <li key={a.id} className="space-y-1 py-3 text-sm first:pt-0 last:pb-0">
                    <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                      <span className="font-medium break-all">{a.filename}</span>
                      {/* A plain link: the file comes from an authorized route handler as a download, not a page. */}
                      <a href={`/api/notices/${encodeURIComponent(notice.id)}/attachments/${encodeURIComponent(a.id)}`} download className="rounded font-medium text-indigo-700 underline">
                        Download<span className="sr-only"> {a.filename}</span>
                      </a>
                    </div>
                    <p className="text-slate-700">
                      {formatBytes(a.size)} ({a.size.toLocaleString("en")} bytes) · {a.contentType}
                    </p>
                    <p className="text-slate-700">
                      {a.yourCopy ? "SHA-256 of your copy" : "SHA-256"} <span className="font-mono text-xs break-all">{a.sha256}</span>
                    </p>
                    {a.yourCopy ? <p className="text-xs text-slate-600">Each member&rsquo;s copy is their own while the embargo lasts, so this hash is yours alone.</p> : null}
                  </li>
                ))}
              </ul>
            ),
          )}

          {section(
            "revisions",
            "Revision history",
            notice.revisions.length === 0 ? (
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
                      <p className="break-words whitespace-pre-line text-slate-800">{markText(r.changeNote, notice.copyMark)}</p>
                      {lines.length > 0 ? (
                        <div className="mt-1 text-slate-700">
                          <ChangeList lines={lines} />
                        </div>
                      ) : null}
                    </li>
                  );
                })}
              </ol>
            ),
          )}
        </div>
        {aside ? <div className="min-w-0 space-y-6">{aside}</div> : null}
      </div>
    </div>
  );
}
