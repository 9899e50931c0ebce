"use client";
import { useActionState, useState } from "react";
import { useResultFocus } from "@/components/ui/use-result-focus";
import { createOrganisationAction, updateOrganisationAction } from "@/lib/directory/actions";
import { Button } from "@/components/ui/button";
import { Checkbox, Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

type Values = { organisationId?: string; name: string; roleAddress: string | null; notes: string; attachFilesEncrypted?: boolean };

export function OrganisationForm({ initial }: { initial?: Values }) {
  const editing = !!initial?.organisationId;
  const serverAction = editing ? updateOrganisationAction : createOrganisationAction;
  // What was typed survives a refusal (React resets a form after its action), so a look-alike name can be confirmed
  // by ticking the box and sending the same form again.
  const [typed, setTyped] = useState({ name: initial?.name ?? "", roleAddress: initial?.roleAddress ?? "", notes: initial?.notes ?? "", attachFilesEncrypted: initial?.attachFilesEncrypted ?? false, tries: 0 });
  const [state, action, pending] = useActionState(async (prev: Awaited<ReturnType<typeof serverAction>> | null, form: FormData) => {
    setTyped((t) => ({
      name: String(form.get("name") ?? ""),
      roleAddress: String(form.get("roleAddress") ?? ""),
      notes: String(form.get("notes") ?? ""),
      attachFilesEncrypted: form.get("attachFilesEncrypted") === "on",
      tries: t.tries + 1,
    }));
    return serverAction(prev, form);
  }, null);
  const resultRef = useResultFocus(state);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const confirm = state && !state.ok ? state.confirm : undefined;
  return (
    <form ref={resultRef} action={action} className="space-y-4" key={typed.tries}>
      {editing ? <input type="hidden" name="organisationId" value={initial!.organisationId} /> : null}
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
      {state?.ok && state.message ? <Notice tone="success">{state.message}</Notice> : null}
      <Field label="Name" name="name" required maxLength={120} defaultValue={typed.name} errors={errors?.name} />
      {confirm ? <Checkbox label={confirm.label} name={confirm.field} value={confirm.value} /> : null}
      <Field
        label="Role address (optional)"
        name="roleAddress"
        type="email"
        hint="A shared address such as security@vendor.example that receives notices even when people change."
        defaultValue={typed.roleAddress}
        errors={errors?.roleAddress}
      />
      <Checkbox
        label="Attach the notice's files to encrypted notices"
        name="attachFilesEncrypted"
        defaultChecked={typed.attachFilesEncrypted}
        hint="When this organisation has an OpenPGP key and a notice is sent with its full text encrypted, its files (patches) travel as attachments, each encrypted to that key and signed by the project. Files too large for one email (over 5 MB once encrypted) stay in the portal; the email says so."
      />
      <div>
        <label htmlFor="notes" className="block text-sm font-medium text-slate-800">
          Internal notes (optional, never shown to the organisation)
        </label>
        <textarea id="notes" name="notes" rows={3} maxLength={5000} defaultValue={typed.notes} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
        {errors?.notes ? <p className="mt-1 text-sm text-red-700">{errors.notes.join(" ")}</p> : null}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : editing ? "Save changes" : "Create organisation"}
      </Button>
    </form>
  );
}
