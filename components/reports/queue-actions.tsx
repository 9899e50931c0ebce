"use client";
// What a maintainer does with a report: acknowledge (with a message the reporter receives), accept into a draft
// notice, decline or mark a duplicate (with a reason the reporter receives), mark fixed. Each form keeps what was
// typed when the action refuses it; the server decides again whether the move is allowed. Every form stays mounted:
// once its move succeeded it is no longer open, and it shows its confirmation instead of the form.
import Link from "next/link";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Field, TextArea } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useFormAction } from "@/components/notices/use-form-action";
import type { ActionResult } from "@/lib/server/errors";
import { acceptReportAction, acknowledgeReportAction, declineReportAction, markReportDuplicateAction, markReportFixedAction } from "@/lib/reports/queue-actions";

type Action<T = undefined> = (prev: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;

function Outcome<T>({ state }: { state: ActionResult<T> | null }) {
  if (!state) return null;
  if (!state.ok) return <Notice tone="error">{state.error}</Notice>;
  return state.message ? <Notice tone="success">{state.message}</Notice> : null;
}

function MoveForm({ open, action, reportId, title, hint, children, submit, variant = "secondary", confirm }: { open: boolean; action: Action; reportId: string; title: string; hint: string; children?: (errors: Record<string, string[]>) => React.ReactNode; submit: string; variant?: "primary" | "secondary" | "danger"; confirm?: string }) {
  const { state, action: dispatch, onSubmit, pending, fieldErrors } = useFormAction(action, confirm);
  const id = useId();
  if (!open) return state?.ok ? <Outcome state={state} /> : null;
  return (
    <form action={dispatch} onSubmit={onSubmit} aria-labelledby={`${id}-title`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h3 id={`${id}-title`} className="font-semibold text-slate-900">
        {title}
      </h3>
      <p className="text-sm text-slate-700">{hint}</p>
      <input type="hidden" name="reportId" value={reportId} />
      {children?.(fieldErrors)}
      <Outcome state={state} />
      <Button type="submit" variant={variant} disabled={pending}>
        {pending ? "Working…" : submit}
      </Button>
    </form>
  );
}

function AcceptForm({ open, reportId }: { open: boolean; reportId: string }) {
  const { state, action, onSubmit, pending } = useFormAction(acceptReportAction as Action<{ noticeId: string; reference: string }>, "Accept this report and create a draft notice from it? The reporter is told.");
  const done = state?.ok ? (
    <Notice tone="success">
      {state.message}{" "}
      <Link href={`/maintainer/notices/${state.data.noticeId}`} className="font-medium underline">
        Open draft {state.data.reference}
      </Link>
    </Notice>
  ) : null;
  if (!open) return done;
  return (
    <form action={action} onSubmit={onSubmit} aria-labelledby="accept-title" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h3 id="accept-title" className="font-semibold text-slate-900">
        Accept into a draft notice
      </h3>
      <p className="text-sm text-slate-700">Creates a draft notice prefilled from the report (summary, details, affected versions, credit) and links it here. Acknowledges the report too if it was not yet. Nothing is sent to vendors until you send the notice.</p>
      <input type="hidden" name="reportId" value={reportId} />
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
      {done}
      <Button type="submit" disabled={pending}>
        {pending ? "Working…" : "Accept and create draft"}
      </Button>
    </form>
  );
}

export type AllowedMoves = { acknowledge: boolean; accept: boolean; decline: boolean; duplicate: boolean; fixed: boolean };

export function QueueActions({ reportId, allowed }: { reportId: string; allowed: AllowedMoves }) {
  const any = Object.values(allowed).some(Boolean);
  // Every form is rendered (a closed one renders its confirmation or nothing), so none loses its answer when the
  // page refreshes with the report's new status.
  return (
    <div className="space-y-4">
      {!any ? <p className="text-sm text-slate-700">No status change is open for this report now. You can still write to the reporter in the thread.</p> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <MoveForm open={allowed.acknowledge} action={acknowledgeReportAction} reportId={reportId} title="Acknowledge" hint="Stops the clock. The reporter is emailed your message and sees it on their report." submit="Acknowledge" variant="primary">
          {(errors) => <TextArea label="Acknowledgement message (the reporter receives it)" name="message" required minLength={3} maxLength={10_000} rows={4} defaultValue="Thank you for your report. We received it and are looking into it; we will keep you posted here." errors={errors.message} />}
        </MoveForm>
        <AcceptForm open={allowed.accept} reportId={reportId} />
        <MoveForm open={allowed.decline} action={declineReportAction} reportId={reportId} title="Decline" hint="Closes the report. The reporter is emailed your reason." submit="Decline report" variant="danger" confirm="Decline this report? The reporter is emailed your reason.">
          {(errors) => <TextArea label="Reason for declining (the reporter receives it)" name="reason" required minLength={3} maxLength={2_000} rows={3} errors={errors.reason} />}
        </MoveForm>
        <MoveForm open={allowed.duplicate} action={markReportDuplicateAction} reportId={reportId} title="Mark as a duplicate" hint="Closes the report. The reporter is emailed your reason and the original report's reference (nothing of its content)." submit="Mark as duplicate" confirm="Mark this report as a duplicate? The reporter is emailed your reason.">
          {(errors) => (
            <>
              <Field label="Original report's reference" name="original" required placeholder="R-2026-0001" autoComplete="off" errors={errors.original} />
              <TextArea label="Reason for the duplicate (the reporter receives it)" name="reason" required minLength={3} maxLength={2_000} rows={3} errors={errors.reason} />
            </>
          )}
        </MoveForm>
        <MoveForm open={allowed.fixed} action={markReportFixedAction} reportId={reportId} title="Mark as fixed" hint="The reporter is told the issue is fixed. Disclosure follows the linked notice." submit="Mark as fixed" />
      </div>
    </div>
  );
}
