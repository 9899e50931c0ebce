"use client";
// "Retry" for one failed job. Rendered in its row whatever the job's state, so that the result stays on screen
// after the page refreshes and the job is no longer failed.
import { useActionState } from "react";
import { useResultFocus } from "@/components/ui/use-result-focus";
import { Button } from "@/components/ui/button";
import { retryJobAction } from "@/lib/jobs/actions";

export function RetryJobButton({ queue, jobId, retryable, note }: { queue: string; jobId: string; retryable: boolean; note?: string | undefined }) {
  const [state, action, pending] = useActionState(retryJobAction, null);
  const resultRef = useResultFocus<HTMLDivElement>(state);
  return (
    <div ref={resultRef} className="flex flex-col items-start gap-1">
      {retryable ? (
        <form action={action}>
          <input type="hidden" name="queue" value={queue} />
          <input type="hidden" name="jobId" value={jobId} />
          <Button type="submit" variant="secondary" disabled={pending} className="px-3 py-1">
            {pending ? "Queuing…" : "Retry"}
          </Button>
        </form>
      ) : note && !state ? (
        <span className="max-w-56 text-xs text-slate-700">{note}</span>
      ) : null}
      {state?.ok && state.message ? (
        <span role="status" className="text-sm text-green-800">
          {state.message}
        </span>
      ) : null}
      {state && !state.ok ? (
        <span role="alert" className="max-w-56 text-sm text-red-700">
          {state.error}
        </span>
      ) : null}
    </div>
  );
}
