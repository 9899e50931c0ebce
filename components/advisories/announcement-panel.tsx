"use client";
// The announcement to the project's list: what will be sent at disclosure, editable until then; afterwards a link to
// its delivery. Without an announce list in the settings, it says so (nothing is sent).
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Field, TextArea } from "@/components/ui/field";
import { useFormAction } from "@/components/notices/use-form-action";
import { saveAnnouncementAction } from "@/lib/advisories/actions";
import type { Announcement } from "@/lib/advisories/data";

export function AnnouncementPanel({ noticeId, announcement }: { noticeId: string; announcement: Announcement }) {
  const { state, action, onSubmit, pending, fieldErrors: errors } = useFormAction(saveAnnouncementAction);
  const editable = announcement.state === "DRAFT" || announcement.state === "EMBARGOED";
  if (!announcement.address) {
    return (
      <p className="text-sm text-slate-700">
        No announce list is set, so nothing is announced at disclosure. Add one in <Link href="/maintainer/settings" className="text-indigo-700 underline">Settings</Link>.
      </p>
    );
  }
  if (!editable) {
    return announcement.dispatchId ? (
      <p className="text-sm text-slate-700">
        Sent to {announcement.address} at disclosure: <Link href={`/maintainer/deliveries/${announcement.dispatchId}`} className="text-indigo-700 underline">see its delivery</Link>.
      </p>
    ) : (
      <p className="text-sm text-slate-700">No announcement was sent for this notice.</p>
    );
  }
  return (
    <form action={action} onSubmit={onSubmit} className="space-y-3" aria-label="Announcement">
      <input type="hidden" name="noticeId" value={noticeId} />
      <p className="text-sm text-slate-700">
        Sent to <strong>{announcement.address}</strong> when the embargo ends, with the public advisory. {announcement.edited ? "You edited it: later changes to the notice are not added." : "Generated from the notice as it will be at disclosure."}
      </p>
      <Field label="Subject" name="subject" defaultValue={announcement.subject} maxLength={300} errors={errors.subject} key={`s-${announcement.subject}`} />
      <TextArea label="Text" name="text" rows={14} defaultValue={announcement.text} errors={errors.text} className="[&_textarea]:font-mono [&_textarea]:text-sm" key={`t-${announcement.text.length}-${announcement.edited}`} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" name="intent" value="save" disabled={pending}>
          {pending ? "Saving…" : "Save announcement"}
        </Button>
        {announcement.edited ? (
          <Button type="submit" name="intent" value="reset" variant="secondary" disabled={pending}>
            Use the generated text
          </Button>
        ) : null}
        <span role="status" className={`text-sm ${state && !state.ok ? "text-red-700" : "text-green-800"}`}>
          {state ? (state.ok ? state.message : state.error) : ""}
        </span>
      </div>
    </form>
  );
}
