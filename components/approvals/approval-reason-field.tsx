// The two-person rule in a covered action's form: says the action will wait for a second maintainer and asks why
// (the approvers read it). Rendered only when the rule covers the action for this maintainer.
import { useId } from "react";
import { FieldError } from "@/components/ui/field";

export function ApprovalReasonField({ errors }: { errors: string[] | undefined }) {
  const id = useId();
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-3">
      <p className="text-sm font-semibold text-amber-900">This needs a second maintainer&apos;s approval.</p>
      <label htmlFor={`${id}-why`} className="mt-2 block text-sm font-medium text-slate-800">
        Why (for the maintainer who approves)
      </label>
      <p id={`${id}-why-hint`} className="mt-1 text-sm text-slate-700">
        Submitting files a request: the other maintainers are emailed a link and see exactly what would happen. Nothing is done until one of them approves.
      </p>
      <textarea
        id={`${id}-why`}
        name="approvalReason"
        rows={2}
        required
        minLength={3}
        maxLength={1000}
        aria-describedby={`${id}-why-hint${errors ? ` ${id}-why-error` : ""}`}
        aria-invalid={errors ? true : undefined}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2"
      />
      <FieldError id={`${id}-why`} errors={errors} />
    </div>
  );
}
