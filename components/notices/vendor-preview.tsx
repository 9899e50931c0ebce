"use client";
// "Preview as vendor" on the maintainer's notice page: closed until asked for, and only then in the page (a closed
// copy of the whole notice would sit hidden among the page's own texts, for find-in-page and for tests alike).
import { useState } from "react";

export function VendorPreview({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="group rounded-lg border border-dashed border-indigo-300 bg-white shadow-sm" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer rounded-lg px-6 py-4 font-semibold text-indigo-800 hover:bg-indigo-50">Preview as vendor</summary>
      {open ? <div className="space-y-4 border-t border-dashed border-indigo-200 px-6 py-4">{children}</div> : null}
    </details>
  );
}
