import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { Card, PageHeader } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { approveColleagueAction, declineColleagueAction } from "@/lib/directory/actions";
import { getDirectoryOverview, listPendingColleagues } from "@/lib/directory/data";
import { requireArea } from "@/lib/server/guards";

export const metadata: Metadata = { title: "Overview" };

export default async function MaintainerHome() {
  const viewer = await requireArea("maintainer", "/maintainer");
  const [overview, pending] = await Promise.all([getDirectoryOverview(viewer), listPendingColleagues(viewer)]);
  const stats = [
    { label: "Active organisations", value: overview.organisations.ACTIVE },
    { label: "Invited organisations", value: overview.organisations.INVITED },
    { label: "Suspended organisations", value: overview.organisations.SUSPENDED },
    { label: "Vendor people (active or invited)", value: overview.vendorPeople },
    { label: "Maintainers", value: overview.maintainers },
  ];
  return (
    <div className="space-y-6">
      <PageHeader title="Overview" description="The confidential directory of distributors at a glance." />
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        {stats.map((s) => (
          <Card key={s.label} className="p-4">
            <dt className="text-sm text-slate-600">{s.label}</dt>
            <dd className="mt-1 text-3xl font-semibold tabular-nums">{s.value}</dd>
          </Card>
        ))}
      </dl>
      {pending.length > 0 ? (
        <Card>
          <h2 className="font-semibold">Colleagues awaiting your approval ({pending.length})</h2>
          <p className="mt-1 text-sm text-slate-700">Invited by an organisation admin. They cannot sign in and get no email until approved; approving sends the invitation.</p>
          <ul className="mt-3 divide-y divide-slate-100" aria-label="Colleagues awaiting approval">
            {pending.map((p) => (
              <li key={p.id} className="flex flex-wrap items-start justify-between gap-3 py-3 text-sm">
                <div className="min-w-0">
                  <p className="break-all font-medium">
                    {p.email}
                    {p.name ? <span className="font-normal text-slate-600"> ({p.name})</span> : null}
                  </p>
                  <p className="text-slate-600">
                    <Link href={`/maintainer/directory/${p.organisation.id}`} className="text-indigo-700 underline">
                      {p.organisation.name}
                    </Link>{" "}
                    · invited by {p.invitedBy ?? "unknown"} <Time value={p.createdAt} />
                  </p>
                </div>
                <div className="flex flex-wrap gap-2">
                  <ActionForm action={approveColleagueAction} fields={{ userId: p.id }} label="Approve" variant="primary" />
                  <ActionForm action={declineColleagueAction} fields={{ userId: p.id }} label="Decline" variant="danger" confirm={`Decline ${p.email}? They are removed and never emailed.`} />
                </div>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
