// Form pieces the notice forms share with components/ui/field.tsx's look: a labelled textarea, a checkbox with its
// hint, and a field's error line, each wired for screen readers (aria-describedby, aria-invalid).
import { useId, type InputHTMLAttributes, type TextareaHTMLAttributes } from "react";

const INPUT = "mt-1 block w-full rounded-md border px-3 py-2 text-slate-900 shadow-sm placeholder:text-slate-400";

export function describedBy(id: string, hint: boolean, errors: string[] | undefined): string | undefined {
  return [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

export function FieldError({ id, errors }: { id: string; errors: string[] | undefined }) {
  return errors?.length ? (
    <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
      {errors.join(" ")}
    </p>
  ) : null;
}

export function TextArea({
  label,
  name,
  hint,
  errors,
  className = "",
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; name: string; hint?: string; errors?: string[] | undefined }) {
  const generated = useId();
  const id = props.id ?? `${name}-${generated}`;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <textarea
        rows={3}
        {...props}
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, !!hint, errors)}
        className={`${INPUT} ${errors?.length ? "border-red-500" : "border-slate-300"}`}
      />
      <FieldError id={id} errors={errors} />
    </div>
  );
}

export function Checkbox({ label, name, hint, errors, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; hint?: string; errors?: string[] | undefined }) {
  const generated = useId();
  const id = props.id ?? `${name}-${generated}`;
  return (
    <div className="flex items-start gap-3">
      <input
        type="checkbox"
        value="on"
        {...props}
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, !!hint, errors)}
        className="mt-1 size-4 shrink-0 rounded border-slate-400 text-indigo-600"
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        {hint ? (
          <p id={`${id}-hint`} className="text-sm text-slate-600">
            {hint}
          </p>
        ) : null}
        <FieldError id={id} errors={errors} />
      </div>
    </div>
  );
}
