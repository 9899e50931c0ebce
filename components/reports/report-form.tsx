"use client";
// The public report form (issue 13). One strict schema (lib/reports/schemas.ts) gives the limits here and parses the
// submission on the server. With a project key, the reporter may have the details, the reproduction steps and the
// attachments encrypted in this browser before anything is sent (./report-encryption.ts); the summary, versions and
// contact details stay readable so the maintainers can triage and answer.
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, FieldError, TextArea } from "@/components/ui/field";
import { FormSection } from "@/components/ui/form-section";
import { Notice } from "@/components/ui/notice";
import { focusResult } from "@/components/ui/use-result-focus";
import { MarkdownField } from "@/components/notices/markdown-field";
import { submitReportAction } from "@/lib/reports/intake-actions";
import { REPORT_LIMITS } from "@/lib/reports/schemas";
import { ALLOWED_EXTENSIONS, MAX_ATTACHMENT_BYTES } from "@/lib/server/uploads";
import { encryptReport } from "./report-encryption";

const CREDITS = [
  { value: "NAME", label: "By my name", hint: "The name above, unless you write another one." },
  { value: "HANDLE", label: "By a handle", hint: "e.g. @yourhandle" },
  { value: "ORGANISATION", label: "By my organisation", hint: "e.g. Example Security Research" },
  { value: "NONE", label: "Not at all", hint: "The advisory will not name you." },
] as const;

type Credit = (typeof CREDITS)[number]["value"];

