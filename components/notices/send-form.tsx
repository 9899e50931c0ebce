"use client";
// "Send notice": the last step of a draft, after the preview of who gets what. When the only obstacle is the
// maximum embargo length, a reason lets the maintainer go beyond it (recorded in the audit log and on the notice).
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { sendNoticeAction } from "@/lib/notices/actions";
import { FieldError } from "@/components/ui/field";
import { ApprovalReasonField } from "@/components/approvals/approval-reason-field";
import { useFormAction } from "./use-form-action";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

type Counts = { organisations: number; people: number; notSignedIn: number; roleAddresses: number; emails: number };

/** The confirmation names exactly what will be queued; its total is the number of emails. */
export function sendConfirmation(reference: string, c: Counts): string {
  return (
    `Send ${reference} to ${plural(c.organisations, "organisation")}? ` +
    `${plural(c.emails, "email")} will be queued: ${plural(c.people, "person", "people")} (${c.notSignedIn} not signed in yet) and ${plural(c.roleAddresses, "role address", "role addresses")}. ` +
    "This cannot be undone."
  );
}

/** `approval`: the two-person rule covers sending: the form files a request instead (lib/approvals). */
export function SendForm({ noticeId, reference, blocking, overridable, approval = false, ...counts }: Counts & { noticeId: string; reference: string; blocking: string | null; overridable: boolean; approval?: boolean }) {
  const { organisations, emails } = counts;
  const id = useId();
  const [reason, setReason] = useState("");
  const { state, action, onSubmit, pending, fieldErrors } = useFormAction(sendNoticeAction, () => (approval ? `Ask another maintainer to approve sending ${reference}? ` : "") + sendConfirmation(reference, counts));
  const blocked = organisations === 0 || (!!blocking && (!overridable || reason.trim().length < 3));
  const reasonErrors = fieldErrors.overrideReason ?? (state && !state.ok && overridable ? fieldErrors.disclosureAt : undefined);
  return (
    <form action={action} onSubmit={onSubmit} className="space-y-4" aria-label={`Send ${reference}`}>
      <input type="hidden" name="noticeId" value={noticeId} />
      {blocking && overridable ? (
        <div>
          <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-800">
            Reason for a longer embargo
          </label>
          <p id={`${id}-reason-hint`} className="mt-1 text-sm text-slate-600">
            Needed to send with this disclosure time. It is recorded with the notice and in the audit log.
          </p>
          <textarea
            id={`${id}-reason`}
            name="overrideReason"
            rows={2}
            maxLength={500}
            required
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            aria-describedby={`${id}-reason-hint${reasonErrors ? ` ${id}-reason-error` : ""}`}
            aria-invalid={reasonErrors ? true : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
          />
          <FieldError id={`${id}-reason`} errors={reasonErrors} />
        </div>
      ) : null}
      {approval ? <ApprovalReasonField errors={fieldErrors.approvalReason} /> : null}
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
      {state?.ok && state.message ? <Notice tone="success">{state.message}</Notice> : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending || blocked}>
          {pending ? (approval ? "Filing the request…" : "Sending…") : approval ? "Ask for approval to send" : "Send notice"}
        </Button>
        <span role="status" className="text-sm text-slate-700">
          {pending && approval
            ? "Filing the request for a second maintainer…"
            : pending
            ? `Freezing the recipients and queuing ${emails} email${emails === 1 ? "" : "s"}…`
            : blocked && organisations > 0 && !overridable
              ? "Change the disclosure time before sending."
              : ""}
        </span>
      </div>
    </form>
  );
}
