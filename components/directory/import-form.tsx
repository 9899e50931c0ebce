"use client";
import { useActionState } from "react";
import Link from "next/link";
import { importDirectoryAction } from "@/lib/directory/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

export function ImportForm() {
  const [state, action, pending] = useActionState(importDirectoryAction, null);
  const plan = state?.ok ? state.data : null;
  return (
    <div className="space-y-6">
      <form action={action} className="space-y-4">
        <input type="hidden" name="intent" value="preview" />
        <div>
          <label htmlFor="file" className="block text-sm font-medium text-slate-800">CSV file</label>
          <input id="file" name="file" type="file" accept=".csv,text/csv" className="mt-1 block text-sm" />
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
          {plan.newOrganisations.length} new organisation(s) and {plan.newMembers.length} new member(s) were added as invited. <Link href="/maintainer/directory" className="underline">Back to the directory</Link>.
        </Notice>
      ) : null}
      {plan && !plan.applied && plan.problems.length > 0 ? (
        <Notice tone="error" title={`${plan.problems.length} problem(s): nothing will be imported until they are fixed`}>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {plan.problems.map((p, i) => (
              <li key={i}>Line {p.line}: {p.message}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {plan && !plan.applied && plan.problems.length === 0 ? (
        <div className="space-y-3">
          <Notice tone="info" title="Ready to import">
            {plan.rows} row(s): {plan.newOrganisations.length} new organisation(s) ({plan.newOrganisations.join(", ") || "none"}), {plan.newMembers.length} new member(s), {plan.unchanged} already in the directory. New organisations and members start as invited; no email is sent (use “Resend invitation”, or they can sign in with their address).
          </Notice>
          <form action={action}>
            <input type="hidden" name="intent" value="apply" />
            <input type="hidden" name="csv" value={plan.csv} />
            <Button type="submit" disabled={pending}>{pending ? "Importing…" : "Import now"}</Button>
          </form>
        </div>
      ) : null}
    </div>
  );
}
