import type { Metadata } from "next";
import Link from "next/link";
import { AuditTable } from "@/components/audit/audit-table";
import { VerifyChain } from "@/components/audit/verify-chain";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { listAuditEvents } from "@/lib/audit/data";
import { AUDIT_ACTIONS, AuditFilterSchema, type AuditFilter } from "@/lib/audit/schemas";
import { requireArea } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Audit log" };

type Search = Record<string, string | string[] | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const viewer = await requireArea("maintainer", "/maintainer/audit");
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== "")) as Record<string, string>;
  const parsed = AuditFilterSchema.safeParse(raw);
  const filter: AuditFilter = parsed.success ? parsed.data : {};
  const { events, nextBefore, names } = await listAuditEvents(viewer, filter);
  const { before: _before, ...filterOnly } = raw;
  const exportQuery = new URLSearchParams(filterOnly).toString();

  return (
    <div className="space-y-6">
      <PageHeader
        title="Audit log"
        description="Every sign-in, second-factor event, directory change and export, append-only and hash-chained. Times in UTC with your local time; hover a name for its id."
        actions={
          <a href={`/api/audit/export${exportQuery ? `?${exportQuery}` : ""}`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
            Export CSV
          </a>
        }
      />
      <Card>
        <form method="get" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5" aria-label="Filter the audit log">
          <label className="text-sm font-medium text-slate-800">
            Action
            <select name="action" defaultValue={filter.action ?? ""} className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-2">
              <option value="">Any</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium text-slate-800">
            Actor email contains
            <input name="actor" defaultValue={filter.actor ?? ""} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
          </label>
          <label className="text-sm font-medium text-slate-800">
            From (UTC day)
            <input type="date" name="from" defaultValue={filter.from ?? ""} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
          </label>
          <label className="text-sm font-medium text-slate-800">
            To (UTC day)
            <input type="date" name="to" defaultValue={filter.to ?? ""} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
          </label>
          <div className="flex items-end gap-2">
            <Button type="submit">Filter</Button>
            <Link href="/maintainer/audit" className="px-2 py-2 text-sm text-indigo-700 underline">
              Clear
            </Link>
          </div>
        </form>
        {!parsed.success ? (
          <div className="mt-4">
            <Notice tone="error">Some filters were not understood and were ignored: {parsed.error.issues.map((i) => i.path.join(".")).join(", ")}.</Notice>
          </div>
        ) : null}
      </Card>
      <AuditTable events={events} names={names} />
      {nextBefore ? (
        <Link href={`/maintainer/audit?${new URLSearchParams({ ...filterOnly, before: nextBefore.toString() })}`} className="inline-block text-sm font-medium text-indigo-700 underline">
          Older events
        </Link>
      ) : null}
      <Card>
        <h2 className="font-semibold">Integrity</h2>
        <p className="mb-3 mt-1 text-sm text-slate-700">Recomputes every event&apos;s hash from the first one: an edited, removed or reordered event shows here.</p>
        <VerifyChain />
      </Card>
      <Card>
        <h2 className="font-semibold">Archive a date range</h2>
        <p className="mb-3 mt-1 text-sm text-slate-700">
          Downloads every event of the range (whole UTC days) with its hashes and the hash the first one links to, so the file can be verified on its own
          (<code>npm run audit:verify -- FILE</code>). The log itself is kept: nothing is deleted.
        </p>
        <form method="get" action="/api/audit/archive" className="flex flex-wrap items-end gap-4" aria-label="Archive a date range of the audit log">
          <label className="text-sm font-medium text-slate-800">
            First day (UTC)
            <input type="date" name="from" required defaultValue={filter.from ?? ""} className="mt-1 block rounded-md border border-slate-300 px-3 py-2" />
          </label>
          <label className="text-sm font-medium text-slate-800">
            Last day (UTC)
            <input type="date" name="to" required defaultValue={filter.to ?? ""} className="mt-1 block rounded-md border border-slate-300 px-3 py-2" />
          </label>
          <Button type="submit">Download archive</Button>
        </form>
      </Card>
    </div>
  );
}
