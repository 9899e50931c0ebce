// What one revision changed, as a list: short values before → after, long texts as a line diff (added lines marked
// +, removed lines −, in words for screen readers too, not by colour alone).
import type { ChangeLine, DiffLine } from "./revision-changes";

const LINE_STYLE: Record<DiffLine["kind"], { sign: string; words: string; className: string }> = {
  added: { sign: "+", words: "added", className: "bg-green-50 text-green-900" },
  removed: { sign: "−", words: "removed", className: "bg-red-50 text-red-900 line-through decoration-red-300" },
  context: { sign: " ", words: "unchanged", className: "text-slate-600" },
  gap: { sign: "…", words: "unchanged lines", className: "text-slate-600" },
};

function Diff({ lines, label }: { lines: DiffLine[]; label: string }) {
  return (
    <div role="group" aria-label={`Changes to ${label}`} className="mt-1 overflow-x-auto rounded border border-slate-200 font-mono text-xs">
      {lines.map((line, i) => {
        const style = LINE_STYLE[line.kind];
        return (
          <div key={i} className={`flex gap-2 px-2 py-0.5 ${style.className}`}>
            <span aria-hidden="true" className="w-3 shrink-0 select-none">
              {style.sign}
            </span>
            <span className="sr-only">{style.words}: </span>
            <span className="break-words whitespace-pre-wrap">{line.kind === "gap" ? "" : line.text || " "}</span>
          </div>
        );
      })}
    </div>
  );
}

export function ChangeList({ lines }: { lines: ChangeLine[] }) {
  if (lines.length === 0) return <span className="text-slate-500">—</span>;
  return (
    <ul className="space-y-1">
      {lines.map((l) => (
        <li key={l.field} className="break-words">
          <span className="font-medium">{l.label}:</span>{" "}
          {l.from !== null && l.to !== null ? (
            <>
              {l.from} <span aria-hidden="true">→</span>
              <span className="sr-only">changed to</span> {l.to}
            </>
          ) : l.diff ? (
            <Diff lines={l.diff} label={l.label} />
          ) : (
            "changed"
          )}
        </li>
      ))}
    </ul>
  );
}
