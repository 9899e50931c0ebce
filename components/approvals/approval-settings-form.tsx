"use client";
// Settings: which actions need a second maintainer, and how long a request waits. Changing this is itself covered
// whenever anything is covered (the form then asks why and files a request).
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useFormAction } from "@/components/notices/use-form-action";
import { saveApprovalSettingsAction } from "@/lib/approvals/actions";
import { ApprovalReasonField } from "./approval-reason-field";

export function ApprovalSettingsForm({ kinds, covered, expiryHours, approval }: { kinds: Array<{ kind: string; label: string }>; covered: string[]; expiryHours: number; approval: boolean }) {
  const id = useId();
  const { state, action, onSubmit, pending, fieldErrors } = useFormAction(saveApprovalSettingsAction);
  return (
    <form action={action} onSubmit={onSubmit} className="space-y-4" aria-label="Two-person rule">
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Actions that need a second maintainer&apos;s approval</legend>
        <ul className="mt-2 grid gap-1 sm:grid-cols-2">
          {kinds.map((k) => (
            <li key={k.kind}>
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="covered" value={k.kind} defaultChecked={covered.includes(k.kind)} className="mt-0.5 h-4 w-4 rounded border-slate-400 text-indigo-600 focus:ring-2 focus:ring-indigo-500" />
                <span>{k.label}</span>
              </label>
            </li>
          ))}
        </ul>
        <FieldError id={`${id}-covered`} errors={fieldErrors.covered} />
      </fieldset>
      <div>
        <label htmlFor={`${id}-expiry`} className="block text-sm font-medium text-slate-800">
          A request expires after (hours)
        </label>
        <input
          id={`${id}-expiry`}
          name="expiryHours"
          type="number"
          min={1}
          max={336}
          required
          defaultValue={expiryHours}
          aria-describedby={fieldErrors.expiryHours ? `${id}-expiry-error` : undefined}
          aria-invalid={fieldErrors.expiryHours ? true : undefined}
          className="mt-1 block w-32 rounded-md border border-slate-300 px-3 py-2"
        />
        <FieldError id={`${id}-expiry`} errors={fieldErrors.expiryHours} />
      </div>
      {approval ? <ApprovalReasonField errors={fieldErrors.approvalReason} /> : null}
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
      {state?.ok && state.message ? <Notice tone="success">{state.message}</Notice> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : approval ? "Ask for approval to change the rule" : "Save the two-person rule"}
      </Button>
    </form>
  );
}
