// The disclosure-day checklist, kept with the notice: what is done, and when.
import { ActionForm } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { setChecklistItemAction } from "@/lib/notices/actions";
import { CHECKLIST } from "@/lib/notices/schemas";

const LABELS: Record<(typeof CHECKLIST)[number], string> = {
  "patches-applied": "Patches applied to the public repository",
  "releases-issued": "Fixed releases issued",
  "announcement-posted": "Public announcement posted",
};

export function ChecklistPanel({ noticeId, checklist }: { noticeId: string; checklist: Record<string, string> }) {
  return (
    <Card className="space-y-3">
      <h3 className="text-lg font-semibold">Disclosure-day checklist</h3>
      <ul className="divide-y divide-slate-100">
        {CHECKLIST.map((item) => {
          const done = checklist[item];
          return (
            <li key={item} className="flex flex-wrap items-center justify-between gap-3 py-2">
              <span className={done ? "text-slate-900" : "text-slate-700"}>
                <span aria-hidden="true">{done ? "✓ " : "○ "}</span>
                {LABELS[item]}
                {done ? (
                  <span className="block text-sm text-slate-600">
                    done <Time value={done} />
                  </span>
                ) : null}
              </span>
              <ActionForm action={setChecklistItemAction} fields={{ noticeId, item, done: done ? "false" : "true" }} label={done ? "Mark not done" : "Mark done"} pendingLabel="Saving…" />
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
