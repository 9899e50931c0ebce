// "Your organisation": an organisation admin's own organisation's people — statuses, invite, suspend, remove.
// Anyone who is not an admin of it gets the plain 404 (the data layer decides, from the database).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InviteForm } from "@/components/directory/invite-form";
import { StatusBadge } from "@/components/directory/status-badge";
import { ActionForm } from "@/components/ui/action-form";
import { Card, PageHeader } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { setColleagueStatusAction } from "@/lib/directory/colleague-actions";
import { listMyColleagues, type MyColleagues } from "@/lib/directory/data";
import { memberTransitionAllowed } from "@/lib/directory/policy";
import { NotFoundError } from "@/lib/server/errors";
import { requireArea } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Your organisation" };
export const dynamic = "force-dynamic";

export default async function OrganisationAdminPage() {
  const viewer = await requireArea("vendor", "/vendor/organisation");
  let org: MyColleagues;
  try {
    org = await listMyColleagues(viewer);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  return (
    <div className="space-y-6">
      <PageHeader title={`${org.organisation}: people`} description="You are an admin of your organisation: you invite colleagues, and suspend or remove them. You see your own organisation's people only." />
      <Card>
        <h2 className="font-semibold">Members</h2>
        <ul className="mt-3 divide-y divide-slate-100" aria-label="Members">
          {org.members.map((m) => (
            <li key={m.id} className="flex flex-wrap items-start justify-between gap-3 py-3 text-sm">
              <div className="min-w-0">
                <p className="break-all font-medium">
                  {m.email} <StatusBadge status={m.status} /> {m.isAdmin ? <span className="ml-1 inline-block rounded bg-indigo-100 px-2 py-0.5 text-xs font-medium text-indigo-900">admin</span> : null}
                  {m.you ? <span className="ml-1 text-slate-600">(you)</span> : null}
                </p>
                <p className="text-slate-600">
                  {m.name ?? "no name"} ·{" "}
                  {m.status === "PENDING" ? "waiting for a maintainer's approval: no email and no access until then" : m.lastSignInAt ? <>last sign-in <Time value={m.lastSignInAt} /></> : "never signed in"}
                </p>
              </div>
              {m.you ? null : (
                <div className="flex flex-wrap gap-2">
                  {memberTransitionAllowed(m.status, "SUSPENDED") ? (
                    <ActionForm action={setColleagueStatusAction} fields={{ userId: m.id, status: "SUSPENDED" }} label="Suspend" variant="danger" confirm={`Suspend ${m.email}? They are signed out everywhere at once and see no notices; only the maintainers can reactivate them.`} />
                  ) : null}
                  <ActionForm
                    action={setColleagueStatusAction}
                    fields={{ userId: m.id, status: "REMOVED" }}
                    label={m.status === "PENDING" ? "Cancel invitation" : "Remove"}
                    variant="danger"
                    confirm={`Remove ${m.email} from ${org.organisation}? They are signed out everywhere at once.`}
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
        <p className="mt-3 text-sm text-slate-600">A suspended colleague can be reactivated by the project&apos;s maintainers only.</p>
      </Card>
      <Card>
        <h2 className="font-semibold">Invite a colleague</h2>
        <p className="mb-4 mt-1 text-sm text-slate-700">
          {org.approveColleagues
            ? "The project's maintainers approve each colleague first; the invitation email goes out when they do."
            : "Your colleague gets the invitation email at once."}{" "}
          They receive the notices addressed to {org.organisation}, unless you restrict a notice to the people who need to know.
        </p>
        <InviteForm colleague />
      </Card>
    </div>
  );
}
