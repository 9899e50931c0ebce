"use client";
// The confirmation page's one button. The POST confirms, signs in and opens the report; a refusal (used, expired)
// shows here, with focus on it.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useResultFocus } from "@/components/ui/use-result-focus";
import { confirmReportAction } from "@/lib/reports/intake-actions";

export function ReportConfirmForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(confirmReportAction, null);
  const ref = useResultFocus(state);
  return (
    <form ref={ref} action={action} className="mt-6 space-y-4">
      {state && !state.ok ? (
        <Notice tone="error" title="Not confirmed">
          {state.error}
        </Notice>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Confirming…" : "Confirm and sign in"}
      </Button>
    </form>
  );
}
