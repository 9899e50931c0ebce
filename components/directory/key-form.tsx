"use client";
import { useActionState } from "react";
import { useResultFocus } from "@/components/ui/use-result-focus";
import { setOrganisationKeyAction } from "@/lib/directory/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

export function KeyForm({ organisationId, hasKey }: { organisationId: string; hasKey: boolean }) {
  const [state, action, pending] = useActionState(setOrganisationKeyAction, null);
  const resultRef = useResultFocus(state);
  return (
    <form ref={resultRef} action={action} className="space-y-3">
      <input type="hidden" name="organisationId" value={organisationId} />
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
      {state?.ok ? <Notice tone="success">Key saved. Fingerprint {state.data.fingerprint}.</Notice> : null}
      <label htmlFor="publicKey" className="block text-sm font-medium text-slate-800">
        {hasKey ? "Replace with another public key" : "OpenPGP public key (ASCII-armored)"}
      </label>
      <textarea id="publicKey" name="publicKey" rows={5} required placeholder="-----BEGIN PGP PUBLIC KEY BLOCK-----" className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs" />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Checking the key…" : "Check and save key"}
      </Button>
    </form>
  );
}
