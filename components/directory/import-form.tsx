"use client";
import { useActionState } from "react";
import Link from "next/link";
import { importDirectoryAction } from "@/lib/directory/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { ImportPreview } from "./import-preview";
import { useResultFocus } from "@/components/ui/use-result-focus";

export function ImportForm() {
  const [state, action, pending] = useActionState(importDirectoryAction, null);
  const plan = state?.ok ? state.data : null;
  const resultRef = useResultFocus<HTMLDivElement>(state);
  return (
    <div ref={resultRef} className="space-y-6">
      <form action={action} className="space-y-4">
        <input type="hidden" name="intent" value="preview" />
        <div>
          <label htmlFor="file" className="block text-sm font-medium text-slate-800">CSV file</label>
          <input id="file" name="file" type="file" accept=".csv,text/csv" className="mt-1 block max-w-full text-sm" />
        </div>
        <div>
          <label htmlFor="csv" className="block text-sm font-medium text-slate-800">…or paste its contents</label>
          <textarea id="csv" name="csv" rows={6} placeholder={"organisation,role_address,member_email,member_name\nAcme Linux,security@acme.example,ann@acme.example,Ann Lee"} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs" />
        </div>
        <Button type="submit" disabled={pending}>{pending ? "Checking every row…" : "Preview import"}</Button>
      </form>
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
      {plan?.applied ? (
        <Notice tone="success" title="Imported">
          {plan.counts.create} row(s) created, {plan.counts.update} updated, {plan.counts.unchanged} unchanged.{" "}
          {plan.invited > 0 ? `${plan.invited} invitation email(s) queued.` : "No invitation email was sent."}{" "}
          <Link href="/maintainer/directory" className="underline">Back to the directory</Link>.
        </Notice>
      ) : null}
      {plan && !plan.applied && plan.problems.length > 0 ? (
        <Notice tone="error" title={`${plan.problems.length} problem(s): nothing will be imported until they are fixed`}>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {plan.problems.map((p, i) => (
              <li key={i}>Row {p.row}: {p.message}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {plan && !plan.applied && plan.problems.length === 0 ? (
        <div className="space-y-4">
          <ImportPreview plan={plan} />
          <form action={action} className="space-y-3">
            <input type="hidden" name="intent" value="apply" />
            <input type="hidden" name="csv" value={plan.csv} />
            <input type="hidden" name="token" value={plan.token} />
            {plan.invitees.length > 0 ? (
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="invite" className="mt-1" />
                <span>Invite the people this creates ({plan.invitees.length} invitation email(s), listed above)</span>
              </label>
            ) : null}
            {plan.lookalikes.length > 0 ? (
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="different" className="mt-1" />
                <span>
                  Yes, {plan.lookalikes.length === 1 ? "this is a different organisation" : "these are different organisations"} from{" "}
                  {plan.lookalikes.map((l) => `${l.looksLike.map((n) => `“${n}”`).join(" and ")} (${l.organisation})`).join(", ")}
                </span>
              </label>
            ) : null}
            <p className="text-sm text-slate-700">Nothing is written or sent until you press Import now. If the directory changes in the meantime, the import is refused and you preview again.</p>
            <Button type="submit" disabled={pending}>{pending ? "Importing…" : "Import now"}</Button>
          </form>
        </div>
      ) : null}
    </div>
  );
}
