"use client";
// A reminder to organisations that have not acknowledged: all of them, or one row of the tracking matrix. The
// reminder is a link-only email to each active member and role address, queued through the outbox.
import { useActionState } from "react";
import { useResultFocus } from "@/components/ui/use-result-focus";
import { Button } from "@/components/ui/button";
import { remindSilentAction } from "@/lib/notices/actions";

export function RemindButton({ noticeId, recipientId, organisation, silent }: { noticeId: string; recipientId?: string; organisation?: string; silent?: number }) {
  const [state, action, pending] = useActionState(remindSilentAction, null);
  const all = !recipientId;
  const resultRef = useResultFocus(state);
  return (
    <form
      ref={resultRef}
      action={action}
      onSubmit={(event) => {
        const question = all ? `Email a reminder to the ${silent ?? ""} organisation${silent === 1 ? "" : "s"} that have not acknowledged?` : `Email a reminder to ${organisation}?`;
        if (!window.confirm(question.replace("  ", " "))) event.preventDefault();
      }}
      className="inline-flex flex-col items-start gap-1"
    >
      <input type="hidden" name="noticeId" value={noticeId} />
      {recipientId ? <input type="hidden" name="recipientId" value={recipientId} /> : null}
      <Button type="submit" variant={all ? "primary" : "secondary"} disabled={pending} className={all ? "" : "px-3 py-1"}>
        {pending ? "Queuing…" : all ? "Remind all silent organisations" : "Remind"}
        {!all && organisation ? <span className="sr-only"> {organisation}</span> : null}
      </Button>
      <span role="status" className={`text-sm ${state && !state.ok ? "text-red-700" : "text-green-800"}`}>
        {state ? (state.ok ? state.message : state.error) : ""}
      </span>
    </form>
  );
}
