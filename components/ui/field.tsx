// The form fields every form uses: a labelled input, a labelled textarea, a checkbox with its hint, and a field's
// error line. Each is wired for screen readers (label, aria-describedby to the hint and the error, aria-invalid).
import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";

type Labelled = { label: string; name: string; hint?: string | undefined; errors?: string[] | undefined };

const CONTROL = "mt-1 block w-full rounded-md border px-3 py-2 text-slate-900 shadow-sm placeholder:text-slate-400";

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

/** Unique per instance: two forms on a page may both have a field of the same name. */
function useFieldId(name: string, given: string | undefined): string {
  const generated = useId();
  return given ?? `${name}-${generated}`;
}

/** Label above, then the hint, the control and the error. */
function Stacked({ id, label, hint, errors, className, children }: { id: string; label: string; hint?: string | undefined; errors: string[] | undefined; className: string; children: ReactNode }) {
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
      {children}
      <FieldError id={id} errors={errors} />
    </div>
  );
}

const controlProps = (id: string, name: string, hint: string | undefined, errors: string[] | undefined) => ({
  id,
  name,
  "aria-invalid": errors?.length ? true : undefined,
  "aria-describedby": describedBy(id, !!hint, errors),
  className: `${CONTROL} ${errors?.length ? "border-red-500" : "border-slate-300"}`,
});

/** A labelled input with its hint and error. */
export function Field({ label, name, hint, errors, className = "", ...input }: InputHTMLAttributes<HTMLInputElement> & Labelled) {
  const id = useFieldId(name, input.id);
  return (
    <Stacked id={id} label={label} hint={hint} errors={errors} className={className}>
      <input {...input} {...controlProps(id, name, hint, errors)} />
    </Stacked>
  );
}

/** A labelled textarea with its hint and error. */
export function TextArea({ label, name, hint, errors, className = "", ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & Labelled) {
  const id = useFieldId(name, props.id);
  return (
    <Stacked id={id} label={label} hint={hint} errors={errors} className={className}>
      <textarea rows={3} {...props} {...controlProps(id, name, hint, errors)} />
    </Stacked>
  );
}

/** A checkbox with its label, hint and error beside it. */
export function Checkbox({ label, name, hint, errors, ...props }: InputHTMLAttributes<HTMLInputElement> & Labelled) {
  const id = useFieldId(name, props.id);
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
