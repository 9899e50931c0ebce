"use client";
// Writing to a notice's private thread (vendor or maintainer side: the action decides which).
import { useActionState, useId } from "react";
import type { ActionResult } from "@/lib/server/errors";
import { Button } from "@/components/ui/button";

type Action = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

export function ThreadForm({ action, fields, label }: { action: Action; fields: Record<string, string>; label: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = useId();
  return (
    <form action={formAction} className="mt-3 space-y-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label htmlFor={`${id}-body`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea id={`${id}-body`} name="body" required maxLength={10_000} rows={4} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-slate-900 shadow-sm" />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Sending…" : "Send message"}
        </Button>
        {state && !state.ok ? (
          <span role="alert" className="text-sm text-red-700">
            {state.fieldErrors?.body?.join(" ") ?? state.error}
          </span>
        ) : null}
        {state?.ok ? (
          <span role="status" className="text-sm text-green-800">
            {state.message}
          </span>
        ) : null}
      </div>
    </form>
  );
}
