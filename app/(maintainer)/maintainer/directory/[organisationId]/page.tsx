import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InviteForm } from "@/components/directory/invite-form";
import { InviteUninvitedForm } from "@/components/directory/invite-uninvited-form";
import { KeyForm } from "@/components/directory/key-form";
import { OrganisationForm } from "@/components/directory/organisation-form";
import { ActivationPrompt } from "@/components/directory/activation-prompt";
import { StatusBadge } from "@/components/directory/status-badge";
import { ActionForm } from "@/components/ui/action-form";
import { Card, PageHeader } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import {
  approveColleagueAction,
  declineColleagueAction,
  removeOrganisationKeyAction,
  setMemberAdminAction,
  resendInvitationAction,
  setMemberStatusAction,
  setOrganisationStatusAction,
} from "@/lib/directory/actions";
import { getOrganisation, listUninvited } from "@/lib/directory/data";
import { formatFingerprint } from "@/lib/directory/pgp";
import { awaitsApproval, canViewDirectory, COUNTS_AS_ADMIN, INVITABLE_ORGANISATION_STATUSES, memberTransitionAllowed, REINVITE_AFTER_DAYS } from "@/lib/directory/policy";
import { ORG_STATUSES } from "@/lib/directory/schemas";
import { requireArea } from "@/lib/auth/guards";
import { getViewer } from "@/lib/auth/viewer";

type Params = { params: Promise<{ organisationId: string }> };

// The title comes from the same scoped read as the page: nobody but a maintainer learns a name from metadata.
export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const viewer = await getViewer();
  if (!canViewDirectory(viewer)) return { title: "Not found" };
  const org = await getOrganisation(viewer, (await params).organisationId);
  return { title: org ? org.name : "Not found" };
}

const STATUS_ACTIONS: Record<string, { label: string; confirm?: string; variant: "primary" | "secondary" | "danger" }> = {
  ACTIVE: { label: "Activate", variant: "primary" },
  SUSPENDED: { label: "Suspend", confirm: "Suspend this organisation? Its people are signed out at once and see no notices.", variant: "danger" },
  REMOVED: { label: "Remove", confirm: "Remove this organisation from the list? Its people are signed out at once.", variant: "danger" },
  INVITED: { label: "Mark as invited", variant: "secondary" },
};

const MEMBER_ACTIONS = [
  { to: "SUSPENDED", label: "Suspend", confirm: "Suspend this person? They are signed out everywhere at once.", variant: "danger" },
  { to: "ACTIVE", label: "Reactivate", variant: "secondary" },
  { to: "REMOVED", label: "Remove", confirm: "Remove this person? They are signed out everywhere at once.", variant: "danger" },
] as const;

