import { useId, type InputHTMLAttributes } from "react";

/** A labelled input with its hint and error, wired for screen readers. */
export function Field({
  label,
  name,
  hint,
  errors,
  className = "",
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; hint?: string; errors?: string[] | undefined }) {
  // Unique per instance: two forms on a page may both have a "name" field.
  const generated = useId();
  const id = input.id ?? `${name}-${generated}`;
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
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
      <input
        {...input}
        id={id}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        className={`mt-1 block w-full rounded-md border px-3 py-2 text-slate-900 shadow-sm placeholder:text-slate-400 ${
          errors?.length ? "border-red-500" : "border-slate-300"
        }`}
      />
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
