"use client";
// The public pre-announcement on the maintainer's notice page: the preview is rendered by the very function that
// renders the public index, the feed and the email (lib/notices/pre-announcement.ts), from the facts the server read
// and the version range as typed; publishing needs the explicit confirmation and sends the previewed text along, so
// the server publishes nothing the maintainer did not see.
import { useState } from "react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Checkbox, Field } from "@/components/ui/field";
import { Time } from "@/components/ui/time";
import { useFormAction } from "@/components/notices/use-form-action";
import { renderPreAnnouncement } from "@/lib/notices/pre-announcement";
import { preAnnounceNoticeAction } from "@/lib/notices/pre-announcement-actions";
import type { PreAnnouncementPanel as Panel } from "@/lib/notices/data/pre-announcement";
import { ApprovalReasonField } from "@/components/approvals/approval-reason-field";

function Preview({ title, text, label }: { title: string; text: string; label: string }) {
  return (
    <figure className="rounded-md border border-amber-300 bg-amber-50 p-4">
      <figcaption className="text-xs font-semibold tracking-wide text-amber-900 uppercase">{label}</figcaption>
      <p className="mt-1 font-semibold text-slate-900" data-testid="pre-announcement-title">
        {title}
      </p>
      <p className="mt-1 break-words text-slate-800" data-testid="pre-announcement-text">
        {text}
      </p>
    </figure>
  );
}

/** `approval`: the two-person rule covers it, so publishing files a request (with a reason) for another maintainer. */
export function PreAnnouncementPanel({ noticeId, panel, approval = false }: { noticeId: string; panel: Panel; approval?: boolean }) {
  const { state, action, onSubmit, pending, fieldErrors: errors } = useFormAction(preAnnounceNoticeAction);
  const [range, setRange] = useState(panel.facts.versionRange);
  const published = panel.published ? renderPreAnnouncement(panel.projectName, panel.published) : null;
  const preview = renderPreAnnouncement(panel.projectName, { ...panel.facts, versionRange: range });
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        Optional, as OpenSSL does: tell the public a security release is coming — the project, the planned disclosure time, the severity and the affected versions, nothing else (no title, CVE, description or reporter). It is listed on{" "}
        <Link href="/advisories" className="text-indigo-700 underline">
          the advisories page
        </Link>{" "}
        and in its Atom feed
        {panel.announceAddress ? (
          <>
            , and emailed to <strong>{panel.announceAddress}</strong>
          </>
        ) : (
          " (no announce list is set in Settings, so nobody is emailed)"
        )}
        . It follows a new disclosure time, says “cancelled” if the notice is withdrawn, and becomes the advisory at disclosure.
      </p>
      {published && panel.published ? (
        <>
          <Preview label={panel.disclosed ? "As it was pre-announced (the advisory replaced it at disclosure)" : "Public now"} title={published.title} text={published.text} />
          <p className="text-sm text-slate-600">
            Pre-announcement {panel.published.slug}, published <Time value={panel.published.publishedAt} />, last changed <Time value={panel.published.changedAt} />.
          </p>
        </>
      ) : null}
      {panel.refusal ? (
        <p className="text-sm text-slate-700">{panel.refusal}</p>
      ) : (
        <form action={action} onSubmit={onSubmit} className="space-y-3" aria-label="Public pre-announcement">
          <input type="hidden" name="noticeId" value={noticeId} />
          <input type="hidden" name="previewed" value={preview.text} />
          <Field
            label={published ? "Correct the affected version range" : "Affected version range"}
            name="versionRange"
            value={range}
            onChange={(e) => setRange(e.target.value)}
            maxLength={200}
            required
            hint={panel.proposedRange ? "Proposed from the notice's affected ranges (version numbers only: no package names or commits). Edit it as it should read." : "The notice has no structured affected ranges: type the versions as the public should read them, e.g. 2.0.0 to 2.4.1."}
            errors={errors.versionRange}
          />
          <Preview label={published ? "Public after the correction" : "Preview: exactly what becomes public"} title={preview.title} text={preview.text} />
          <Checkbox label={approval ? "I confirm that this text becomes public once another maintainer approves." : "I confirm that this text becomes public now."} name="confirm" required errors={errors.confirm} />
          {approval ? <ApprovalReasonField errors={errors.approvalReason} /> : null}
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={pending}>
              {pending ? "Publishing…" : approval ? "Ask for approval to publish" : published ? "Publish the correction" : "Publish the pre-announcement"}
            </Button>
            <span role="status" className={`text-sm ${state && !state.ok ? "text-red-700" : "text-green-800"}`}>
              {state ? (state.ok ? state.message : state.error) : ""}
            </span>
          </div>
        </form>
      )}
    </div>
  );
}
