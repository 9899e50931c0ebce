"use client";
// An encrypted report's armored text, a button to copy it (to decrypt outside the portal), and a local decrypt view:
// the maintainer pastes their armored private key and its passphrase, and OpenPGP.js decrypts in this browser tab.
// The key never leaves the page: the inputs have no name and sit in no form (nothing can submit them), no server
// action or request is involved, and the plaintext is shown as plain text (never rendered as HTML or Markdown).
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant="secondary"
        className="px-3 py-1"
        onClick={() => {
          navigator.clipboard.writeText(text).then(
            () => setCopied("yes"),
            () => setCopied("no"),
          );
        }}
      >
        {label}
      </Button>
      <span role="status" className="text-sm text-slate-700">
        {copied === "yes" ? "Copied." : copied === "no" ? "Could not copy: select the text and copy it by hand." : ""}
      </span>
    </span>
  );
}

export function ArmoredText({ title, armored }: { title: string; armored: string }) {
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-semibold text-slate-900">{title} (encrypted)</h3>
        <CopyButton text={armored} label={`Copy the encrypted ${title.toLowerCase()}`} />
      </div>
      <pre tabIndex={0} role="region" aria-label={`${title}, encrypted`} className="max-h-64 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-xs text-slate-800">
        {armored}
      </pre>
    </div>
  );
}

type Decrypted = { title: string; text: string };

export function DecryptLocally({ parts }: { parts: Array<{ title: string; armored: string }> }) {
  const id = useId();
  const [key, setKey] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Decrypted[] | null>(null);

  async function decrypt() {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const openpgp = await import("openpgp");
      let privateKey = await openpgp.readPrivateKey({ armoredKey: key.trim() }).catch(() => {
        throw new Error("That is not an armored OpenPGP private key (it starts with -----BEGIN PGP PRIVATE KEY BLOCK-----).");
      });
      if (!privateKey.isDecrypted()) {
        privateKey = await openpgp.decryptKey({ privateKey, passphrase }).catch(() => {
          throw new Error("The passphrase does not unlock this key.");
        });
      }
      const out: Decrypted[] = [];
      for (const part of parts) {
        const message = await openpgp.readMessage({ armoredMessage: part.armored.trim() }).catch(() => {
          throw new Error(`The ${part.title.toLowerCase()} is not an OpenPGP message.`);
        });
        const { data } = await openpgp.decrypt({ message, decryptionKeys: privateKey }).catch(() => {
          throw new Error(`This key cannot decrypt the ${part.title.toLowerCase()}: it was encrypted to another key.`);
        });
        out.push({ title: part.title, text: String(data) });
      }
      setResult(out);
    } catch (e) {
      setError(e instanceof Error ? e.message : "Could not decrypt.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3 rounded-lg border border-indigo-200 bg-indigo-50/40 p-4">
      <h3 id={`${id}-title`} className="font-semibold text-slate-900">
        Decrypt locally
      </h3>
      <p className="text-sm text-slate-800">
        Your private key stays in this browser tab: it is never sent to the server, stored or put in any form that could be submitted. Decryption runs here with OpenPGP.js, and closing or reloading
        the page forgets the key and the plaintext. You can also copy the encrypted text and decrypt it with your own tools instead.
      </p>
      <div>
        <label htmlFor={`${id}-key`} className="block text-sm font-medium text-slate-800">
          Your armored private key
        </label>
        <textarea
          id={`${id}-key`}
          value={key}
          onChange={(e) => setKey(e.target.value)}
          rows={5}
          autoComplete="off"
          spellCheck={false}
          placeholder="-----BEGIN PGP PRIVATE KEY BLOCK-----"
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
        />
      </div>
      <div>
        <label htmlFor={`${id}-pass`} className="block text-sm font-medium text-slate-800">
          Passphrase of the key
        </label>
        <input id={`${id}-pass`} type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" className="mt-1 block w-full max-w-sm rounded-md border border-slate-300 px-3 py-2" />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="button" onClick={() => void decrypt()} disabled={busy || !key.trim()}>
          {busy ? "Decrypting…" : "Decrypt in this browser"}
        </Button>
        {result || key || passphrase ? (
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              setKey("");
              setPassphrase("");
              setResult(null);
              setError(null);
            }}
          >
            Forget key and plaintext
          </Button>
        ) : null}
      </div>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {result?.map((r) => (
        <div key={r.title}>
          <h4 className="text-sm font-semibold text-slate-900">{r.title} (decrypted here)</h4>
          <pre tabIndex={0} role="region" aria-label={`${r.title}, decrypted`} className="mt-1 max-h-96 overflow-auto rounded-md border border-green-300 bg-white p-3 text-sm whitespace-pre-wrap text-slate-900">
            {r.text}
          </pre>
        </div>
      ))}
    </section>
  );
}
