"use client";
// "Invite everyone not yet invited": states who and how many, asks for confirmation with the count, and sends the
// count it showed (the server refuses if the list changed meanwhile, and sends nothing twice).
import { useActionState } from "react";
import { inviteUninvitedAction } from "@/lib/directory/actions";
import { Button } from "@/components/ui/button";

export function InviteUninvitedForm({ organisationId, people, days }: { organisationId?: string; people: Array<{ email: string; organisation: string }>; days: number }) {
  const [state, action, pending] = useActionState(inviteUninvitedAction, null);
  const n = people.length;
  const shown = people.slice(0, 10);
  const whom = `${n} ${n === 1 ? "person" : "people"}`;
  // The form stays mounted when nobody is left: its result ("Invitations queued for …") must survive the refresh.
  return (
    <div className="space-y-2 text-sm" data-testid="invite-uninvited">
      {n === 0 ? (
        <p className="text-slate-700">Everyone who can be invited has had an invitation email in the last {days} days.</p>
      ) : (
        <p className="text-slate-700">
          {whom} {n === 1 ? "is" : "are"} invited but {n === 1 ? "has" : "have"} had no invitation email in the last {days} days:{" "}
          {shown.map((p) => (organisationId ? p.email : `${p.email} (${p.organisation})`)).join(", ")}
          {n > shown.length ? ` and ${n - shown.length} more` : ""}.
        </p>
      )}
      <form
        action={action}
        hidden={n === 0}
        onSubmit={(event) => {
          if (!window.confirm(`Send an invitation email to ${whom}?`)) event.preventDefault();
        }}
      >
        {organisationId ? <input type="hidden" name="organisationId" value={organisationId} /> : null}
        <input type="hidden" name="expected" value={n} />
        <Button type="submit" variant="secondary" disabled={pending || n === 0}>
          {pending ? "Queueing invitations…" : `Invite everyone not yet invited (${n})`}
        </Button>
      </form>
      {state && !state.ok ? <p role="alert" className="text-red-700">{state.error}</p> : null}
      {state?.ok && state.message ? <p role="status" className="text-green-800">{state.message}</p> : null}
    </div>
  );
}
