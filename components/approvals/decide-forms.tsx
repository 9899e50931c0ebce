"use client";
// Approve or decline a request. Approving runs the action at once, with the parameters shown above it; declining
// needs a reason the requester reads.
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useFormAction } from "@/components/notices/use-form-action";
import { approveRequestAction, declineRequestAction } from "@/lib/approvals/actions";

export function DecideForms({ requestId, label }: { requestId: string; label: string }) {
  const id = useId();
  const approve = useFormAction(approveRequestAction, `Approve “${label}”? It is done at once, exactly as shown.`);
  const decline = useFormAction(declineRequestAction);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <form action={approve.action} onSubmit={approve.onSubmit} className="space-y-3" aria-label={`Approve: ${label}`}>
        <input type="hidden" name="requestId" value={requestId} />
        <p className="text-sm text-slate-700">Approving does it now, once, with exactly what is shown above. If it changed since it was asked, nothing is done and the request is void.</p>
        {approve.state && !approve.state.ok ? <Notice tone="error">{approve.state.error}</Notice> : null}
        {approve.state?.ok && approve.state.message ? <Notice tone="success">{approve.state.message}</Notice> : null}
        <Button type="submit" disabled={approve.pending}>
          {approve.pending ? "Approving…" : "Approve and do it"}
        </Button>
      </form>
      <form action={decline.action} onSubmit={decline.onSubmit} className="space-y-3" aria-label={`Decline: ${label}`}>
        <input type="hidden" name="requestId" value={requestId} />
        <div>
          <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-800">
            Why decline
          </label>
          <textarea
            id={`${id}-reason`}
            name="reason"
            rows={2}
            required
            minLength={3}
            maxLength={1000}
            aria-describedby={decline.fieldErrors.reason ? `${id}-reason-error` : undefined}
            aria-invalid={decline.fieldErrors.reason ? true : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
          />
          <FieldError id={`${id}-reason`} errors={decline.fieldErrors.reason} />
        </div>
        {decline.state && !decline.state.ok ? <Notice tone="error">{decline.state.error}</Notice> : null}
        {decline.state?.ok && decline.state.message ? <Notice tone="success">{decline.state.message}</Notice> : null}
        <Button type="submit" variant="danger" disabled={decline.pending}>
          {decline.pending ? "Declining…" : "Decline"}
        </Button>
      </form>
    </div>
  );
}
