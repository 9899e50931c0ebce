"use client";
import { useActionState } from "react";
import { useResultFocus } from "@/components/ui/use-result-focus";
import { createOrganisationAction, updateOrganisationAction } from "@/lib/directory/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

type Values = { organisationId?: string; name: string; roleAddress: string | null; notes: string };

export function OrganisationForm({ initial }: { initial?: Values }) {
  const editing = !!initial?.organisationId;
  const [state, action, pending] = useActionState(editing ? updateOrganisationAction : createOrganisationAction, null);
  const resultRef = useResultFocus(state);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={resultRef} action={action} className="space-y-4">
      {editing ? <input type="hidden" name="organisationId" value={initial!.organisationId} /> : null}
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
      {state?.ok && state.message ? <Notice tone="success">{state.message}</Notice> : null}
      <Field label="Name" name="name" required maxLength={120} defaultValue={initial?.name ?? ""} errors={errors?.name} />
      <Field
        label="Role address (optional)"
        name="roleAddress"
        type="email"
        hint="A shared address such as security@vendor.example that receives notices even when people change."
        defaultValue={initial?.roleAddress ?? ""}
        errors={errors?.roleAddress}
      />
      <div>
        <label htmlFor="notes" className="block text-sm font-medium text-slate-800">
          Internal notes (optional, never shown to the organisation)
        </label>
        <textarea id="notes" name="notes" rows={3} maxLength={5000} defaultValue={initial?.notes ?? ""} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
        {errors?.notes ? <p className="mt-1 text-sm text-red-700">{errors.notes.join(" ")}</p> : null}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : editing ? "Save changes" : "Create organisation"}
      </Button>
    </form>
  );
}
