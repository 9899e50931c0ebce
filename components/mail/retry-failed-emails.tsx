"use client";
// "Retry failed emails" for one send. Rendered whatever the count, so that its result stays on screen after the
// retry (the page refreshes, the count drops to zero, and the button goes away).
import { useActionState } from "react";
import { useResultFocus } from "@/components/ui/use-result-focus";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { retryFailedEmailsAction } from "@/lib/mail/actions";

export function RetryFailedEmails({ dispatchId, failed }: { dispatchId: string; failed: number }) {
  const [state, action, pending] = useActionState(retryFailedEmailsAction, null);
  const resultRef = useResultFocus<HTMLDivElement>(state);
  return (
    <div ref={resultRef} className="space-y-3">
      {failed > 0 ? (
        <form action={action} aria-label="Retry failed emails" className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="dispatchId" value={dispatchId} />
          <Button type="submit" disabled={pending}>
            {pending ? "Queuing…" : "Retry failed emails"}
          </Button>
          <span className="text-sm text-slate-700">
            Sends the {failed} failed email{failed === 1 ? "" : "s"} again. Bounced and complained addresses are not retried.
          </span>
        </form>
      ) : null}
      {state?.ok ? <Notice tone="success">{state.message}</Notice> : null}
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
    </div>
  );
}
