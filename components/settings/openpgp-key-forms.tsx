"use client";
// The forms of the project's OpenPGP key page: generate, import (a private key with its passphrase), revoke. A pasted
// private key is cleared from the page once the server answered, whatever the answer: it is not kept on screen, and
// the server never sends any of it back.
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Field, TextArea } from "@/components/ui/field";
import { FormSection } from "@/components/ui/form-section";
import { Notice } from "@/components/ui/notice";
import { useFormAction } from "@/components/notices/use-form-action";
import { generateProjectKeyAction, importProjectKeyAction, revokeProjectKeyAction } from "@/lib/signing/actions";
import { REVOCATION_REASON_LABELS, REVOCATION_REASON_NAMES } from "@/lib/signing/revocation";
import type { ActionResult } from "@/lib/server/errors";

function Result({ state, failed }: { state: ActionResult | null; failed: string }) {
  if (!state) return null;
  return state.ok ? (
    <Notice tone="success" title="Done">
      {state.message}
    </Notice>
  ) : (
    <Notice tone="error" title={failed}>
      {state.error}
    </Notice>
  );
}

/** `replaces`: what a new key changes, said before the maintainer confirms (rotation, the reports' key). */
export function GenerateKeyForm({ replaces }: { replaces: string | null }) {
  const { state, onSubmit, action, pending, fieldErrors: errors } = useFormAction(generateProjectKeyAction, replaces ? `${replaces}\n\nGenerate the new key?` : undefined);
  return (
    <form action={action} onSubmit={onSubmit} aria-label="Generate a key">
      <FormSection legend="Generate a key here" description="A new OpenPGP key pair (EdDSA/Curve25519, a version 4 key every current gpg reads), for the project's name and security address. Its private part stays on this server, sealed with the instance secret.">
        <Result state={state} failed="No key was generated" />
        {replaces ? (
          <Notice tone="warning" title="What changes">
            {replaces}
          </Notice>
        ) : null}
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Valid for (days)" name="validityDays" type="number" min={30} max={3650} defaultValue={730} required hint="Two years is usual; rotate before it expires." errors={errors.validityDays} />
          <Field label="Keep the previous key published for (days)" name="overlapDays" type="number" min={0} max={3650} defaultValue={365} required hint="After a rotation, so signatures made with it can still be verified." errors={errors.overlapDays} />
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Generating…" : "Generate a new key"}
        </Button>
      </FormSection>
    </form>
  );
}

export function ImportKeyForm({ replaces }: { replaces: string | null }) {
  const { state, onSubmit, action, pending, fieldErrors: errors } = useFormAction(importProjectKeyAction, replaces ? `${replaces}\n\nImport this key?` : undefined);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!state) return;
    for (const name of ["privateKey", "passphrase"]) {
      const field = form.current?.elements.namedItem(name);
      if (field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) field.value = "";
    }
  }, [state]);
  return (
    <form ref={form} action={action} onSubmit={onSubmit} aria-label="Import a key">
      <FormSection legend="Import an existing key" description="The project's private key, ASCII-armored (gpg --armor --export-secret-keys <fingerprint>). It is checked, unlocked with its passphrase, and stored sealed with the instance secret; the passphrase is not kept. If reports are already encrypted to a key pasted in Settings, importing its private key keeps one key for everything.">
        <Result state={state} failed="The key was not imported" />
        {replaces ? (
          <Notice tone="warning" title="What changes">
            {replaces}
          </Notice>
        ) : null}
        <TextArea label="Private key" name="privateKey" rows={6} required spellCheck={false} autoComplete="off" className="font-mono" hint="-----BEGIN PGP PRIVATE KEY BLOCK----- … It is cleared from this page once the server answered." errors={errors.privateKey} />
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Passphrase (if the key has one)" name="passphrase" type="password" autoComplete="off" errors={errors.passphrase} />
          <Field label="Keep the previous key published for (days)" name="overlapDays" type="number" min={0} max={3650} defaultValue={365} required errors={errors.overlapDays} />
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Importing…" : "Import the key"}
        </Button>
      </FormSection>
    </form>
  );
}

export function RevokeKeyForm({ keyId, fingerprint, active }: { keyId: string; fingerprint: string; active: boolean }) {
  const warning = active ? "This is the active key: once it is revoked nothing is sent or published until a new key is generated or imported. Revoke it?" : "Revoke this retired key?";
  const { state, onSubmit, action, pending, fieldErrors: errors } = useFormAction(revokeProjectKeyAction, warning);
  const suffix = fingerprint.slice(-8);
  return (
    <form action={action} onSubmit={onSubmit} aria-label={`Revoke key ${suffix}`} className="space-y-3 rounded-md border border-red-200 bg-red-50/40 p-3">
      <input type="hidden" name="keyId" value={keyId} />
      <Result state={state} failed="The key was not revoked" />
      <div className="grid gap-3 md:grid-cols-2">
        <div>
          <label htmlFor={`reason-${keyId}`} className="block text-sm font-medium text-slate-800">
            Why is it revoked?
          </label>
          <select id={`reason-${keyId}`} name="reason" defaultValue="superseded" className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm">
            {REVOCATION_REASON_NAMES.map((r) => (
              <option key={r} value={r}>
                {REVOCATION_REASON_LABELS[r]}
              </option>
            ))}
          </select>
          {errors.reason ? <p className="mt-1 text-sm text-red-700">{errors.reason.join(" ")}</p> : null}
        </div>
        <Field id={`confirm-${keyId}`} label={`Type its last 8 characters (${suffix}) to confirm`} name="confirm" autoComplete="off" spellCheck={false} required errors={errors.confirm} />
      </div>
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? "Revoking…" : "Revoke this key"}
      </Button>
    </form>
  );
}
