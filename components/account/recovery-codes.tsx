"use client";
import { useActionState } from "react";
import { useResultFocus } from "@/components/ui/use-result-focus";
import { regenerateRecoveryCodesAction } from "@/lib/second-factor/actions";
import { RecoveryCodeList } from "@/components/auth/second-factor-forms";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

export function RegenerateRecoveryCodes({ left }: { left: number }) {
  const [state, action, pending] = useActionState(regenerateRecoveryCodesAction, null);
  const resultRef = useResultFocus(state);
  if (state?.ok) {
    return (
      <div className="space-y-3">
        <Notice tone="success">New recovery codes. The old ones no longer work. Save these now; they are shown only once.</Notice>
        <RecoveryCodeList codes={state.data} />
      </div>
    );
  }
  return (
    <form ref={resultRef} action={action} className="space-y-2">
      <p className="text-sm text-slate-700">{left} unused recovery code{left === 1 ? "" : "s"} left.</p>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Generating…" : "Make new recovery codes"}
      </Button>
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
    </form>
  );
}
