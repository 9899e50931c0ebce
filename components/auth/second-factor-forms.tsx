"use client";
import { useActionState, useState } from "react";
import Link from "next/link";
import { confirmEnrolmentAction, redeemRecoveryCodeAction, verifyTotpAction } from "@/lib/second-factor/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useResultFocus } from "@/components/ui/use-result-focus";

export function RecoveryCodeList({ codes }: { codes: string[] }) {
  return (
    <ol className="grid grid-cols-2 gap-2 rounded-md bg-slate-100 p-4 font-mono text-sm" aria-label="Recovery codes">
      {codes.map((code) => (
        <li key={code}>{code}</li>
      ))}
    </ol>
  );
}

/** `children`: the set-up's code and key, shown until the factor is on (then only the recovery codes are). */
export function EnrolForm({ next, children }: { next: string; children?: React.ReactNode }) {
  const [state, action, pending] = useActionState(confirmEnrolmentAction, null);
  const resultRef = useResultFocus<HTMLDivElement>(state);
  if (state?.ok) {
    return (
      <div ref={resultRef} className="mt-6 space-y-4">
        <Notice tone="success" title="Second factor set up">
          Save these recovery codes somewhere safe (a password manager). Each works once if you lose your phone. They
          are shown only now.
        </Notice>
        <RecoveryCodeList codes={state.data} />
        <Link href={next} className="inline-flex rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">
          I saved them — continue
        </Link>
      </div>
    );
  }
  return (
    <div ref={resultRef}>
      {children}
      <form action={action} className="mt-6 space-y-4">
        {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
        <Field label="6-digit code from your app" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6} required errors={state && !state.ok ? state.fieldErrors?.code : undefined} />
        <Button type="submit" disabled={pending}>
          {pending ? "Checking…" : "Confirm and turn on"}
        </Button>
      </form>
    </div>
  );
}

export function VerifyForms({ next }: { next: string }) {
  const [state, action, pending] = useActionState(verifyTotpAction, null);
  const [recoveryState, recoveryAction, recoveryPending] = useActionState(redeemRecoveryCodeAction, null);
  const [useRecovery, setUseRecovery] = useState(false);
  const resultRef = useResultFocus(state);
  const recoveryRef = useResultFocus(recoveryState);
  if (useRecovery) {
    return (
      <form ref={recoveryRef} action={recoveryAction} className="space-y-4">
        <input type="hidden" name="next" value={next} />
        {recoveryState && !recoveryState.ok ? <Notice tone="error">{recoveryState.error}</Notice> : null}
        <Field label="Recovery code" name="recoveryCode" autoComplete="off" placeholder="abcde-23456" required errors={recoveryState && !recoveryState.ok ? recoveryState.fieldErrors?.recoveryCode : undefined} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={recoveryPending}>
            {recoveryPending ? "Checking…" : "Use recovery code"}
          </Button>
          <Button type="button" variant="ghost" onClick={() => setUseRecovery(false)}>
            Use my app instead
          </Button>
        </div>
      </form>
    );
  }
  return (
    <form ref={resultRef} action={action} className="space-y-4">
      <input type="hidden" name="next" value={next} />
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
      <Field label="6-digit code from your authenticator app" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6} required autoFocus errors={state && !state.ok ? state.fieldErrors?.code : undefined} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Checking…" : "Verify"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setUseRecovery(true)}>
          Lost your phone? Use a recovery code
        </Button>
      </div>
    </form>
  );
}
