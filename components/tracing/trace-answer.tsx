// The answer of a trace: who the copy was served to, how sure, and that copy's audit events.
import type { TraceView } from "@/lib/notices/trace-actions";

const FORMS: Record<string, string> = {
  page: "the notice page (copied text)",
  email: "the encrypted email",
  api: "the API (JSON)",
  csaf: "the TLP:AMBER CSAF",
  download: "a downloaded file",
};

const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

function odds(oneIn: number): string {
  return oneIn >= 1e6 ? `1 in ${oneIn.toExponential(1).replace("e+", " × 10^")}` : `1 in ${oneIn.toLocaleString("en")}`;
}

export function TraceAnswer({ result }: { result: TraceView }) {
  if (result.findings.length === 0) {
    return (
      <div role="status" className="space-y-2 rounded-md border border-slate-300 bg-slate-50 p-4 text-sm text-slate-800">
        <p className="font-semibold">No known mark in this copy.</p>
        {result.original ? (
          <p>
            This file is the original {result.original.filename} of {result.original.reference}, unmarked — as maintainers, the public once disclosed, and every recipient of a file that is never marked (one with a signature or digest beside it, a PDF, signed text) get it. It names no organisation.
          </p>
        ) : null}
        {result.unknownMarks > 0 ? <p>It carries {result.unknownMarks} intact mark(s) that match no copy this instance served (another instance, or a notice since deleted).</p> : null}
        <p>A retyped text, a screenshot, or text passed through a tool that removes invisible characters loses its marks: no organisation is named rather than a wrong one.</p>
      </div>
    );
  }
  const organisations = [...new Set(result.findings.map((f) => f.organisation.name))];
  return (
    <div role="status" className="space-y-4">
      <p className="text-sm font-semibold text-slate-900">
        {result.mixed ? `A mix of copies of ${organisations.length} organisations: ${organisations.join(", ")}.` : `This copy was served to ${organisations[0]}.`}
      </p>
      {result.findings.map((f) => (
        <article key={`${f.form}-${f.organisation.id}-${f.notice.id}-${f.member?.id ?? ""}-${f.attachment?.id ?? ""}`} className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm">
          <h2 className="text-base font-semibold text-slate-900">{f.organisation.name}</h2>
          <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium text-slate-700">Notice</dt>
            <dd>
              <a href={`/maintainer/notices/${encodeURIComponent(f.notice.id)}`} className="text-indigo-700 underline">
                {f.notice.reference}
              </a>
            </dd>
            <dt className="font-medium text-slate-700">Copy</dt>
            <dd>
              {FORMS[f.form] ?? f.form}
              {f.attachment ? ` — ${f.attachment.filename}` : ""}
            </dd>
            {f.member ? (
              <>
                <dt className="font-medium text-slate-700">Member</dt>
                <dd className="break-all">{f.member.name ? `${f.member.name} <${f.member.email}>` : f.member.email}</dd>
              </>
            ) : null}
            <dt className="font-medium text-slate-700">How sure</dt>
            <dd>
              {f.verbatim ? "The file is this copy byte for byte. " : ""}
              {f.marks > 0
                ? `${f.marks} intact mark(s) of this copy found; odds that a mark names this copy by chance: ${odds(result.falseMatchOneIn)} (${result.candidates.toLocaleString("en")} copies compared).`
                : "The download's audit event recorded this exact file."}
            </dd>
          </dl>
          <h3 className="font-semibold text-slate-900">Audit events of this copy</h3>
          {f.events.length === 0 ? (
            <p className="text-slate-700">None on record.</p>
          ) : (
            <ul className="space-y-1">
              {f.events.map((e, i) => (
                <li key={i} className="break-words">
                  <time dateTime={e.at}>{utc(e.at)}</time> · {e.action} · {e.actor ?? "—"} · from {e.ip ?? "an unknown address"}
                </li>
              ))}
            </ul>
          )}
        </article>
      ))}
      {result.unknownMarks > 0 ? <p className="text-sm text-slate-700">Also {result.unknownMarks} intact mark(s) that match no served copy.</p> : null}
    </div>
  );
}