export default async function OrganisationPage({ params }: Params) {
  const { organisationId } = await params;
  const viewer = await requireArea("maintainer", `/maintainer/directory/${organisationId}`);
  const org = await getOrganisation(viewer, organisationId);
  if (!org) notFound();
  const uninvited = INVITABLE_ORGANISATION_STATUSES.includes(org.status) ? await listUninvited(viewer, org.id) : null;

  return (
    <div className="space-y-6">
      <Link href="/maintainer/directory" className="text-sm text-indigo-700 underline">
        ← Directory
      </Link>
      <PageHeader title={org.name} description={`Added ${org.createdAt.toISOString().slice(0, 10)} · last changed ${org.updatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`} />
      <ActivationPrompt organisation={{ id: org.id, name: org.name, status: org.status, people: org.memberships.filter((m) => m.user.status === "INVITED" || m.user.status === "ACTIVE").length }} />
      <Card>
        <div className="flex flex-wrap items-center gap-3">
          <span className="text-sm text-slate-700">Status</span> <StatusBadge status={org.status} />
          <div className="flex flex-wrap gap-2">
            {ORG_STATUSES.filter((s) => s !== org.status).map((s) => (
              <ActionForm key={s} action={setOrganisationStatusAction} fields={{ organisationId: org.id, status: s }} label={STATUS_ACTIONS[s]!.label} variant={STATUS_ACTIONS[s]!.variant} {...(STATUS_ACTIONS[s]!.confirm ? { confirm: STATUS_ACTIONS[s]!.confirm } : {})} />
            ))}
          </div>
        </div>
        <p className="mt-2 text-sm text-slate-600">
          Only active organisations receive notices; then every invited or active member and the role address gets each notice email. Suspending or removing signs its people out at once.
        </p>
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="mb-4 font-semibold">Details</h2>
          <OrganisationForm initial={{ organisationId: org.id, name: org.name, roleAddress: org.roleAddress, notes: org.notes, attachFilesEncrypted: org.attachFilesEncrypted }} />
        </Card>
        <Card>
          <h2 className="font-semibold">OpenPGP key</h2>
          {org.pgpFingerprint ? (
            <dl className="mt-3 space-y-1 text-sm">
              <dt className="text-slate-600">Fingerprint</dt>
              <dd className="break-all font-mono">{formatFingerprint(org.pgpFingerprint)}</dd>
              <dt className="text-slate-600">Expires</dt>
              <dd>{org.pgpExpiresAt ? <Time value={org.pgpExpiresAt} /> : "never"}</dd>
              <dt className="text-slate-600">Can encrypt</dt>
              <dd>yes (checked when saved)</dd>
            </dl>
          ) : (
            <p className="mt-2 text-sm text-slate-700">No key: notices reach this organisation as a link only.</p>
          )}
          <div className="mt-4 space-y-3">
            <KeyForm organisationId={org.id} hasKey={!!org.pgpFingerprint} />
            {org.pgpFingerprint ? <ActionForm action={removeOrganisationKeyAction} fields={{ organisationId: org.id }} label="Remove key" variant="ghost" confirm="Remove this organisation's key?" /> : null}
          </div>
        </Card>
      </div>
      <Card>
        <h2 className="font-semibold">People</h2>
        {org.memberships.length === 0 ? <p className="mt-2 text-sm text-slate-700">Nobody yet. Invite the people who handle security notices.</p> : null}
        <ul className="mt-3 divide-y divide-slate-100">
          {org.memberships.map(({ user, isAdmin, invitedBy, approvedBy, approvedAt }) => (
            <li key={user.id} className="flex flex-wrap items-start justify-between gap-3 py-3 text-sm">
              <div>
                <p className="font-medium">
                  {user.email} <StatusBadge status={user.status} />{" "}
                  {isAdmin ? <span className="inline-block rounded bg-indigo-100 px-2 py-0.5 text-xs font-medium text-indigo-900">organisation admin</span> : null}
                </p>
                <p className="text-slate-600">
                  {user.name ?? "no name"} · {user.lastSignInAt ? <>last sign-in <Time value={user.lastSignInAt} /></> : "never signed in"} · second factor {user.totpEnabledAt ? "on" : "off"}
                </p>
                <p className="text-slate-600">
                  Invited by {invitedBy ?? "(not recorded)"}
                  {approvedBy && approvedAt ? (
                    <>
                      {" "}
                      · approved by {approvedBy} <Time value={approvedAt} />
                    </>
                  ) : null}
                </p>
              </div>
              <div className="flex flex-wrap gap-2">
                {awaitsApproval(user.status) ? (
                  <>
                    <ActionForm action={approveColleagueAction} fields={{ userId: user.id }} label="Approve" variant="primary" />
                    <ActionForm action={declineColleagueAction} fields={{ userId: user.id }} label="Decline" variant="danger" confirm={`Decline ${user.email}? They are removed and never emailed.`} />
                  </>
                ) : null}
                {user.status === "INVITED" ? <ActionForm action={resendInvitationAction} fields={{ userId: user.id }} label="Resend invitation" /> : null}
                {isAdmin ? (
                  <ActionForm action={setMemberAdminAction} fields={{ userId: user.id, admin: "false" }} label="Remove admin role" variant="ghost" />
                ) : COUNTS_AS_ADMIN.has(user.status) ? (
                  <ActionForm action={setMemberAdminAction} fields={{ userId: user.id, admin: "true" }} label="Make admin" />
                ) : null}
                {MEMBER_ACTIONS.filter((a) => !awaitsApproval(user.status) && memberTransitionAllowed(user.status, a.to)).map((a) => (
                  <ActionForm key={a.to} action={setMemberStatusAction} fields={{ userId: user.id, status: a.to }} label={a.label} variant={a.variant} {...("confirm" in a ? { confirm: a.confirm } : {})} />
                ))}
              </div>
            </li>
          ))}
        </ul>
        {uninvited ? (
          <div className="mt-4 border-t border-slate-100 pt-4">
            <InviteUninvitedForm organisationId={org.id} people={uninvited.map(({ email, organisation }) => ({ email, organisation }))} days={REINVITE_AFTER_DAYS} />
          </div>
        ) : null}
        {org.status !== "REMOVED" ? (
          <div className="mt-4 border-t border-slate-100 pt-4">
            <InviteForm organisationId={org.id} />
          </div>
        ) : null}
      </Card>
    </div>
  );
}
