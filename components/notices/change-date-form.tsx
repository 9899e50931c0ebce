"use client";
// Moving the disclosure time of an embargoed notice: a new numbered revision records old → new, and every recipient
// is told. Beyond the maximum embargo (counted from sending) a reason is required.
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { changeDisclosureDateAction } from "@/lib/notices/actions";
import { DisclosureTimeInput } from "./disclosure-time-input";
import { FieldError, TextArea } from "@/components/ui/field";
import { ReporterReasonField } from "./reason-form";
import { ApprovalReasonField } from "@/components/approvals/approval-reason-field";
import { useFormAction } from "./use-form-action";

/** `reporters`: the notice has linked reports, whose reporters are told too (with the note offered here, if any). */
/** `approval`: the two-person rule covers date changes: the form files a request instead (lib/approvals). */
export function ChangeDateForm({ noticeId, current, reporters = false, approval = false }: { noticeId: string; current: Date; reporters?: boolean; approval?: boolean }) {
  const id = useId();
  const { state, action, onSubmit, pending, fieldErrors } = useFormAction(changeDisclosureDateAction, "Change the disclosure time? Every recipient is told by email.");
  return (
    <form action={action} onSubmit={onSubmit} className="space-y-4" aria-label="Change the disclosure time">
      <input type="hidden" name="noticeId" value={noticeId} />
      <DisclosureTimeInput legend="New disclosure date and time" initial={current} errors={fieldErrors.disclosureAt} />
      <TextArea label="Change note" name="changeNote" rows={2} required minLength={3} maxLength={1000} hint="Why the date changes. Every recipient reads it in the revision history: name no organisation." errors={fieldErrors.changeNote} />
      <div>
        <label htmlFor={`${id}-override`} className="block text-sm font-medium text-slate-800">
          Reason for a longer embargo (only if needed)
        </label>
        <p id={`${id}-override-hint`} className="mt-1 text-sm text-slate-600">
          Required only when the embargo would last longer than the maximum counted from sending. Recorded.
        </p>
        <input
          id={`${id}-override`}
          name="overrideReason"
          maxLength={500}
          aria-describedby={`${id}-override-hint${fieldErrors.overrideReason ? ` ${id}-override-error` : ""}`}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
        />
        <FieldError id={`${id}-override`} errors={fieldErrors.overrideReason} />
      </div>
      {reporters ? <ReporterReasonField errors={fieldErrors.reporterReason} /> : null}
      {approval ? <ApprovalReasonField errors={fieldErrors.approvalReason} /> : null}
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
      {state?.ok ? (
        <Notice tone="success" title={state.data.revision ? `${state.message ?? "Saved."} Revision ${state.data.revision}.` : (state.message ?? "Saved.")}>
          {state.data.warnings.length ? (
            <ul className="list-disc pl-5">
              {state.data.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : approval ? "Ask for approval to change the time" : "Change disclosure time"}
      </Button>
    </form>
  );
}
