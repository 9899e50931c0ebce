"use client";
// Changing the audience of an embargoed notice (maintainers): add active organisations, which get the notice as it
// stands now, or remove one, whose access ends at once. Each needs a reason (recorded for maintainers, never sent);
// a confirmation comes first because both reach people at once.
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/server/errors";
import { addRecipientsAction, removeRecipientAction } from "@/lib/notices/recipient-actions";
import { ApprovalReasonField } from "@/components/approvals/approval-reason-field";
import { ReasonField } from "./reason-form";
import { useFormAction } from "./use-form-action";

type Candidate = { id: string; name: string; removedBefore: boolean };
type Recipient = { recipientId: string; organisation: string };

function Outcome({ state }: { state: ActionResult | null }) {
  return (
    <div role="status" aria-live="polite">
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
      {state?.ok && state.message ? <Notice tone="success">{state.message}</Notice> : null}
    </div>
  );
}

function AddForm({ noticeId, reference, candidates, approval }: { noticeId: string; reference: string; candidates: Candidate[]; approval: boolean }) {
  const id = useId();
  const { state, action, onSubmit, pending, fieldErrors } = useFormAction(addRecipientsAction, () => {
    const chosen = document.querySelectorAll(`[data-add-form="${id}"] input[name="organisationIds"]:checked`).length;
    return `Add ${chosen} organisation${chosen === 1 ? "" : "s"} to ${reference}? Their members and role addresses are emailed the notice as it stands now. Nobody else is told.`;
  });
  if (candidates.length === 0) return <p className="text-sm text-slate-600">Every active organisation receives this notice already.</p>;
  return (
    <form action={action} onSubmit={onSubmit} className="space-y-3" aria-label="Add organisations" data-add-form={id}>
      <input type="hidden" name="noticeId" value={noticeId} />
      <fieldset aria-describedby={fieldErrors.organisationIds ? `${id}-orgs-error` : undefined}>
        <legend className="text-sm font-medium text-slate-800">Organisations to add</legend>
        <p className="mt-1 text-sm text-slate-600">Active organisations that do not receive this notice. Invited or suspended ones must be activated in the directory first.</p>
        <ul className="mt-2 max-h-56 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2">
          {candidates.map((o) => (
            <li key={o.id}>
              <label className="flex items-start gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-50">
                <input type="checkbox" name="organisationIds" value={o.id} className="mt-0.5 h-4 w-4 rounded border-slate-400 text-indigo-600 focus:ring-2 focus:ring-indigo-500" />
                <span className="break-words">
                  {o.name}
                  {o.removedBefore ? <span className="text-amber-800"> (removed earlier: adding it again reopens its access)</span> : null}
                </span>
              </label>
            </li>
          ))}
        </ul>
        <FieldError id={`${id}-orgs`} errors={fieldErrors.organisationIds} />
      </fieldset>
      <ReasonField id={`${id}-add`} label="Reason" hint="Why they are added: recorded for maintainers, never sent. Name no organisation that already receives the notice." errors={fieldErrors.reason} />
      {approval ? <ApprovalReasonField errors={fieldErrors.approvalReason} /> : null}
      <Outcome state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : approval ? "Ask for approval to add" : "Add and send the notice"}
      </Button>
    </form>
  );
}

function RemoveForm({ noticeId, reference, recipients }: { noticeId: string; reference: string; recipients: Recipient[] }) {
  const id = useId();
  const { state, action, onSubmit, pending, fieldErrors } = useFormAction(removeRecipientAction, () => {
    const select = document.getElementById(`${id}-org`) as HTMLSelectElement | null;
    const name = select?.selectedOptions[0]?.textContent ?? "this organisation";
    return `Remove ${name} from ${reference}? Its access ends at once (pages, files, API, CSAF, calendar) and it is told only that its access ended.`;
  });
  if (recipients.length === 0) return <p className="text-sm text-slate-600">No organisation receives this notice now.</p>;
  return (
    <form action={action} onSubmit={onSubmit} className="space-y-3" aria-label="Remove an organisation">
      <input type="hidden" name="noticeId" value={noticeId} />
      <div>
        <label htmlFor={`${id}-org`} className="block text-sm font-medium text-slate-800">
          Organisation to remove
        </label>
        <select id={`${id}-org`} name="recipientId" required className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500 focus:outline-none">
          {recipients.map((r) => (
            <option key={r.recipientId} value={r.recipientId}>
              {r.organisation}
            </option>
          ))}
        </select>
      </div>
      <ReasonField id={`${id}-remove`} label="Reason" hint="Why it is removed (it broke the embargo, it left the list): recorded for maintainers, never sent — not even to it." errors={fieldErrors.reason} />
      <Outcome state={state} />
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? "Removing…" : "Remove organisation"}
      </Button>
    </form>
  );
}

/** The two forms, side by side on a wide screen. */
/** `approval`: the two-person rule covers adding organisations: the form files a request instead (lib/approvals). */
export function RecipientChanges({ noticeId, reference, candidates, recipients, approval = false }: { noticeId: string; reference: string; candidates: Candidate[]; recipients: Recipient[]; approval?: boolean }) {
  return (
    <section aria-labelledby="recipient-changes-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <div>
        <h3 id="recipient-changes-heading" className="text-lg font-semibold">
          Change the audience
        </h3>
        <p className="mt-1 text-sm text-slate-700">
          Added organisations get the notice as it stands now and accept the same terms; a removed one loses access at once. No other recipient learns of either; both show in the audience history (History, below) and in tracking.
        </p>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <AddForm noticeId={noticeId} reference={reference} candidates={candidates} approval={approval} />
        <RemoveForm noticeId={noticeId} reference={reference} recipients={recipients} />
      </div>
    </section>
  );
}
