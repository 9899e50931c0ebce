// The structured side of an advisory as people read it: affected ranges per package and the typed links. Read
// through the same parsers as the exports (lib/advisories/record.ts), so the page shows what OSV and CSAF carry.
import { affectedOf, referencesOf } from "@/lib/notices/structured-fields";
import { ScrollArea } from "@/components/ui/scroll-area";

const EVENT_LABELS: Record<string, string> = { introduced: "introduced in", fixed: "fixed in", last_affected: "last affected", limit: "up to" };

export function AffectedRanges({ value, emptyText }: { value: unknown; emptyText?: string }) {
  const ranges = affectedOf(value);
  if (ranges.length === 0) return emptyText ? <p className="text-sm text-slate-600">{emptyText}</p> : null;
  return (
    <ScrollArea label="Affected ranges" className="rounded-md border border-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Affected ranges</caption>
        <thead className="bg-slate-50 text-left text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">Package</th>
            <th scope="col" className="px-3 py-2">Versions</th>
            <th scope="col" className="px-3 py-2">Range</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {ranges.map((r, i) => (
            <tr key={i} className="align-top">
              <th scope="row" className="px-3 py-2 text-left font-medium break-words">
                {r.name}
                <span className="block text-xs font-normal text-slate-600">{r.rangeType === "GIT" ? r.repo : r.ecosystem}</span>
              </th>
              <td className="px-3 py-2 font-mono text-xs whitespace-nowrap">{r.rangeType === "GIT" ? "git commits" : r.rangeType === "SEMVER" ? "semantic versions" : "package versions"}</td>
              <td className="px-3 py-2 font-mono text-xs break-words">
                {r.events.map((e) => Object.entries(e).map(([k, v]) => `${EVENT_LABELS[k] ?? k} ${v === "0" && k === "introduced" ? "the first version" : v}`)).join("; ")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}

export function ReferenceLinks({ value }: { value: unknown }) {
  const links = referencesOf(value);
  if (links.length === 0) return null;
  return (
    <ul className="space-y-1 text-sm">
      {links.map((l) => (
        <li key={`${l.type} ${l.url}`} className="break-all">
          <span className="mr-2 inline-block rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">{l.type.toLowerCase()}</span>
          <a href={l.url} rel="noopener noreferrer nofollow" target="_blank" className="text-indigo-700 underline">
            {l.url}
          </a>
        </li>
      ))}
    </ul>
  );
}
