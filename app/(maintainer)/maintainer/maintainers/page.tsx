import type { Metadata } from "next";
import { InviteForm } from "@/components/directory/invite-form";
import { StatusBadge } from "@/components/directory/status-badge";
import { ActionForm } from "@/components/ui/action-form";
import { Card, PageHeader } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { removeMaintainerAction } from "@/lib/directory/actions";
import { listMaintainers } from "@/lib/directory/data";
import { requireArea } from "@/lib/auth/guards";
import { RequestForm } from "@/components/approvals/request-form";
import { approvalKindsFor } from "@/lib/approvals/data";

export const metadata: Metadata = { title: "Maintainers" };

export default async function MaintainersPage() {
  const viewer = await requireArea("maintainer", "/maintainer/maintainers");
  const [maintainers, approval] = await Promise.all([listMaintainers(viewer), approvalKindsFor(viewer)]);
  const covered = approval.includes("directory.remove-maintainer");
  return (
    <div className="space-y-6">
      <PageHeader title="Maintainers" description="The project's security team. Every maintainer signs in with an emailed link and a second factor." />
      <Card>
        <ul className="divide-y divide-slate-100">
          {maintainers.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
              <div>
                <p className="font-medium">
                  {m.email} <StatusBadge status={m.status} /> {m.id === viewer.userId ? <span className="text-slate-500">(you)</span> : null}
                </p>
                <p className="text-slate-600">
                  {m.name ?? "no name"} · {m.lastSignInAt ? <>last sign-in <Time value={m.lastSignInAt} /></> : "never signed in"} · second factor {m.totpEnabledAt ? "on" : "not set up"}
                </p>
              </div>
              {m.id !== viewer.userId && covered ? <RequestForm action={removeMaintainerAction} fields={{ userId: m.id }} label={`Remove ${m.email}`} confirm={`Ask another maintainer to approve removing ${m.email}?`} /> : null}
              {m.id !== viewer.userId && !covered ? <ActionForm action={removeMaintainerAction} fields={{ userId: m.id }} label="Remove" variant="danger" confirm={`Remove ${m.email} as a maintainer? They are signed out at once.`} /> : null}
            </li>
          ))}
        </ul>
      </Card>
      <Card>
        <h2 className="mb-4 font-semibold">Invite a maintainer</h2>
        <InviteForm approval={approval.includes("directory.invite-maintainer")} />
      </Card>
    </div>
  );
}