export function ReportForm({ reportKey }: { reportKey: { armored: string; fingerprint: string } | null }) {
  const [state, dispatch, pending] = useActionState(submitReportAction, null);
  const [details, setDetails] = useState("");
  const [reproduction, setReproduction] = useState("");
  const [credit, setCredit] = useState<Credit>("NAME");
  const [encrypt, setEncrypt] = useState(reportKey !== null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [encrypting, setEncrypting] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  useEffect(() => {
    if (state && form.current) focusResult(form.current);
  }, [state]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending || encrypting) return;
    setLocalError(null);
    const data = new FormData(event.currentTarget);
    const files = data.getAll("attachments").filter((f): f is File => typeof f !== "string" && f.size > 0);
    if (files.reduce((sum, f) => sum + f.size, 0) > REPORT_LIMITS.attachmentBytes) {
      setLocalError(`The attachments together are larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB. Leave some out, or link to them in the details.`);
      return;
    }
    // An empty file picker still sends an empty file: leave it out.
    data.delete("attachments");
    for (const file of files) data.append("attachments", file);
    if (encrypt && reportKey) {
      setEncrypting(true);
      try {
        const sealed = await encryptReport(reportKey.armored, { details: String(data.get("details") ?? "").trim(), reproduction: String(data.get("reproduction") ?? "").trim(), files });
        data.set("details", sealed.details);
        data.set("reproduction", sealed.reproduction);
        data.delete("attachments");
        for (const file of sealed.files) data.append("attachments", file);
        data.set("encrypted", "yes");
      } catch {
        setLocalError("Your browser could not encrypt the report. Nothing was sent. Try another browser, or send it without encryption.");
        return;
      } finally {
        setEncrypting(false);
      }
    }
    startTransition(() => dispatch(data));
  };

  if (state?.ok) {
    return (
      <Notice tone="success" title="Report received — one more step">
        <span data-testid="report-sent">{state.message}</span>
      </Notice>
    );
  }

  const busy = pending || encrypting;
  return (
    <form ref={form} action={dispatch} onSubmit={onSubmit} className="space-y-6" aria-label="Report a vulnerability" noValidate>
      {localError ? (
        <Notice tone="error" title="Nothing was sent">
          {localError}
        </Notice>
      ) : null}
      {state && !state.ok ? (
        <Notice tone="error" title="Nothing was sent">
          {state.error}
        </Notice>
      ) : null}
      <FormSection legend="The vulnerability" description="Describe it as you would to a colleague: what is wrong, where, and what an attacker gains.">
        <Field label="Summary" name="summary" required maxLength={REPORT_LIMITS.summary} hint="One line, e.g. “Heap overflow in the tar reader on long pathnames”. Not encrypted: keep secrets for the details." errors={errors.summary} />
        <MarkdownField label="Details" name="details" value={details} onChange={setDetails} rows={10} maxLength={REPORT_LIMITS.details} hint="Markdown. The impact, the affected code, and anything you already know about a fix." errors={errors.details} />
        <TextArea label="Affected versions (optional)" name="affectedVersions" rows={2} maxLength={REPORT_LIMITS.affectedVersions} hint="e.g. “3.6.0 to 3.7.2; earlier versions not tested”." errors={errors.affectedVersions} />
        <MarkdownField label="How to reproduce (optional)" name="reproduction" value={reproduction} onChange={setReproduction} rows={6} maxLength={REPORT_LIMITS.reproduction} hint="Markdown. Steps, a proof of concept, the configuration needed." errors={errors.reproduction} />
        <Field
          label="Attachments (optional)"
          name="attachments"
          type="file"
          multiple
          hint={`Up to ${REPORT_LIMITS.attachments} files, ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB together: ${ALLOWED_EXTENSIONS.join(", ")}.`}
          accept={ALLOWED_EXTENSIONS.join(",")}
          errors={errors.attachments}
        />
      </FormSection>
      {reportKey ? (
        <FormSection legend="Encryption" description="The maintainers hold the private key; not even this server can read what your browser encrypts.">
          <div className="flex items-start gap-3">
            <input id="encrypt-report" type="checkbox" checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} aria-describedby="encrypt-report-hint" className="mt-1 size-4 shrink-0 rounded border-slate-400 text-indigo-600" />
            <div>
              <label htmlFor="encrypt-report" className="text-sm font-medium text-slate-800">
                Encrypt the details, reproduction steps and attachments in this browser
              </label>
              <p id="encrypt-report-hint" className="text-sm text-slate-600">
                With OpenPGP, to the project&apos;s key <span className="break-all font-mono">{reportKey.fingerprint.replace(/(.{4})/g, "$1 ").trim()}</span>. The summary, versions and your contact details stay readable.
              </p>
              <FieldError id="encrypt-report" errors={errors.encrypted} />
            </div>
          </div>
        </FormSection>
      ) : null}
      <FormSection legend="About you" description="Your address is confirmed by a link before the report reaches the maintainers. It is never published.">
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Your name" name="reporterName" required maxLength={REPORT_LIMITS.name} autoComplete="name" errors={errors.reporterName} />
          <Field label="Your email address" name="email" type="email" required maxLength={254} autoComplete="email" spellCheck={false} errors={errors.email} />
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">How should the advisory credit you?</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {CREDITS.map((c) => (
              <label key={c.value} className="flex items-start gap-2 rounded-md border border-slate-200 p-3 text-sm has-[:checked]:border-indigo-400 has-[:checked]:bg-indigo-50">
                <input type="radio" name="creditKind" value={c.value} checked={credit === c.value} onChange={() => setCredit(c.value)} className="mt-1 size-4 accent-indigo-700" />
                <span>
                  <span className="font-medium text-slate-900">{c.label}</span>
                  <span className="block text-slate-600">{c.hint}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {credit !== "NONE" ? (
          <Field
            label={credit === "HANDLE" ? "Handle to credit" : credit === "ORGANISATION" ? "Organisation to credit" : "Name to credit (optional)"}
            name="creditText"
            maxLength={REPORT_LIMITS.creditText}
            hint="You can change this until the advisory is published."
            errors={errors.creditText}
          />
        ) : null}
      </FormSection>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={busy}>
          {encrypting ? "Encrypting…" : pending ? "Sending…" : encrypt && reportKey ? "Encrypt and send report" : "Send report"}
        </Button>
        <p className="text-sm text-slate-600">We email you a link to confirm; nothing reaches the maintainers before that.</p>
      </div>
    </form>
  );
}
