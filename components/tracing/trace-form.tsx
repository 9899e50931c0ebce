"use client";
// The "Trace a leak" form and its answer: one card per copy found (organisation, member, notice, form, how sure, the
// copy's audit events), a warning when marks of several organisations are mixed, and a plain "no known mark" otherwise.
import { useActionState, useId } from "react";
import { traceLeakAction } from "@/lib/notices/trace-actions";
import { Button } from "@/components/ui/button";
import { useResultFocus } from "@/components/ui/use-result-focus";
import { TraceAnswer } from "./trace-answer";

export function TraceForm() {
  const [state, formAction, pending] = useActionState(traceLeakAction, null);
  const id = useId();
  const ref = useResultFocus(state);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={ref} action={formAction} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <div>
        <label htmlFor={`${id}-text`} className="block text-sm font-medium text-slate-800">
          Text found in public
        </label>
        <p id={`${id}-text-hint`} className="mt-1 text-sm text-slate-600">
          Paste it as copied (from the page, the email or the JSON): the marks are invisible characters, so do not retype it.
        </p>
        <textarea
          id={`${id}-text`}
          name="text"
          rows={8}
          aria-describedby={`${id}-text-hint`}
          aria-invalid={errors?.text ? true : undefined}
          className="mt-2 block w-full rounded-md border border-slate-300 p-2 font-mono text-sm"
        />
      </div>
      <div>
        <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-800">
          Or a file found in public
        </label>
        <p id={`${id}-file-hint`} className="mt-1 text-sm text-slate-600">
          A patch, text file or archive as it was found; 10 MB at most.
        </p>
        <input id={`${id}-file`} type="file" name="file" aria-describedby={`${id}-file-hint`} aria-invalid={errors?.file ? true : undefined} className="mt-2 block w-full text-sm" />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Tracing…" : "Trace"}
        </Button>
        {state && !state.ok ? (
          <span role="alert" className="text-sm text-red-700">
            {state.error}
          </span>
        ) : null}
      </div>
      {state?.ok ? <TraceAnswer result={state.data} /> : null}
    </form>
  );
}
