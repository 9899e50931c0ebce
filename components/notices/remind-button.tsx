"use client";
// Reminders to organisations that have not acknowledged: all of them (RemindButton), or one row of the tracking
// matrix. A reminder is a link-only email to each active member and role address, queued through the outbox.
// The rows share ONE form (RemindOneForm, beside the matrix): each row's button names its organisation
// (name="recipientId", form=…) and submits that form — with or without JavaScript — so a page of 50 rows renders one
// server-action form and one live region instead of one of each per row (issue 15: the page's cost per view).
import { useActionState, useState } from "react";
import { useResultFocus } from "@/components/ui/use-result-focus";
import { Button } from "@/components/ui/button";
import { remindSilentAction } from "@/lib/notices/actions";

export function RemindButton({ noticeId, silent }: { noticeId: string; silent: number }) {
  const [state, action, pending] = useActionState(remindSilentAction, null);
  const resultRef = useResultFocus(state);
  return (
    <form
      ref={resultRef}
      action={action}
      onSubmit={(event) => {
        if (!window.confirm(`Email a reminder to the ${silent} organisation${silent === 1 ? "" : "s"} that have not acknowledged?`)) event.preventDefault();
      }}
      className="inline-flex flex-col items-start gap-1"
    >
      <input type="hidden" name="noticeId" value={noticeId} />
      <Button type="submit" disabled={pending}>
        {pending ? "Queuing…" : "Remind all silent organisations"}
      </Button>
      <span role="status" className={`text-sm ${state && !state.ok ? "text-red-700" : "text-green-800"}`}>
        {state ? (state.ok ? state.message : state.error) : ""}
      </span>
    </form>
  );
}

export const REMIND_ONE_FORM = "remind-one";

/**
 * The form every row's Remind button submits (it holds the notice; the button adds its recipient), and its answer,
 * which names the organisation. `scope=one`: the server refuses it without a recipient (never "everyone" by mistake).
 */
export function RemindOneForm({ noticeId }: { noticeId: string }) {
  const [state, action, pending] = useActionState(remindSilentAction, null);
  const resultRef = useResultFocus(state);
  const [organisation, setOrganisation] = useState<string | null>(null);
  return (
    <form
      id={REMIND_ONE_FORM}
      ref={resultRef}
      action={action}
      aria-busy={pending}
      onSubmit={(event) => {
        const button = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        const name = button?.name === "recipientId" && button.value ? button.dataset.organisation : undefined;
        if (pending || !name || !window.confirm(`Email a reminder to ${name}?`)) return event.preventDefault();
        setOrganisation(name);
      }}
    >
      <input type="hidden" name="noticeId" value={noticeId} />
      <input type="hidden" name="scope" value="one" />
      <p role="status" className={`text-sm ${state && !state.ok ? "text-red-700" : "text-green-800"}`}>
        {pending ? `Queuing the reminder to ${organisation ?? "the organisation"}…` : state ? (state.ok ? `${state.message}${organisation ? ` Reminded: ${organisation}.` : ""}` : state.error) : ""}
      </p>
    </form>
  );
}

/** One row's button: submits RemindOneForm for this row's organisation. No state of its own (the form has it). */
export function RemindOneButton({ recipientId, organisation }: { recipientId: string; organisation: string }) {
  return (
    <Button type="submit" form={REMIND_ONE_FORM} name="recipientId" value={recipientId} data-organisation={organisation} variant="secondary" className="px-3 py-1">
      Remind<span className="sr-only"> {organisation}</span>
    </Button>
  );
}
