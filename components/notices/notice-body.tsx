// A notice's content, as maintainers review it and — with `as="vendor"` — exactly as a recipient reads it once they
// have accepted the embargo terms: the same fields, the same sanitizing Markdown renderer, times with their zone.
import { AffectedRanges, ReferenceLinks } from "@/components/advisories/affected-ranges";
import { Markdown } from "@/components/ui/markdown";
import { Time } from "@/components/ui/time";
import { ratingOf } from "@/lib/notices/cvss";
import { formatBytes, SEVERITY_LABELS } from "./labels";

export type NoticeBodyData = {
  id: string;
  reference: string;
  title: string;
  summary: string;
  description: string;
  remediation: string;
  detection: string;
  mitigation: string;
  workaround: string;
  affectedPackages: unknown;
  references: unknown;
  affectedVersions: string;
  fixedVersions: string;
  cveIds: string[];
  cwe: string | null;
  cvssVector: string | null;
  cvssScore: number | null;
  severity: string | null;
  deployBeforeDisclosure: boolean;
  patchEmbargoed: boolean;
  embargoNotes: string;
  reporterCredit: string | null;
  reporterOptOut: boolean;
  disclosureAt: Date;
  revision: number;
  attachments: Array<{ id: string; filename: string; contentType: string; size: number; sha256: string; public?: boolean }>;
};

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-2">
      <h3 className="font-semibold text-slate-900">{title}</h3>
      {children}
    </section>
  );
}

const empty = <span className="text-slate-500">—</span>;
const plain = (text: string) => (text.trim() ? <p className="break-words whitespace-pre-line">{text}</p> : empty);

export function SeverityText({ notice }: { notice: Pick<NoticeBodyData, "cvssVector" | "cvssScore" | "severity"> }) {
  if (notice.cvssVector && notice.cvssScore !== null) {
    return (
      <>
        <span className="font-medium">
          {notice.cvssScore.toFixed(1)} {SEVERITY_LABELS[ratingOf(notice.cvssScore)]}
        </span>{" "}
        <span className="block font-mono text-xs break-all text-slate-600">{notice.cvssVector}</span>
      </>
    );
  }
  return notice.severity ? <span className="font-medium">{SEVERITY_LABELS[notice.severity] ?? notice.severity}</span> : empty;
}

type FileRow = NoticeBodyData["attachments"][number];

/** `fileControls`: what a maintainer can do with each file (publish, remove), in the last column. */
export function NoticeBody({ notice, as = "maintainer", fileControls }: { notice: NoticeBodyData; as?: "maintainer" | "vendor"; fileControls?: (file: FileRow) => React.ReactNode }) {
  const vendor = as === "vendor";
  const credit = notice.reporterCredit && (!vendor || !notice.reporterOptOut) ? notice.reporterCredit : null;
  return (
    <div className="space-y-6 text-slate-900">
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
        <div>
          <dt className="text-slate-600">Public disclosure</dt>
          <dd className="font-medium">
            <Time value={notice.disclosureAt} />
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Severity</dt>
          <dd>
            <SeverityText notice={notice} />
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">CVE IDs</dt>
          <dd className="font-mono text-xs break-all">{notice.cveIds.length ? notice.cveIds.join(", ") : empty}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Weakness</dt>
          <dd className="font-mono text-xs">{notice.cwe ?? empty}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Affected versions</dt>
          <dd>{plain(notice.affectedVersions)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Fixed versions</dt>
          <dd>{plain(notice.fixedVersions)}</dd>
        </div>
        {notice.revision > 0 ? (
          <div>
            <dt className="text-slate-600">Revision</dt>
            <dd className="tabular-nums">{notice.revision}</dd>
          </div>
        ) : null}
      </dl>

      <Section title="Summary">{plain(notice.summary)}</Section>
      <Section title="Description">{notice.description.trim() ? <Markdown>{notice.description}</Markdown> : empty}</Section>
      <Section title="Remediation and mitigation">{notice.remediation.trim() ? <Markdown>{notice.remediation}</Markdown> : empty}</Section>
      <Section title="How to tell if you are affected">{notice.detection.trim() ? <Markdown>{notice.detection}</Markdown> : empty}</Section>
      {notice.mitigation.trim() ? (
        <Section title="Mitigation">
          <Markdown>{notice.mitigation}</Markdown>
        </Section>
      ) : null}
      {notice.workaround.trim() ? (
        <Section title="Workaround">
          <Markdown>{notice.workaround}</Markdown>
        </Section>
      ) : null}
      <Section title="Affected ranges">
        <AffectedRanges value={notice.affectedPackages} emptyText="No structured ranges: see the affected and fixed versions above." />
      </Section>
      {Array.isArray(notice.references) && notice.references.length > 0 ? (
        <Section title="Links">
          <ReferenceLinks value={notice.references} />
        </Section>
      ) : null}

      <Section title="Embargo conditions">
        <ul className="list-disc space-y-1 pl-5 text-sm">
          <li>Deploying fixes before the disclosure time is {notice.deployBeforeDisclosure ? <strong>allowed</strong> : <strong>not allowed</strong>}.</li>
          <li>The patch itself is {notice.patchEmbargoed ? <strong>under embargo</strong> : <strong>not under embargo</strong>}.</li>
          <li>Nothing about this notice may be made public or hinted at before the disclosure time; share it only with people who need to know.</li>
        </ul>
        {notice.embargoNotes.trim() ? <div className="text-sm">{plain(notice.embargoNotes)}</div> : null}
      </Section>

      {credit || !vendor ? (
        <Section title="Credit">
          {credit ? <p>{credit}</p> : empty}
          {!vendor && notice.reporterCredit && notice.reporterOptOut ? <p className="text-sm text-amber-800">The reporter opted out: this credit is not shown to recipients nor published.</p> : null}
        </Section>
      ) : null}

      <Section title="Patches and other files">
        {notice.attachments.length === 0 ? (
          <p className="text-sm text-slate-600">No files attached.</p>
        ) : (
          <div className="overflow-x-auto rounded-md border border-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Files attached to {notice.reference}</caption>
              <thead className="bg-slate-50 text-left text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2">File</th>
                  <th scope="col" className="px-3 py-2">Size</th>
                  <th scope="col" className="px-3 py-2">SHA-256</th>
                  {!vendor ? <th scope="col" className="px-3 py-2">Public when disclosed</th> : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {notice.attachments.map((a) => (
                  <tr key={a.id} className="align-top">
                    <th scope="row" className="min-w-48 px-3 py-2 text-left font-medium break-all">
                      {/* A plain link: the file comes from the authorized route handler as a download, never as a page. */}
                      <a href={`/api/notices/${encodeURIComponent(notice.id)}/attachments/${encodeURIComponent(a.id)}`} download className="text-indigo-700 underline">
                        {a.filename}
                      </a>
                      <span className="block text-xs font-normal text-slate-600">{a.contentType}</span>
                    </th>
                    <td className="px-3 py-2 whitespace-nowrap tabular-nums">{formatBytes(a.size)}</td>
                    <td className="min-w-64 px-3 py-2 font-mono text-xs break-all">{a.sha256}</td>
                    {!vendor ? (
                      <td className="px-3 py-2">
                        {a.public ? "yes" : "no"}
                        {fileControls ? fileControls(a) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </div>
  );
}
