// The public advisories: disclosed notices only, newest first. Anyone may read them.
import type { Metadata } from "next";
import Link from "next/link";
import { listPublicAdvisories } from "@/lib/notices/data";
import { Time } from "@/components/ui/time";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Security advisories" };

export default async function AdvisoriesPage() {
  const advisories = await listPublicAdvisories();
  return (
    <div className="mx-auto max-w-4xl px-4 py-10 sm:px-6">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Security advisories</h1>
      <p className="mt-2 text-slate-700">Vulnerabilities disclosed by the project, newest first.</p>
      {advisories.length === 0 ? (
        <p className="mt-8 rounded-lg border border-slate-200 bg-white p-6 text-slate-700">No advisory has been published yet.</p>
      ) : (
        <ul className="mt-8 space-y-4">
          {advisories.map((a) => (
            <li key={a.id} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
              <p className="font-mono text-sm text-slate-600">
                {a.reference}
                {a.cveIds.length ? ` · ${a.cveIds.join(", ")}` : ""}
              </p>
              <h2 className="mt-1 text-lg font-semibold">
                <Link href={`/advisories/${a.id}`} className="text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
                  {a.title}
                </Link>
              </h2>
              {a.summary ? <p className="mt-1 text-slate-700">{a.summary}</p> : null}
              <p className="mt-2 text-sm text-slate-600">Published {a.disclosedAt ? <Time value={a.disclosedAt} /> : null}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
