"use client";
// A small form bound to one server action: hidden fields, one button, an optional confirmation, and the result
// (success message or error) announced next to it.
import { useActionState } from "react";
import type { ActionResult } from "@/lib/server/errors";
import { Button } from "./button";
import { useResultFocus } from "./use-result-focus";

type Action<T> = (prev: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;

export function ActionForm<T>({
  action,
  fields,
  label,
  pendingLabel,
  variant = "secondary",
  confirm,
}: {
  action: Action<T>;
  fields: Record<string, string>;
  label: string;
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger" | "ghost";
  confirm?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const resultRef = useResultFocus(state);
  return (
    <form
      ref={resultRef}
      action={formAction}
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
      className="inline-flex flex-col items-start gap-1"
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant={variant} disabled={pending} className="px-3 py-1">
        {pending ? (pendingLabel ?? "Working…") : label}
      </Button>
      {state && !state.ok ? (
        <span role="alert" className="text-sm text-red-700">
          {state.error}
        </span>
      ) : null}
      {state?.ok && state.message ? (
        <span role="status" className="text-sm text-green-800">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
