"use client";
// A secret shown once (an API token, a calendar address): read-only, selected on focus, with a copy button and the
// warning that it cannot be shown again. It lives only in this component's state: leaving the page forgets it.
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";

export function SecretOnce({ label, value, warning }: { label: string; value: string; warning: string }) {
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      // Clipboard access can be refused (permissions, an insecure origin): the field stays there to copy by hand.
      setCopied("no");
    }
  };
  return (
    <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-4">
      <label htmlFor={id} className="block text-sm font-semibold text-amber-900">
        {label}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id={id}
          readOnly
          value={value}
          spellCheck={false}
          autoComplete="off"
          onFocus={(event) => event.currentTarget.select()}
          className="block w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm text-slate-900"
        />
        <Button type="button" variant="secondary" onClick={() => void copy()} className="shrink-0">
          Copy
        </Button>
      </div>
      <p className="text-sm text-amber-900">{warning}</p>
      <p role="status" className="text-sm text-slate-700">
        {copied === "yes" ? "Copied to the clipboard." : copied === "no" ? "Could not copy: select the text and copy it by hand." : ""}
      </p>
    </div>
  );
}
