"use client";
// Entering a report that arrived another way (email). The maintainer vouches for the reporter's address: the report
// is confirmed at once, the reporter gets an account for the portal (or their existing one is linked) and an email.
import { Button } from "@/components/ui/button";
import { Field, TextArea } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useFormAction } from "@/components/notices/use-form-action";
import { createReportByHandAction } from "@/lib/reports/queue-actions";
import { CREDIT_LABELS } from "@/lib/reports/policy";
import { CREDIT_KINDS } from "@/lib/reports/queue-schemas";

export function QueueNewForm() {
  const { state, action, onSubmit, pending, fieldErrors: e } = useFormAction(createReportByHandAction);
  return (
    <form action={action} onSubmit={onSubmit} aria-label="Enter a report" className="space-y-5">
      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <legend className="px-1 font-semibold text-slate-900">The reporter</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Reporter's name" name="reporterName" required maxLength={200} autoComplete="off" errors={e.reporterName} />
          <Field label="Reporter's email address" name="email" type="email" required maxLength={254} autoComplete="off" hint="They are emailed a way into the portal to follow the report." errors={e.email} />
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">How they wish to be credited</legend>
          <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
            {CREDIT_KINDS.map((kind) => (
              <label key={kind} className="inline-flex items-center gap-2 text-sm text-slate-800">
                <input type="radio" name="creditKind" value={kind} defaultChecked={kind === "NAME"} className="size-4" />
                {CREDIT_LABELS[kind]}
              </label>
            ))}
          </div>
          {e.creditKind ? <p className="mt-1 text-sm text-red-700">{e.creditKind.join(" ")}</p> : null}
        </fieldset>
        <Field label="Credit as" name="creditText" maxLength={200} hint="The handle or organisation to credit; for “By name”, empty means the name above." errors={e.creditText} />
      </fieldset>
      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <legend className="px-1 font-semibold text-slate-900">The report</legend>
        <Field label="Summary" name="summary" required maxLength={1_000} hint="One line: what is vulnerable and how." errors={e.summary} />
        <TextArea label="Details" name="details" required maxLength={50_000} rows={8} hint="Markdown. Paste what the reporter wrote." errors={e.details} />
        <Field label="Affected versions" name="affectedVersions" maxLength={2_000} errors={e.affectedVersions} />
        <TextArea label="How to reproduce" name="reproduction" maxLength={50_000} rows={4} hint="Markdown, optional." errors={e.reproduction} />
      </fieldset>
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
      <p className="text-sm text-slate-700">The report is confirmed at once: you vouch for the address. Its acknowledgement clock starts now.</p>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Enter report"}
      </Button>
    </form>
  );
}
