"use client";
import { useActionState } from "react";
import { useResultFocus } from "@/components/ui/use-result-focus";
import { verifyAuditChainAction } from "@/lib/audit/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

export function VerifyChain() {
  const [state, action, pending] = useActionState(verifyAuditChainAction, null);
  const resultRef = useResultFocus(state);
  return (
    <form ref={resultRef} action={action} className="space-y-3">
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Verifying every event…" : "Verify the hash chain"}
      </Button>
      {state?.ok && state.data.ok ? <Notice tone="success">Intact: all {state.data.checked} events verify; nothing was edited, removed or reordered.</Notice> : null}
      {state?.ok && !state.data.ok ? (
        <Notice tone="error" title={`Tampering detected at event #${state.data.brokenAt}`}>
          {state.data.reason}. {state.data.checked} earlier events verify.
        </Notice>
      ) : null}
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
    </form>
  );
}
