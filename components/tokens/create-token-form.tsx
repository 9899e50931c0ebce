"use client";
// Creating a personal API token: a name and a lifetime. The secret comes back in the action's result and is shown
// once; the list below the form (server-rendered) gains the new row.
import { useActionState, useId, useState } from "react";
import { useResultFocus } from "@/components/ui/use-result-focus";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { createApiTokenAction } from "@/lib/tokens/actions";
import { DEFAULT_TOKEN_LIFETIME_DAYS, TOKEN_LIFETIMES_DAYS } from "@/lib/tokens/policy";
import { SecretOnce } from "./secret-once";

export function CreateTokenForm() {
  const [state, action, pending] = useActionState(createApiTokenAction, null);
  const resultRef = useResultFocus(state);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const selectId = useId();
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const created = state?.ok && state.data.secret !== dismissed ? state.data : null;
  if (created) {
    return (
      <div className="space-y-3">
        <SecretOnce
          label={`Your new token “${created.label}”`}
          value={created.secret}
          warning="Copy it now and keep it like a password: it is shown only once and gives read access to your organisation's notices under embargo until it expires or you revoke it."
        />
        <Button type="button" onClick={() => setDismissed(created.secret)}>
          I have copied it
        </Button>
      </div>
    );
  }
  return (
    <form ref={resultRef} action={action} aria-label="Create an API token" className="space-y-4">
      {state && !state.ok && !errors?.label && !errors?.expiresInDays ? <Notice tone="error">{state.error}</Notice> : null}
      <Field label="Name" name="label" hint="What uses it, e.g. “tracker sync”." maxLength={80} required autoComplete="off" errors={errors?.label} />
      <div>
        <label htmlFor={selectId} className="block text-sm font-medium text-slate-800">
          Expires after
        </label>
        <select
          id={selectId}
          name="expiresInDays"
          defaultValue={String(DEFAULT_TOKEN_LIFETIME_DAYS)}
          aria-invalid={errors?.expiresInDays ? true : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm sm:w-48"
        >
          {TOKEN_LIFETIMES_DAYS.map((d) => (
            <option key={d} value={String(d)}>
              {d} days
            </option>
          ))}
        </select>
        {errors?.expiresInDays ? <p className="mt-1 text-sm text-red-700">{errors.expiresInDays.join(" ")}</p> : null}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create token"}
      </Button>
    </form>
  );
}
