"use client";
import { useActionState } from "react";
import { inviteMaintainerAction, inviteMemberAction } from "@/lib/directory/actions";
import { inviteColleagueAction } from "@/lib/directory/colleague-actions";
import type { ActionResult } from "@/lib/server/errors";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useResultFocus } from "@/components/ui/use-result-focus";
import { ApprovalReasonField } from "@/components/approvals/approval-reason-field";

type Invite = (prev: ActionResult<unknown> | null, form: FormData) => Promise<ActionResult<unknown>>;

// Who invites whom: a maintainer into an organisation or the team, or an organisation admin into their own organisation.
const KINDS = {
  member: { action: inviteMemberAction as Invite, label: "Invite a member", button: "Invite member" },
  maintainer: { action: inviteMaintainerAction as Invite, label: "Invite a maintainer", button: "Invite maintainer" },
  colleague: { action: inviteColleagueAction as Invite, label: "Invite a colleague", button: "Invite colleague" },
};

/** `approval`: the two-person rule covers inviting a maintainer, so the form files a request (with its reason). */
export function InviteForm({ organisationId, colleague = false, approval = false }: { organisationId?: string; colleague?: boolean; approval?: boolean }) {
  const kind = KINDS[colleague ? "colleague" : organisationId ? "member" : "maintainer"];
  const [state, action, pending] = useActionState(kind.action, null);
  const formRef = useResultFocus(state);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={formRef} action={action} className="space-y-3" aria-label={kind.label}>
      {organisationId ? <input type="hidden" name="organisationId" value={organisationId} /> : null}
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
      {state?.ok ? <Notice tone="success">{state.message}</Notice> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Email" name="email" type="email" required errors={errors?.email} />
        <Field label="Name (optional)" name="name" maxLength={120} errors={errors?.name} />
      </div>
      {approval ? <ApprovalReasonField errors={errors?.approvalReason} /> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Inviting…" : approval ? `Ask for approval: ${kind.button.toLowerCase()}` : kind.button}
      </Button>
    </form>
  );
}
