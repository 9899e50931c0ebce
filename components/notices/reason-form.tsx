"use client";
// An action on a sent notice that needs a reason: ending the embargo now, withdrawing. The reason is recorded; a
// confirmation comes first because neither can be undone.
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/server/errors";
import { FieldError } from "@/components/ui/field";
import { ApprovalReasonField } from "@/components/approvals/approval-reason-field";
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
  approval = false,
  breakGlass = false,
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
  /** The two-person rule covers this action: the form files a request (lib/approvals). */
  approval?: boolean;
  /** With `approval`: offer doing it at once anyway, with a written reason, recorded loudly (ending an embargo only). */
  breakGlass?: boolean;
}) {
  const id = useId();
  const { state, action, onSubmit, pending, fieldErrors } = useFormAction(serverAction, confirm);
  return (
    <>
      <form action={action} onSubmit={onSubmit} className="space-y-3" aria-label={label}>
        <input type="hidden" name="noticeId" value={noticeId} />
        <ReasonField id={id} label={reasonLabel} hint={hint} errors={fieldErrors.reason} />
        {reporters ? <ReporterReasonField errors={fieldErrors.reporterReason} /> : null}
        {approval ? <ApprovalReasonField errors={fieldErrors.approvalReason} /> : null}
        {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
        {state?.ok && state.message ? <Notice tone="success">{state.message}</Notice> : null}
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? pendingLabel : approval ? `Ask for approval: ${label.toLowerCase()}` : label}
        </Button>
      </form>
      {/* A form of its own, after the request form (forms do not nest). */}
      {approval && breakGlass ? <BreakGlassForm serverAction={serverAction} noticeId={noticeId} label={label} pendingLabel={pendingLabel} /> : null}
    </>
  );
}

/**
 * Break-glass: for an issue exploited in the wild, end the embargo now without waiting for a second maintainer. It
 * needs its own written reason and is recorded loudly (audit log, an email to every maintainer, marked on the notice).
 */
function BreakGlassForm({ serverAction, noticeId, label, pendingLabel }: { serverAction: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>; noticeId: string; label: string; pendingLabel: string }) {
  const id = useId();
  const { state, action, onSubmit, pending, fieldErrors } = useFormAction(serverAction, "End the embargo now WITHOUT a second maintainer's approval? Every maintainer is emailed, and it is marked on the notice. This cannot be undone.");
  return (
    <details className="rounded-md border border-red-300 bg-white p-3">
      <summary className="cursor-pointer text-sm font-semibold text-red-900">Cannot wait? Break glass</summary>
      <form action={action} onSubmit={onSubmit} className="mt-3 space-y-3" aria-label={`${label} without approval (break-glass)`}>
        <input type="hidden" name="noticeId" value={noticeId} />
        <input type="hidden" name="breakGlass" value="on" />
        <ReasonField id={`${id}-recipients`} label="Reason (recipients read it)" hint="Shown to every recipient on the notice page. Name no other organisation." errors={fieldErrors.reason} />
        <div>
          <label htmlFor={`${id}-glass`} className="block text-sm font-medium text-slate-800">
            Why this cannot wait for a second maintainer
          </label>
          <p id={`${id}-glass-hint`} className="mt-1 text-sm text-slate-600">
            For an issue exploited in the wild. Emailed to every maintainer, kept in the audit log and shown on the notice.
          </p>
          <textarea
            id={`${id}-glass`}
            name="breakGlassReason"
            rows={2}
            required
            minLength={3}
            maxLength={1000}
            aria-describedby={`${id}-glass-hint${fieldErrors.breakGlassReason ? ` ${id}-glass-error` : ""}`}
            aria-invalid={fieldErrors.breakGlassReason ? true : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
          />
          <FieldError id={`${id}-glass`} errors={fieldErrors.breakGlassReason} />
        </div>
        {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
        {state?.ok && state.message ? <Notice tone="success">{state.message}</Notice> : null}
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? pendingLabel : `${label} without approval`}
        </Button>
      </form>
    </details>
  );
}
