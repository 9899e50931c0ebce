"use client";
// A one-button action that the two-person rule covers (e.g. removing a maintainer): the same hidden fields, plus the
// "why" for the approver; submitting files the request.
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useFormAction } from "@/components/notices/use-form-action";
import type { ActionResult } from "@/lib/server/errors";
import { ApprovalReasonField } from "./approval-reason-field";

export function RequestForm({ action: serverAction, fields, label, confirm }: { action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>; fields: Record<string, string>; label: string; confirm: string }) {
  const { state, action, onSubmit, pending, fieldErrors } = useFormAction(serverAction, confirm);
  return (
    <form action={action} onSubmit={onSubmit} className="w-full max-w-md space-y-2" aria-label={label}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <ApprovalReasonField errors={fieldErrors.approvalReason} />
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
      {state?.ok && state.message ? <Notice tone="success">{state.message}</Notice> : null}
      <Button type="submit" variant="danger" disabled={pending} className="px-3 py-1">
        {pending ? "Filing…" : `Ask for approval: ${label.toLowerCase()}`}
      </Button>
    </form>
  );
}
