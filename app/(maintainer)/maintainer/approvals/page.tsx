// The two-person rule's requests (maintainers with the second factor): open ones first, then the last decided ones.
import type { Metadata } from "next";
import Link from "next/link";
import { RequestCard } from "@/components/approvals/request-card";
import { PageHeader } from "@/components/ui/card";
import { requireArea } from "@/lib/auth/guards";
import { listApprovalRequests } from "@/lib/approvals/data";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const viewer = await requireArea("maintainer", "/maintainer/approvals");
  const { open, done } = await listApprovalRequests(viewer);
  return (
    <div className="space-y-6">
      <PageHeader title="Approvals" description="Actions a maintainer asked for that need a second maintainer (two-person rule). Open one to approve or decline it." />
      <p className="text-sm text-slate-700">
        Which actions need approval is chosen in{" "}
        <Link href="/maintainer/settings#two-person" className="text-indigo-700 underline">
          Settings
        </Link>
        .
      </p>
      <section aria-labelledby="open-heading" className="space-y-3">
        <h2 id="open-heading" className="text-lg font-semibold">
          Open ({open.length})
        </h2>
        {open.length === 0 ? <p className="text-sm text-slate-700">Nothing is waiting for approval.</p> : open.map((r) => <RequestCard key={r.id} request={r} heading="h3" link />)}
      </section>
      <section aria-labelledby="done-heading" className="space-y-3">
        <h2 id="done-heading" className="text-lg font-semibold">
          Decided (last 50)
        </h2>
        {done.length === 0 ? <p className="text-sm text-slate-700">No request was decided yet.</p> : done.map((r) => <RequestCard key={r.id} request={r} heading="h3" link />)}
      </section>
    </div>
  );
}
