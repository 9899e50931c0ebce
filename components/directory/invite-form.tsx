"use client";
import { useActionState, useRef } from "react";
import { inviteMaintainerAction, inviteMemberAction } from "@/lib/directory/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

export function InviteForm({ organisationId }: { organisationId?: string }) {
  const [state, action, pending] = useActionState(organisationId ? inviteMemberAction : inviteMaintainerAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={formRef} action={action} className="space-y-3" aria-label={organisationId ? "Invite a member" : "Invite a maintainer"}>
      {organisationId ? <input type="hidden" name="organisationId" value={organisationId} /> : null}
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
      {state?.ok ? <Notice tone="success">{state.message}</Notice> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Email" name="email" type="email" required errors={errors?.email} />
        <Field label="Name (optional)" name="name" maxLength={120} errors={errors?.name} />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Inviting…" : organisationId ? "Invite member" : "Invite maintainer"}
      </Button>
    </form>
  );
}
