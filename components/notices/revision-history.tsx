// The numbered revisions of a sent notice, as maintainers see them: what changed (old → new, a line diff for long
// texts) and why. Times keep their zone.
import { Time } from "@/components/ui/time";
import { ChangeList } from "./change-list";
import { describeChanges } from "./revision-changes";
import { ScrollArea } from "@/components/ui/scroll-area";

type Revision = { number: number; changeNote: string; changes: unknown; at: Date };

export function RevisionHistory({ revisions }: { revisions: Revision[] }) {
  if (revisions.length === 0) return <p className="text-sm text-slate-600">No revisions since the notice was sent.</p>;
  return (
    <ScrollArea label="Revisions" className="rounded-md border border-slate-200">
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
                <ChangeList lines={describeChanges(r.changes, { hideCredit: false })} />
              </td>
              <td className="min-w-48 px-3 py-2 [&_time>span]:block">
                <Time value={r.at} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}
