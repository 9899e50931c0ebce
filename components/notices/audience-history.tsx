// Organisations added to or removed from a sent notice, newest first, with who and why: maintainers only (vendors'
// revision history never shows the audience). Times keep their zone.
import { Time } from "@/components/ui/time";
import type { AudienceEvent } from "@/lib/notices/data";

const WORD: Record<AudienceEvent["change"], string> = { added: "Added", "re-added": "Added again", removed: "Removed" };

export function AudienceHistory({ events }: { events: AudienceEvent[] }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">No organisation was added or removed since the notice was sent.</p>;
  return (
    <ol className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm" aria-label="Audience changes, newest first">
      {events.map((e, i) => (
        <li key={i} className="space-y-0.5 px-3 py-2 [&_time>span]:inline">
          <p>
            <span className={`font-medium ${e.change === "removed" ? "text-red-800" : "text-green-800"}`}>{WORD[e.change]}</span> <span className="font-medium break-words">{e.organisation}</span>{" "}
            <span className="text-slate-700">
              <Time value={e.at} /> by {e.by ?? "a former maintainer"}
            </span>
          </p>
          <p className="break-words whitespace-pre-line text-slate-700">Reason: {e.reason}</p>
        </li>
      ))}
    </ol>
  );
}
