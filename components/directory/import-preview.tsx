// What an import would do, row by row, and who would be invited: shown before anything is written.
import type { ImportPlan, RowOutcome } from "@/lib/directory/data";
import { ScrollArea } from "@/components/ui/scroll-area";

const OUTCOME: Record<RowOutcome["action"], { label: string; style: string }> = {
  create: { label: "create", style: "bg-green-100 text-green-900" },
  update: { label: "update", style: "bg-amber-100 text-amber-900" },
  unchanged: { label: "unchanged", style: "bg-slate-100 text-slate-700" },
};

function OutcomeRows({ rows }: { rows: RowOutcome[] }) {
  return (
    <ScrollArea label="Rows to import" className="rounded-md border border-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2">Row</th>
            <th scope="col" className="px-3 py-2">Organisation</th>
            <th scope="col" className="px-3 py-2">Member</th>
            <th scope="col" className="px-3 py-2">Outcome</th>
            <th scope="col" className="px-3 py-2">What changes</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.row} data-row={r.row}>
              <td className="px-3 py-2 tabular-nums">{r.row}</td>
              <td className="px-3 py-2">{r.organisation}</td>
              <td className="px-3 py-2 break-all">{r.email ?? "—"}</td>
              <td className="px-3 py-2">
                <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${OUTCOME[r.action].style}`}>{OUTCOME[r.action].label}</span>
              </td>
              <td className="px-3 py-2 text-slate-700">{r.changes.join("; ") || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}

export function ImportPreview({ plan }: { plan: ImportPlan }) {
  const changing = plan.outcomes.filter((o) => o.action !== "unchanged");
  const unchanged = plan.outcomes.filter((o) => o.action === "unchanged");
  return (
    <section aria-labelledby="import-preview" className="space-y-4">
      <h2 id="import-preview" className="font-semibold">
        Preview: {plan.counts.create} row(s) to create, {plan.counts.update} to update, {plan.counts.unchanged} unchanged
      </h2>
      {plan.lookalikes.length > 0 ? (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900" id="import-lookalikes">
          <h3 className="font-semibold">New organisations whose name looks like an existing one</h3>
          <p className="mt-1">People may take one for the other. Import only if they really are different organisations (tick the box below); otherwise write the existing name in the file.</p>
          <ul className="mt-2 list-disc space-y-0.5 pl-5">
            {plan.lookalikes.map((l) => (
              <li key={l.row}>
                Row {l.row}: “{l.organisation}” looks like {l.looksLike.map((n) => `“${n}”`).join(" and ")}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {changing.length > 0 ? <OutcomeRows rows={changing} /> : <p className="text-sm text-slate-700">Nothing in this file changes the directory.</p>}
      {unchanged.length > 0 ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-indigo-700 underline">{unchanged.length} unchanged row(s)</summary>
          <div className="mt-2">
            <OutcomeRows rows={unchanged} />
          </div>
        </details>
      ) : null}
      <div className="rounded-md border border-slate-200 p-4 text-sm" id="import-invitees">
        <h3 className="font-semibold">Who will be emailed if you tick “invite the people this creates”</h3>
        {plan.invitees.length === 0 ? (
          <p className="mt-1 text-slate-700">Nobody: this import creates no invited person in an invited or active organisation.</p>
        ) : (
          <>
            <p className="mt-1 text-slate-700">{plan.invitees.length} invitation email(s), one to each of:</p>
            <ul className="mt-2 list-disc space-y-0.5 pl-5">
              {plan.invitees.map((i) => (
                <li key={i.email}>
                  {i.email} <span className="text-slate-600">({i.organisation})</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
