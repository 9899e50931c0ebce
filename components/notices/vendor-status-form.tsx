"use client";
// The organisation's feedback state and status statement, with an optional comment. Both lists start at the current
// values and keep what was saved (React would reset a form after its action, showing "not set" right after a save);
// the comment box empties once its comment is saved. Each save is kept in the history the maintainers see.
import { useEffect, useRef } from "react";
import type { VendorFeedback, VendorStatement } from "@/generated/prisma/enums";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { updateRecipientStatusAction } from "@/lib/notices/vendor-actions";
import { useFormAction } from "./use-form-action";
import { FEEDBACK_LABELS, STATEMENT_LABELS } from "./vendor-labels";

const selectClass = "mt-1 block w-full rounded-md border bg-white px-3 py-2 text-slate-900 shadow-sm";

export function VendorStatusForm({ noticeId, feedback, statement }: { noticeId: string; feedback: string | null; statement: string | null }) {
  const { state, action, onSubmit, pending } = useFormAction(updateRecipientStatusAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const describe = (name: string) => (errors?.[name]?.length ? `${name}-error` : undefined);
  const comment = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (state?.ok && comment.current) comment.current.value = "";
  }, [state]);
  return (
    <form action={action} onSubmit={onSubmit} aria-label="Feedback and statement" className="space-y-3">
      <input type="hidden" name="noticeId" value={noticeId} />
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
      {state?.ok && state.message ? <Notice tone="success">{state.message}</Notice> : null}
      <div>
        <label htmlFor="feedback" className="block text-sm font-medium text-slate-800">
          Feedback
        </label>
        <select id="feedback" name="feedback" defaultValue={feedback ?? ""} aria-invalid={errors?.feedback ? true : undefined} aria-describedby={describe("feedback")} className={`${selectClass} ${errors?.feedback ? "border-red-500" : "border-slate-300"}`}>
          <option value="">— not set —</option>
          {(Object.keys(FEEDBACK_LABELS) as VendorFeedback[]).map((v) => (
            <option key={v} value={v}>
              {FEEDBACK_LABELS[v]}
            </option>
          ))}
        </select>
        {errors?.feedback ? (
          <p id="feedback-error" className="mt-1 text-sm text-red-700">
            {errors.feedback.join(" ")}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor="statement" className="block text-sm font-medium text-slate-800">
          Status statement
        </label>
        <select id="statement" name="statement" defaultValue={statement ?? ""} aria-invalid={errors?.statement ? true : undefined} aria-describedby={describe("statement")} className={`${selectClass} ${errors?.statement ? "border-red-500" : "border-slate-300"}`}>
          <option value="">— not set —</option>
          {(Object.keys(STATEMENT_LABELS) as VendorStatement[]).map((v) => (
            <option key={v} value={v}>
              {STATEMENT_LABELS[v]}
            </option>
          ))}
        </select>
        {errors?.statement ? (
          <p id="statement-error" className="mt-1 text-sm text-red-700">
            {errors.statement.join(" ")}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor="comment" className="block text-sm font-medium text-slate-800">
          Comment (optional)
        </label>
        <p id="comment-hint" className="mt-1 text-sm text-slate-600">
          Seen by the project&apos;s maintainers only, never by other organisations.
        </p>
        <textarea
          ref={comment}
          id="comment"
          name="comment"
          rows={3}
          maxLength={2000}
          aria-invalid={errors?.comment ? true : undefined}
          aria-describedby={["comment-hint", describe("comment")].filter(Boolean).join(" ")}
          className={`${selectClass} ${errors?.comment ? "border-red-500" : "border-slate-300"}`}
        />
        {errors?.comment ? (
          <p id="comment-error" className="mt-1 text-sm text-red-700">
            {errors.comment.join(" ")}
          </p>
        ) : null}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save feedback and statement"}
      </Button>
    </form>
  );
}
