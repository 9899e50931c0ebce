// A titled group of form fields (a fieldset with its legend and an optional line of help), as every long form uses.
export function FormSection({ legend, description, children }: { legend: string; description?: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <legend className="px-1 text-base font-semibold text-slate-900">{legend}</legend>
      {description ? <p className="-mt-2 text-sm text-slate-600">{description}</p> : null}
      {children}
    </fieldset>
  );
}
