import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/card";
import { getDirectoryOverview } from "@/lib/directory/data";
import { requireArea } from "@/lib/server/guards";

export const metadata: Metadata = { title: "Overview" };

export default async function MaintainerHome() {
  const viewer = await requireArea("maintainer", "/maintainer");
  const overview = await getDirectoryOverview(viewer);
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
    </div>
  );
}
