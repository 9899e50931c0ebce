// The public advisories: disclosed notices only, newest first, searchable by CVE, package or title. Each links to
// its page and its machine-readable forms (OSV, CSAF); the whole list is also an Atom feed and an OSV index.
import type { Metadata } from "next";
import Link from "next/link";
import { listUpcomingReleases, searchPublicAdvisories } from "@/lib/advisories/data";
import { getProjectSettings } from "@/lib/settings/data";
import { Time } from "@/components/ui/time";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "Security advisories",
  alternates: { types: { "application/atom+xml": [{ url: "/advisories/feed.xml", title: "Security advisories (Atom)" }] } },
};

const PER_PAGE = 50;
/** Far enough for any project; a page number past it is read as the last one allowed. */
const MAX_PAGE = 10_000;
const linkClass = "text-indigo-700 underline underline-offset-2 hover:text-indigo-900 focus-visible:outline-2 focus-visible:outline-indigo-600";

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function pageHref(q: string, page: number): string {
  const params = new URLSearchParams({ ...(q ? { q } : {}), ...(page > 1 ? { page: String(page) } : {}) });
  return `/advisories${params.size ? `?${params}` : ""}`;
}

export default async function AdvisoriesPage({ searchParams }: { searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> }) {
  const search = await searchParams;
  const q = first(search.q)?.slice(0, 100) ?? "";
  const page = Math.min(MAX_PAGE, Math.max(1, Number.parseInt(first(search.page) ?? "1", 10) || 1));
  // One more than a page: whether there is an older page, without counting them all.
  const [found, upcoming] = await Promise.all([searchPublicAdvisories(q, { take: PER_PAGE + 1, skip: (page - 1) * PER_PAGE }), q || page > 1 ? [] : listUpcomingReleases()]);
  const advisories = found.slice(0, PER_PAGE);
  const older = found.length > PER_PAGE;
  const { name: project } = await getProjectSettings();
  return (
    <div className="mx-auto max-w-4xl px-4 py-10 sm:px-6">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">{project} security advisories</h1>
      <p className="mt-2 text-slate-700">
        Vulnerabilities disclosed by the project, newest first. Also as an{" "}
        <a href="/advisories/feed.xml" className={linkClass}>
          Atom feed
        </a>{" "}
        and an{" "}
        <a href="/osv/all.json" className={linkClass}>
          OSV index
        </a>
        .
      </p>
      {upcoming.length ? (
        <section aria-labelledby="upcoming" className="mt-8">
          <h2 id="upcoming" className="text-xl font-semibold text-slate-900">
            Upcoming security releases
          </h2>
          <p className="mt-1 text-sm text-slate-700">Pre-announced: the date, severity and affected versions only. The details are published at that time.</p>
          <ul className="mt-3 space-y-3" aria-label="Upcoming security releases">
            {upcoming.map((u) => (
              <li key={u.slug} id={u.anchor} className={`rounded-lg border p-4 ${u.status === "cancelled" ? "border-slate-200 bg-slate-50" : "border-amber-300 bg-amber-50"}`}>
                <h3 className="font-semibold text-slate-900">{u.title}</h3>
                <p className="mt-1 break-words text-slate-800">{u.text}</p>
                <p className="mt-1 text-sm text-slate-600">
                  Pre-announcement {u.slug} · last changed <Time value={u.changedAt} />
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <form role="search" action="/advisories" className="mt-6 flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <label htmlFor="q" className="block text-sm font-medium text-slate-800">
            Search by CVE, package or title
          </label>
          <input id="q" name="q" type="search" defaultValue={q} maxLength={100} placeholder="CVE-2026-12345, cryptography, overflow…" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-slate-900 shadow-sm focus:border-indigo-600 focus:ring-2 focus:ring-indigo-600 focus:outline-none" />
        </div>
        <button type="submit" className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
          Search
        </button>
        {q ? (
          <Link href="/advisories" className={`${linkClass} py-2 text-sm`}>
            Show all
          </Link>
        ) : null}
      </form>
      {advisories.length === 0 ? (
        <p className="mt-8 rounded-lg border border-slate-200 bg-white p-6 text-slate-700">
          {page > 1 ? (
            <>
              There is no page {page}.{" "}
              <Link href={pageHref(q, 1)} className={linkClass}>
                Back to the newest
              </Link>
            </>
          ) : q ? (
            `No published advisory matches “${q}”.`
          ) : (
            "No advisory has been published yet."
          )}
        </p>
      ) : (
        <ul className="mt-8 space-y-4" aria-label={q ? `Advisories matching ${q}` : "Advisories"}>
          {advisories.map((a) => (
            <li key={a.id} id={a.anchor ?? undefined} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
              <p className="font-mono text-sm break-words text-slate-600">
                {a.reference}
                {a.cveIds[0] ? ` · ${a.cveIds[0]}` : ""}
              </p>
              <h2 className="mt-1 text-lg font-semibold">
                <Link href={`/advisories/${a.id}`} className={linkClass}>
                  {a.title}
                </Link>
              </h2>
              {a.summary ? <p className="mt-1 text-slate-700">{a.summary}</p> : null}
              {a.packages.length ? <p className="mt-1 text-sm text-slate-700">Packages: {a.packages.join(", ")}</p> : null}
              <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600">
                <span>Published {a.disclosedAt ? <Time value={a.disclosedAt} /> : null}</span>
                <a href={`/advisories/${a.id}/osv.json`} className={linkClass}>
                  OSV<span className="sr-only"> record of {a.reference}</span>
                </a>
                <a href={`/advisories/${a.id}/csaf.json`} className={linkClass}>
                  CSAF<span className="sr-only"> document of {a.reference}</span>
                </a>
              </p>
            </li>
          ))}
        </ul>
      )}
      {page > 1 || older ? (
        <nav aria-label="Pages of advisories" className="mt-6 flex flex-wrap items-center justify-between gap-3 text-sm">
          {page > 1 ? (
            <Link href={pageHref(q, page - 1)} className={linkClass} rel="prev">
              ← Newer
            </Link>
          ) : (
            <span />
          )}
          <span className="text-slate-600">Page {page}</span>
          {older ? (
            <Link href={pageHref(q, page + 1)} className={linkClass} rel="next">
              Older →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
