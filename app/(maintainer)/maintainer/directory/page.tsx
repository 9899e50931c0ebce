import type { Metadata } from "next";
import Link from "next/link";
import { InviteUninvitedForm } from "@/components/directory/invite-uninvited-form";
import { OrganisationForm } from "@/components/directory/organisation-form";
import { ActivateButton } from "@/components/directory/activation-prompt";
import { StatusBadge } from "@/components/directory/status-badge";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { listOrganisations, listUninvited } from "@/lib/directory/data";
import { approvalKindsFor } from "@/lib/approvals/data";
import { requestDirectoryExportAction } from "@/lib/directory/actions";
import { RequestForm } from "@/components/approvals/request-form";
import { REINVITE_AFTER_DAYS } from "@/lib/directory/policy";
import { DirectoryFilterSchema, ORG_STATUSES } from "@/lib/directory/schemas";
import { formatFingerprint } from "@/lib/directory/pgp";
import { requireArea } from "@/lib/auth/guards";
import { ScrollArea } from "@/components/ui/scroll-area";

export const metadata: Metadata = { title: "Directory" };

export default async function DirectoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireArea("maintainer", "/maintainer/directory");
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([k, v]) => ["q", "status"].includes(k) && typeof v === "string" && v !== ""));
  const filter = DirectoryFilterSchema.safeParse(raw);
  const [organisations, uninvited, approval] = await Promise.all([listOrganisations(viewer, filter.success ? filter.data : {}), listUninvited(viewer, null), approvalKindsFor(viewer)]);
  // The two-person rule covers the export: the button files a request; the approved export is downloaded from it.
  const exportCovered = approval.includes("directory.export");
  return (
    <div className="space-y-6">
      <PageHeader
        title="Directory"
        description="The confidential list of distributor organisations and their people. Never shown to vendors."
        actions={
          <>
            {exportCovered ? null : (
              <a href="/api/directory/export" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
                Export CSV
              </a>
            )}
            <Link href="/maintainer/directory/import" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
              Import CSV
            </Link>
          </>
        }
      />
      {exportCovered ? (
        <Card>
          <h2 className="mb-2 font-semibold">Export CSV</h2>
          <p className="mb-3 text-sm text-slate-700">
            Once another maintainer approves, you (only) can download the export once, within an hour, from the request&apos;s page under{" "}
            <Link href="/maintainer/approvals" className="text-indigo-700 underline">
              Approvals
            </Link>
            .
          </p>
          <RequestForm action={requestDirectoryExportAction} fields={{}} label="Export the directory" confirm="Ask another maintainer to approve exporting the whole directory?" />
        </Card>
      ) : null}
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Search the directory">
        <label className="text-sm font-medium text-slate-800">
          Search name, role address or member email
          <input name="q" defaultValue={filter.success ? (filter.data.q ?? "") : ""} className="mt-1 block w-72 max-w-full rounded-md border border-slate-300 px-3 py-2" />
        </label>
        <label className="text-sm font-medium text-slate-800">
          Status
          <select name="status" defaultValue={filter.success ? (filter.data.status ?? "") : ""} className="mt-1 block rounded-md border border-slate-300 px-2 py-2">
            <option value="">Any</option>
            {ORG_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit">Search</Button>
      </form>
      <ScrollArea label="Organisations" className="rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">Organisation</th>
              <th scope="col" className="px-3 py-2">Status</th>
              <th scope="col" className="px-3 py-2">Role address</th>
              <th scope="col" className="px-3 py-2">People</th>
              <th scope="col" className="px-3 py-2">OpenPGP key</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {organisations.length === 0 ? (
              <tr>
                <td colSpan={5} className="px-3 py-6 text-center text-slate-600">No organisations match.</td>
              </tr>
            ) : (
              organisations.map((o) => (
                <tr key={o.id}>
                  <td className="px-3 py-2 font-medium">
                    <Link href={`/maintainer/directory/${o.id}`} className="text-indigo-700 underline">
                      {o.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    <StatusBadge status={o.status} />
                    {o.status === "INVITED" ? (
                      <div className="mt-1 space-y-1 text-xs text-amber-900">
                        <p>Gets no notices until activated.</p>
                        <ActivateButton organisationId={o.id} name={o.name} />
                      </div>
                    ) : null}
                  </td>
                  <td className="px-3 py-2">{o.roleAddress ?? "—"}</td>
                  <td className="px-3 py-2 tabular-nums">{o._count.memberships}</td>
                  <td className="px-3 py-2 font-mono text-xs">{o.pgpFingerprint ? formatFingerprint(o.pgpFingerprint).slice(-19) : "—"}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </ScrollArea>
      <Card>
        <h2 className="mb-2 font-semibold">Invitations</h2>
        <InviteUninvitedForm people={uninvited.map(({ email, organisation }) => ({ email, organisation }))} days={REINVITE_AFTER_DAYS} />
      </Card>
      <Card>
        <h2 className="mb-4 font-semibold">New organisation</h2>
        <OrganisationForm />
      </Card>
    </div>
  );
}
