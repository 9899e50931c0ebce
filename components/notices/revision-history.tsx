// The numbered revisions of a sent notice: what changed (old → new) and why. Times keep their zone.
import { Time } from "@/components/ui/time";

type Revision = { number: number; changeNote: string; changes: unknown; at: Date };

const FIELD_LABELS: Record<string, string> = { disclosureAt: "Disclosure time" };
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

function Value({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === "") return <span className="text-slate-500">(empty)</span>;
  if (typeof value === "string" && ISO.test(value)) return <Time value={value} />;
  return <span className="break-words">{typeof value === "string" ? value : JSON.stringify(value)}</span>;
}

/** `changes` is `{ field: [old, new] }`; anything else is shown as it is rather than hidden. */
function Changes({ changes }: { changes: unknown }) {
  if (!changes || typeof changes !== "object" || Array.isArray(changes)) return <Value value={changes} />;
  const entries = Object.entries(changes as Record<string, unknown>);
  if (entries.length === 0) return <span className="text-slate-500">—</span>;
  return (
    <ul className="space-y-1">
      {entries.map(([field, pair]) => (
        <li key={field}>
          <span className="font-medium">{FIELD_LABELS[field] ?? field}:</span>{" "}
          {Array.isArray(pair) && pair.length === 2 ? (
            <>
              <Value value={pair[0]} /> <span aria-hidden="true">→</span>
              <span className="sr-only">changed to</span> <Value value={pair[1]} />
            </>
          ) : (
            <Value value={pair} />
          )}
        </li>
      ))}
    </ul>
  );
}

export function RevisionHistory({ revisions }: { revisions: Revision[] }) {
  if (revisions.length === 0) return <p className="text-sm text-slate-600">No revisions since the notice was sent.</p>;
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Revisions, newest first</caption>
        <thead className="bg-slate-50 text-left text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">Revision</th>
            <th scope="col" className="px-3 py-2">Note</th>
            <th scope="col" className="px-3 py-2">Changes</th>
            <th scope="col" className="px-3 py-2">When</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {revisions.map((r) => (
            <tr key={r.number} className="align-top">
              <th scope="row" className="px-3 py-2 text-left font-medium tabular-nums">
                {r.number}
              </th>
              <td className="min-w-48 px-3 py-2 break-words whitespace-pre-line">{r.changeNote}</td>
              <td className="min-w-72 px-3 py-2 [&_time>span]:block">
                <Changes changes={r.changes} />
              </td>
              <td className="min-w-48 px-3 py-2 [&_time>span]:block">
                <Time value={r.at} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
