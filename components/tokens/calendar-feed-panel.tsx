"use client";
// The private calendar feed: its address is shown once when made; "Make a new address" replaces it (the old one stops
// working at once), "Turn off" removes it.
import { useActionState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Time } from "@/components/ui/time";
import { deleteCalendarFeedAction, rotateCalendarFeedAction } from "@/lib/tokens/actions";
import { SecretOnce } from "./secret-once";

type Feed = { createdAt: Date; rotatedAt: Date | null; lastFetchedAt: Date | null } | null;

export function CalendarFeedPanel({ feed }: { feed: Feed }) {
  const [state, action, pending] = useActionState(rotateCalendarFeedAction, null);
  // Once turned off (the page re-renders without a feed), the address just made is dead: it is not shown any more.
  const fresh = state?.ok && feed ? state.data.url : null;
  return (
    <div className="space-y-4">
      {fresh ? (
        <SecretOnce
          label="Your calendar address"
          value={fresh}
          warning="Add it to your calendar app as a subscription. Anyone with this address sees your organisation's disclosure times (references only), so keep it private; it is shown only now."
        />
      ) : feed ? (
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-600">Address made</dt>
          <dd><Time value={feed.rotatedAt ?? feed.createdAt} /></dd>
          <dt className="text-slate-600">Last fetched</dt>
          <dd>{feed.lastFetchedAt ? <Time value={feed.lastFetchedAt} /> : "not yet"}</dd>
        </dl>
      ) : (
        <p className="text-sm text-slate-700">No calendar feed yet.</p>
      )}
      <div className="flex flex-wrap items-start gap-3">
        <form
          action={action}
          onSubmit={(event) => {
            if (feed && !window.confirm("Make a new address? The current one stops working at once.")) event.preventDefault();
          }}
        >
          <Button type="submit" variant={feed ? "secondary" : "primary"} disabled={pending}>
            {pending ? "Working…" : feed ? "Make a new address" : "Make my calendar address"}
          </Button>
        </form>
        {feed ? <ActionForm action={deleteCalendarFeedAction} fields={{}} label="Turn off" pendingLabel="Turning off…" confirm="Turn the calendar feed off? Its address stops working at once." /> : null}
      </div>
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
    </div>
  );
}
