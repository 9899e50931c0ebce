"use client";
// The reporter chooses how the advisory credits them: by name, handle or organisation (with the words to print), or
// not at all. A refused choice keeps what was typed (useFormAction).
import { useState } from "react";
import type { ReportCredit } from "@/generated/prisma/enums";
import type { ActionResult } from "@/lib/server/errors";
import { CREDIT_LABELS } from "@/lib/reports/policy";
import { REPORT_CREDITS } from "@/lib/reports/portal-policy";
import { CREDIT_TEXT_MAX } from "@/lib/reports/portal-schemas";
import { Button } from "@/components/ui/button";
import { Field, FieldError } from "@/components/ui/field";
import { useFormAction } from "@/components/notices/use-form-action";

type Action = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

export function ReporterCreditForm({ action: serverAction, reportId, kind, text }: { action: Action; reportId: string; kind: ReportCredit; text: string | null }) {
  const { state, action, onSubmit, pending, fieldErrors } = useFormAction(serverAction);
  const [chosen, setChosen] = useState<ReportCredit>(kind);
  return (
    <form action={action} onSubmit={onSubmit} aria-label="How you are credited" className="mt-3 space-y-4">
      <input type="hidden" name="reportId" value={reportId} />
      <fieldset aria-describedby={fieldErrors.creditKind ? "credit-kind-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Credit me</legend>
        <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
          {REPORT_CREDITS.map((k) => (
            <label key={k} className="flex items-center gap-2 text-sm text-slate-900">
              <input type="radio" name="creditKind" value={k} checked={chosen === k} onChange={() => setChosen(k)} className="size-4 text-indigo-600" />
              {CREDIT_LABELS[k]}
            </label>
          ))}
        </div>
        <FieldError id="credit-kind" errors={fieldErrors.creditKind} />
      </fieldset>
      {chosen !== "NONE" ? (
        <Field
          label="Credit as"
          name="creditText"
          defaultValue={text ?? ""}
          maxLength={CREDIT_TEXT_MAX}
          hint="Exactly as it should appear in the public advisory."
          errors={fieldErrors.creditText}
          className="max-w-md"
        />
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save credit"}
        </Button>
        {state && !state.ok && !fieldErrors.creditText ? (
          <span role="alert" className="text-sm text-red-700">
            {state.error}
          </span>
        ) : null}
        {state?.ok ? (
          <span role="status" className="text-sm text-green-800">
            {state.message}
          </span>
        ) : null}
      </div>
    </form>
  );
}
