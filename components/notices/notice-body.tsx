// A notice's content as maintainers review it: every field, empty ones included, from the same field list and
// renderers as the vendor's page (./notice-sections.tsx; "Preview as vendor" shows ./vendor-notice-content.tsx),
// times with their zone, and the files with what a maintainer can do with each.
import { Time } from "@/components/ui/time";
import { NOTICE_SECTIONS, sectionIsEmpty, type NoticeContent } from "@/lib/notices/notice-fields";
import { formatBytes } from "./labels";
import { NoticeFacts, NoticeSections } from "./notice-sections";
import { ScrollArea } from "@/components/ui/scroll-area";
import { affectedOf, referencesOf } from "@/lib/notices/structured-fields";

export type NoticeBodyData = NoticeContent & {
  id: string;
  reference: string;
  disclosureAt: Date;
  revision: number;
  attachments: Array<{ id: string; filename: string; contentType: string; size: number; sha256: string; public?: boolean }>;
};

function Section({ title, level = 3, children }: { title: string; level?: 3 | 4; children: React.ReactNode }) {
  const Heading = level === 3 ? "h3" : "h4";
  return (
    <section className="space-y-2">
      <Heading className="font-semibold text-slate-900">{title}</Heading>
      {children}
    </section>
  );
}

type FileRow = NoticeBodyData["attachments"][number];

/**
 * `fileControls`: what a maintainer can do with each file (publish, remove), in the last column; `null` leaves the
 * files out (a page that shows them in a section of their own, with <NoticeFiles>).
 */
export function NoticeBody({ notice, fileControls }: { notice: NoticeBodyData; fileControls?: ((file: FileRow) => React.ReactNode) | null }) {
  const missing = NOTICE_SECTIONS.filter((section) => sectionIsEmpty(section, notice)).map((section) => section.title);
  // Stored before links were checked as web addresses: what the readers now leave out, said where it can be mended.
  const stored = (value: unknown) => (Array.isArray(value) ? value.length : 0);
  const leftOut = stored(notice.references) - referencesOf(notice.references).length + stored(notice.affectedPackages) - affectedOf(notice.affectedPackages).length;
  return (
    <div className="space-y-6 text-slate-900">
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_minmax(0,1fr)]">
        <dt className="text-slate-600">Public disclosure</dt>
        <dd className="font-medium">
          <Time value={notice.disclosureAt} />
        </dd>
        <NoticeFacts notice={notice} emptyText="—" />
        {notice.revision > 0 ? (
          <>
            <dt className="text-slate-600">Revision</dt>
            <dd className="tabular-nums">{notice.revision}</dd>
          </>
        ) : null}
      </dl>

      <NoticeSections notice={notice} level={3} idPrefix="body" />
      {/* The sections left empty, in one line: a maintainer sees what is missing without scrolling past it. */}
      {missing.length > 0 ? (
        <p className="text-sm text-slate-700">
          <span className="font-medium">Not filled in:</span> {missing.join(", ")}.
        </p>
      ) : null}
      {leftOut > 0 ? (
        <p className="text-sm text-amber-800">
          <span className="font-medium">Left out:</span> {leftOut === 1 ? "a stored link or range is" : `${leftOut} stored links or ranges are`} not
          valid as written (a link that is not a web address, a git range without its repository&apos;s https:// address), so
          recipients do not see {leftOut === 1 ? "it" : "them"} and the advisory&apos;s records will not carry {leftOut === 1 ? "it" : "them"}.
          Edit the notice: saving names each one to correct.
        </p>
      ) : null}

      <Section title="Embargo conditions">
        <ul className="list-disc space-y-1 pl-5 text-sm">
          <li>Deploying fixes before the disclosure time is {notice.deployBeforeDisclosure ? <strong>allowed</strong> : <strong>not allowed</strong>}.</li>
          <li>The patch itself is {notice.patchEmbargoed ? <strong>under embargo</strong> : <strong>not under embargo</strong>}.</li>
          <li>Nothing about this notice may be made public or hinted at before the disclosure time; share it only with people who need to know.</li>
        </ul>
        {notice.embargoNotes.trim() ? <p className="text-sm break-words whitespace-pre-line">{notice.embargoNotes}</p> : null}
      </Section>

      {notice.reporterCredit && notice.reporterOptOut ? (
        <Section title="Credit">
          <p>{notice.reporterCredit}</p>
          <p className="text-sm text-amber-800">The reporter opted out: this credit is not shown to recipients nor published.</p>
        </Section>
      ) : null}

      {fileControls !== null ? <NoticeFiles notice={notice} fileControls={fileControls} /> : null}
    </div>
  );
}

/** The files of a notice: download links, size, hash, and whether each is published with the advisory. */
export function NoticeFiles({ notice, fileControls, level = 3 }: { notice: Pick<NoticeBodyData, "id" | "reference" | "attachments">; fileControls?: ((file: FileRow) => React.ReactNode) | undefined; level?: 3 | 4 }) {
  return (
    <Section title="Patches and other files" level={level}>
      {notice.attachments.length === 0 ? (
        <p className="text-sm text-slate-600">No files attached.</p>
      ) : (
        <ScrollArea label={`Files attached to ${notice.reference}`} className="rounded-md border border-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Files attached to {notice.reference}</caption>
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">File</th>
                <th scope="col" className="px-3 py-2">Size</th>
                <th scope="col" className="px-3 py-2">SHA-256</th>
                <th scope="col" className="px-3 py-2">Public when disclosed</th>
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
                  <td className="px-3 py-2">
                    {a.public ? "yes" : "no"}
                    {fileControls ? fileControls(a) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      )}
    </Section>
  );
}
