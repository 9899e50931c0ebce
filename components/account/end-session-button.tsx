"use client";
import { useActionState } from "react";
import { useResultFocus } from "@/components/ui/use-result-focus";
import { endSessionAction } from "@/lib/auth/actions";

export function EndSessionButton({ sessionId }: { sessionId: string }) {
  const [state, action, pending] = useActionState(endSessionAction, null);
  const resultRef = useResultFocus(state);
  return (
    <form ref={resultRef} action={action}>
      <input type="hidden" name="sessionId" value={sessionId} />
      <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50">
        {pending ? "Ending…" : "End"}
      </button>
      {state && !state.ok ? <p className="mt-1 text-sm text-red-700" role="alert">{state.error}</p> : null}
    </form>
  );
}
