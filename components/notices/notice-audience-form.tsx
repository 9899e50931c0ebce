"use client";
// An organisation admin's need-to-know choice for one notice: everyone in the organisation, or only the members ticked
// (admins always see it). Members left out get the same "not found" as for a notice never sent to them.
import { useActionState, useState } from "react";
import { useResultFocus } from "@/components/ui/use-result-focus";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { StatusBadge } from "@/components/directory/status-badge";
import { setNoticeAudienceAction } from "@/lib/notices/vendor-actions";
import type { NoticeAudience } from "@/lib/notices/data/audience";

export function NoticeAudienceForm({ noticeId, audience }: { noticeId: string; audience: NoticeAudience }) {
  const [state, action, pending] = useActionState(setNoticeAudienceAction, null);
  const resultRef = useResultFocus(state);
  const [chosen, setChosen] = useState(audience.restricted);
  return (
    <form ref={resultRef} action={action} className="space-y-4" aria-label={`Who in ${audience.organisation} sees this`}>
      <input type="hidden" name="noticeId" value={noticeId} />
      {state && !state.ok ? <Notice tone="error">{state.error}</Notice> : null}
      {state?.ok ? <Notice tone="success">{state.message}</Notice> : null}
      <fieldset className="space-y-2">
        <legend className="sr-only">Audience</legend>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name="audience" value="everyone" checked={!chosen} onChange={() => setChosen(false)} className="mt-1 size-4 accent-indigo-700" />
          <span>Everyone in {audience.organisation}</span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name="audience" value="chosen" checked={chosen} onChange={() => setChosen(true)} className="mt-1 size-4 accent-indigo-700" />
          <span>Only the people who need to know (ticked below) and the admins</span>
        </label>
      </fieldset>
      <fieldset disabled={!chosen} className="space-y-1 disabled:opacity-60">
        <legend className="text-sm font-medium text-slate-800">Members</legend>
        {audience.members.map((m) => (
          <label key={m.id} className="flex flex-wrap items-center gap-2 text-sm">
            <input type="checkbox" name="members" value={m.id} defaultChecked={m.granted} disabled={m.isAdmin} className="size-4 accent-indigo-700" />
            <span className="break-all">{m.email}</span>
            <StatusBadge status={m.status} />
            {m.isAdmin ? <span className="text-slate-600">admin: always sees it</span> : null}
          </label>
        ))}
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save who sees this"}
      </Button>
    </form>
  );
}
