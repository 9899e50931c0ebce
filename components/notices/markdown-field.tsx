"use client";
// A Markdown textarea with a live preview. The preview goes through the one sanitizing renderer
// (components/ui/markdown.tsx), so it shows exactly what recipients will see. Tabs follow the WAI-ARIA tabs pattern:
// arrow keys move between "Write" and "Preview"; the textarea stays in the form while the preview shows.
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { Markdown } from "@/components/ui/markdown";
import { describedBy, FieldError } from "@/components/ui/field";

type Tab = "write" | "preview";

export function MarkdownField({
  label,
  name,
  hint,
  value,
  onChange,
  errors,
  rows = 8,
  maxLength = 50_000,
}: {
  label: string;
  name: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[] | undefined;
  rows?: number;
  maxLength?: number;
}) {
  const base = `${name}-${useId()}`;
  const [tab, setTab] = useState<Tab>("write");
  const tabs = useRef<Record<Tab, HTMLButtonElement | null>>({ write: null, preview: null });
  const select = (next: Tab) => {
    setTab(next);
    tabs.current[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (["ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) {
      event.preventDefault();
      select(event.key === "Home" ? "write" : event.key === "End" ? "preview" : tab === "write" ? "preview" : "write");
    }
  };
  const tabClass = (t: Tab) =>
    `rounded-t-md border-b-2 px-3 py-1.5 text-sm font-medium ${tab === t ? "border-indigo-600 text-indigo-800" : "border-transparent text-slate-600 hover:text-slate-900"}`;
  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-2">
        <label htmlFor={`${base}-input`} id={`${base}-label`} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        <div role="tablist" aria-label={`${label}: write or preview`} className="flex gap-1 border-b border-slate-200">
          {(["write", "preview"] as const).map((t) => (
            <button
              key={t}
              ref={(el) => {
                tabs.current[t] = el;
              }}
              type="button"
              role="tab"
              id={`${base}-tab-${t}`}
              aria-selected={tab === t}
              aria-controls={`${base}-panel-${t}`}
              tabIndex={tab === t ? 0 : -1}
              onClick={() => setTab(t)}
              onKeyDown={onKeyDown}
              className={tabClass(t)}
            >
              {t === "write" ? "Write" : "Preview"}
            </button>
          ))}
        </div>
      </div>
      {hint ? (
        <p id={`${base}-input-hint`} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <div role="tabpanel" id={`${base}-panel-write`} aria-labelledby={`${base}-tab-write`} hidden={tab !== "write"}>
        <textarea
          id={`${base}-input`}
          name={name}
          rows={rows}
          maxLength={maxLength}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedBy(`${base}-input`, !!hint, errors)}
          className={`mt-1 block w-full rounded-md border px-3 py-2 font-mono text-sm text-slate-900 shadow-sm ${errors?.length ? "border-red-500" : "border-slate-300"}`}
        />
      </div>
      <div
        role="tabpanel"
        id={`${base}-panel-preview`}
        aria-labelledby={`${base}-tab-preview`}
        hidden={tab !== "preview"}
        tabIndex={0}
        className="mt-1 min-h-24 rounded-md border border-dashed border-slate-300 bg-slate-50 px-4 py-3 text-slate-900"
      >
        {tab !== "preview" ? null : value.trim() ? <Markdown>{value}</Markdown> : <p className="text-sm text-slate-500">Nothing to preview yet.</p>}
      </div>
      <FieldError id={`${base}-input`} errors={errors} />
    </div>
  );
}
