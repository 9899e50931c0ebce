// One public advisory: a disclosed notice as anyone may read it (drafts, embargoed and withdrawn notices are 404).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { cvssScoreLabel } from "@/lib/notices/cvss";
import { getPublicAdvisory } from "@/lib/notices/data";
import { cveIdsOf } from "@/lib/notices/cve-ids";
import { getProjectSettings } from "@/lib/settings/data";
import { getSigningState } from "@/lib/signing/data";
import { ProjectKeyNote } from "@/components/signing/project-key-note";
import { NotFoundError } from "@/lib/server/errors";
import { AffectedRanges, ReferenceLinks } from "@/components/advisories/affected-ranges";
import { Markdown } from "@/components/ui/markdown";
import { Time } from "@/components/ui/time";

export const dynamic = "force-dynamic";

const load = cache(async (noticeId: string) => {
  try {
    return await getPublicAdvisory(noticeId.slice(0, 64));
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Promise<{ noticeId: string }> }): Promise<Metadata> {
  const advisory = await load((await params).noticeId);
  return { title: advisory ? `${advisory.reference}: ${advisory.title}` : "Not found" };
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="mt-8">
      <h2 className="text-xl font-semibold text-slate-900">{title}</h2>
      <div className="mt-2 text-slate-800">{children}</div>
    </section>
  );
}

export default async function AdvisoryPage({ params }: { params: Promise<{ noticeId: string }> }) {
  const a = await load((await params).noticeId);
  if (!a) notFound();
  const [{ name: project }, signing] = await Promise.all([getProjectSettings(), getSigningState()]);
  // The label says which CVSS score the number is (CVSS-B, CVSS-BT, CVSS-BE, CVSS-BTE), as in the OSV and CSAF forms.
  const severity = a.cvssVector ? `${cvssScoreLabel(a.cvssVector)} ${a.cvssScore?.toFixed(1)} (${a.cvssVector})` : a.severity ? a.severity.toLowerCase() : null;
  const cves = cveIdsOf(a);
  return (
    <article className="mx-auto max-w-4xl px-4 py-10 sm:px-6">
      <p className="font-mono text-sm text-slate-600">{a.reference}</p>
      <h1 className="mt-1 text-3xl font-bold tracking-tight text-slate-900">{a.title}</h1>
      <dl className="mt-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-medium text-slate-600">Project</dt>
        <dd>{project}</dd>
        <dt className="font-medium text-slate-600">Published</dt>
        <dd>{a.disclosedAt ? <Time value={a.disclosedAt} /> : null}</dd>
        {cves.alias ? (
          <>
            <dt className="font-medium text-slate-600">CVE</dt>
            <dd>{cves.alias}</dd>
          </>
        ) : null}
        {cves.related.length ? (
          <>
            <dt className="font-medium text-slate-600">Related CVEs</dt>
            <dd>{cves.related.join(", ")}</dd>
          </>
        ) : null}
        {a.cwe ? (
          <>
            <dt className="font-medium text-slate-600">Weakness</dt>
            <dd>{a.cwe}</dd>
          </>
        ) : null}
        {severity ? (
          <>
            <dt className="font-medium text-slate-600">Severity</dt>
            <dd className="break-all">{severity}</dd>
          </>
        ) : null}
        {a.reporterCredit ? (
          <>
            <dt className="font-medium text-slate-600">Reported by</dt>
            <dd>{a.reporterCredit}</dd>
          </>
        ) : null}
      </dl>
      <nav aria-label="Machine-readable forms" className="mt-4 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <a href={`/advisories/${a.id}/osv.json`} className="font-medium text-indigo-700 underline underline-offset-2">
          OSV record (JSON)
        </a>
        <a href={`/advisories/${a.id}/csaf.json`} className="font-medium text-indigo-700 underline underline-offset-2">
          CSAF 2.0 document (JSON)
        </a>
        <a href="/advisories/feed.xml" className="font-medium text-indigo-700 underline underline-offset-2">
          All advisories (Atom feed)
        </a>
      </nav>
      <div className="mt-2">
        <ProjectKeyNote fingerprint={signing.fingerprint} />
      </div>
      {a.summary ? <p className="mt-6 text-lg text-slate-800">{a.summary}</p> : null}
      {a.description ? (
        <Section title="Description">
          <Markdown>{a.description}</Markdown>
        </Section>
      ) : null}
      {a.affectedVersions || a.fixedVersions ? (
        <Section title="Versions">
          <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
            <dt className="font-medium text-slate-600">Affected</dt>
            <dd className="whitespace-pre-wrap">{a.affectedVersions || "—"}</dd>
            <dt className="font-medium text-slate-600">Fixed</dt>
            <dd className="whitespace-pre-wrap">{a.fixedVersions || "—"}</dd>
          </dl>
        </Section>
      ) : null}
      {a.remediation ? (
        <Section title="Remediation">
          <Markdown>{a.remediation}</Markdown>
        </Section>
      ) : null}
      {a.mitigation ? (
        <Section title="Mitigation">
          <Markdown>{a.mitigation}</Markdown>
        </Section>
      ) : null}
      {a.workaround ? (
        <Section title="Workaround">
          <Markdown>{a.workaround}</Markdown>
        </Section>
      ) : null}
      {Array.isArray(a.affectedPackages) && a.affectedPackages.length > 0 ? (
        <Section title="Affected packages">
          <AffectedRanges value={a.affectedPackages} />
        </Section>
      ) : null}
      {Array.isArray(a.references) && a.references.length > 0 ? (
        <Section title="References">
          <ReferenceLinks value={a.references} />
        </Section>
      ) : null}
      {a.detection ? (
        <Section title="How to tell if you are affected">
          <Markdown>{a.detection}</Markdown>
        </Section>
      ) : null}
      {a.attachments.length ? (
        <Section title="Patches and files">
          <ul className="space-y-2">
            {a.attachments.map((f) => (
              <li key={f.id}>
                <a href={`/api/notices/${a.id}/attachments/${f.id}`} className="font-medium text-indigo-700 underline" download>
                  {f.filename}
                </a>{" "}
                <span className="text-sm text-slate-600">({f.size.toLocaleString("en")} bytes)</span>
                <p className="break-all font-mono text-xs text-slate-600">SHA-256 {f.sha256}</p>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </article>
  );
}
