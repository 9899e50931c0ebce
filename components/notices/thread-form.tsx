"use client";
// Writing to a notice's private thread (vendor or maintainer side: the action decides which). A refused message keeps
// its text (useFormAction); a sent one clears the box.
import { useEffect, useRef } from "react";
import type { ActionResult } from "@/lib/server/errors";
import { Button } from "@/components/ui/button";
import { TextArea } from "@/components/ui/field";
import { useFormAction } from "./use-form-action";

type Action = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

export function ThreadForm({ action: serverAction, fields, label, hint }: { action: Action; fields: Record<string, string>; label: string; hint?: string | undefined }) {
  const { state, action, onSubmit, pending, fieldErrors } = useFormAction(serverAction);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={action} onSubmit={onSubmit} className="mt-3 space-y-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <TextArea label={label} name="body" required maxLength={10_000} rows={4} hint={hint} errors={fieldErrors.body} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Sending…" : "Send message"}
        </Button>
        {state && !state.ok && !fieldErrors.body ? (
          <span role="alert" className="text-sm text-red-700">
            {state.error}
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
