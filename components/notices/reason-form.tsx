"use client";
// An action on a sent notice that needs a reason: ending the embargo now, withdrawing. The reason is recorded; a
// confirmation comes first because neither can be undone.
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/server/errors";
import { FieldError } from "@/components/ui/field";
import { useFormAction } from "./use-form-action";

/** The labelled reason box (3 to 1,000 characters) with its hint and error, wired for screen readers. */
export function ReasonField({ id, label, hint, errors }: { id: string; label: string; hint: string; errors: string[] | undefined }) {
  return (
    <div>
      <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
        {hint}
      </p>
      <textarea
        id={`${id}-reason`}
        name="reason"
        rows={2}
        required
        minLength={3}
        maxLength={1000}
        aria-describedby={`${id}-hint${errors ? ` ${id}-reason-error` : ""}`}
        aria-invalid={errors ? true : undefined}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
      />
      <FieldError id={`${id}-reason`} errors={errors} />
    </div>
  );
}

/**
 * The optional note to the reporter(s) of the reports a notice was made from: separate from what vendors read, and
 * offered only when the notice has such reports (the reporters are told either way; the note is what they read).
 */
export function ReporterReasonField({ errors }: { errors: string[] | undefined }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={`${id}-reporter`} className="block text-sm font-medium text-slate-800">
        Reason to share with the reporter(s) (optional)
      </label>
      <p id={`${id}-reporter-hint`} className="mt-1 text-sm text-slate-600">
        The reporters of this notice&apos;s reports are emailed either way; this note is added to their email and their report&apos;s timeline. Vendors never read it. Name no organisation.
      </p>
      <textarea
        id={`${id}-reporter`}
        name="reporterReason"
        rows={2}
        maxLength={1000}
        aria-describedby={`${id}-reporter-hint${errors ? ` ${id}-reporter-error` : ""}`}
        aria-invalid={errors ? true : undefined}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
      />
      <FieldError id={`${id}-reporter`} errors={errors} />
    </div>
  );
}

export function ReasonForm({
  action: serverAction,
  noticeId,
  label,
  reasonLabel,
  hint,
  pendingLabel,
  confirm,
  reporters = false,
}: {
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  noticeId: string;
  label: string;
  reasonLabel: string;
  hint: string;
  pendingLabel: string;
  confirm: string;
  /** The notice has linked reports: offer the note to their reporters. */
  reporters?: boolean;
}) {
  const id = useId();
  const { state, action, onSubmit, pending, fieldErrors } = useFormAction(serverAction, confirm);
  return (
    <form action={action} onSubmit={onSubmit} className="space-y-3" aria-label={label}>
      <input type="hidden" name="noticeId" value={noticeId} />
      <ReasonField id={id} label={reasonLabel} hint={hint} errors={fieldErrors.reason} />
      {reporters ? <ReporterReasonField errors={fieldErrors.reporterReason} /> : null}
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
      {state?.ok && state.message ? <Notice tone="success">{state.message}</Notice> : null}
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? pendingLabel : label}
      </Button>
    </form>
  );
}
