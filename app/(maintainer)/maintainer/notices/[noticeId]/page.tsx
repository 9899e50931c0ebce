import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AnnouncementPanel } from "@/components/advisories/announcement-panel";
import { AttachmentControls } from "@/components/notices/attachment-controls";
import { AttachmentUpload } from "@/components/notices/attachment-upload";
import { ChangeDateForm } from "@/components/notices/change-date-form";
import { ChecklistPanel } from "@/components/notices/checklist-panel";
import { timeLeftShort } from "@/lib/time/time-left";
import { NoticeBody } from "@/components/notices/notice-body";
import { PublicSince } from "@/components/notices/notice-sections";
import { ReasonForm } from "@/components/notices/reason-form";
import { WithdrawAdvisoryCard } from "@/components/notices/withdraw-advisory-card";
import { RevisionHistory } from "@/components/notices/revision-history";
import { AudienceHistory } from "@/components/notices/audience-history";
import { RecipientChanges } from "@/components/notices/recipient-changes";
import { SendPanel } from "@/components/notices/send-panel";
import { NoticeStateBadge } from "@/components/notices/state-badge";
import { VendorNoticeContent } from "@/components/notices/vendor-notice-content";
import { VendorPreview } from "@/components/notices/vendor-preview";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Time } from "@/components/ui/time";
import { endEmbargoAction, withdrawNoticeAction } from "@/lib/notices/actions";
import { getAudienceChanges, previewSend } from "@/lib/notices/data";
import { getAnnouncement } from "@/lib/advisories/data";
import { NotFoundError } from "@/lib/server/errors";
import { requireArea } from "@/lib/server/guards";
import { loadNotice } from "./load-notice";

type Props = { params: Promise<{ noticeId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function orNotFound(error: unknown): never {
  if (error instanceof NotFoundError) notFound();
  throw error;
}

// The same scoped read as the page; the reference only, so that an embargoed title stays out of window titles and
// browser history.
export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const notice = await loadNotice((await params).noticeId).catch(() => null);
  return { title: notice ? notice.reference : "Not found" };
}

const link = "inline-flex items-center rounded-md px-4 py-2 text-sm font-medium";

export default async function NoticePage({ params, searchParams }: Props) {
  const { noticeId } = await params;
  const viewer = await requireArea("maintainer", `/maintainer/notices/${noticeId}`);
  const notice = await loadNotice(noticeId).catch(orNotFound);
  const preview = notice.state === "DRAFT" ? await previewSend(viewer, notice.id).catch(orNotFound) : null;
  const announcement = notice.state === "WITHDRAWN" ? null : await getAnnouncement(viewer, notice.id).catch(orNotFound);
  const audience = notice.state === "DRAFT" ? null : await getAudienceChanges(viewer, notice.id).catch(orNotFound);
  const query = await searchParams;
  const justSent = query.sent === "1" && notice.state === "EMBARGOED";
  const sentEmails = typeof query.emails === "string" && /^\d{1,7}$/.test(query.emails) ? Number(query.emails) : null;
  const now = new Date();
  const base = `/maintainer/notices/${notice.id}` as const;
  // Sending is blocked either by a time in the past (change the date) or by the maximum length (a reason may lift it).
  const overridable = !!preview?.embargo.blocking && notice.disclosureAt > now;

  return (
    <div className="space-y-6">
      <Link href="/maintainer/notices" className="text-sm text-indigo-700 underline">
        ← Notices
      </Link>

      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-mono text-slate-700">{notice.reference}</span>
            <NoticeStateBadge state={notice.state} />
            {notice.revision > 0 ? <span className="text-slate-600">revision {notice.revision}</span> : null}
          </p>
          <h1 className="mt-1 text-2xl font-bold tracking-tight break-words text-slate-900">{notice.title}</h1>
          <p className="mt-1 text-sm text-slate-700">
            {notice.state === "DISCLOSED" ? (
              <PublicSince notice={notice} />
            ) : (
              <>
                Public disclosure <Time value={notice.disclosureAt} />
              </>
            )}
            {notice.state === "DRAFT" || notice.state === "EMBARGOED" ? <span className="text-slate-600"> · {timeLeftShort(now, notice.disclosureAt)}</span> : null}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {notice.state === "DRAFT" || notice.state === "EMBARGOED" ? (
            <Link href={`${base}/edit`} className={`${link} border border-slate-300 bg-white text-slate-900 hover:bg-slate-50`}>
              {notice.state === "DRAFT" ? "Edit" : "Revise"}
            </Link>
          ) : null}
          {notice.state !== "DRAFT" ? (
            <Link href={`${base}/tracking`} className={`${link} bg-indigo-600 text-white hover:bg-indigo-700`}>
              Tracking
            </Link>
          ) : null}
        </div>
      </header>

      {justSent ? (
        <Notice tone="success" title={`Sent to ${notice._count.recipients} organisation${notice._count.recipients === 1 ? "" : "s"}.`}>
          {sentEmails !== null ? `${sentEmails} email${sentEmails === 1 ? " is" : "s are"} queued` : "The emails are queued"} and go out in batches: follow them on{" "}
          <Link href="/maintainer/deliveries" className="underline">
            Deliveries
          </Link>
          , and the acknowledgements on{" "}
          <Link href={`${base}/tracking`} className="underline">
            Tracking
          </Link>
          .
        </Notice>
      ) : null}

      {preview ? <SendPanel notice={notice} preview={preview} overridable={overridable} now={now} /> : null}

      {notice.state === "EMBARGOED" ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card className="space-y-4 lg:row-span-2">
            <h2 className="text-lg font-semibold">Change the disclosure time</h2>
            <ChangeDateForm noticeId={notice.id} current={notice.disclosureAt} />
          </Card>
          <Card className="space-y-4">
            <h2 className="text-lg font-semibold">End the embargo now</h2>
            <p className="text-sm text-slate-700">For an issue exploited in the wild or already public: the notice is disclosed at once and every recipient is told.</p>
            <ReasonForm
              action={endEmbargoAction}
              noticeId={notice.id}
              label="End embargo now"
              reasonLabel="Reason"
              hint="Shown to every recipient on the notice page, and recorded in the audit log. Name no other organisation."
              pendingLabel="Ending the embargo…"
              confirm={`End the embargo of ${notice.reference} now? It becomes public at once and every recipient is told. This cannot be undone.`}
            />
          </Card>
          <Card className="space-y-4">
            <h2 className="text-lg font-semibold">Withdraw</h2>
            <p className="text-sm text-slate-700">Not a real issue after all: the notice is never published, and the recipients are told to keep it confidential.</p>
            <ReasonForm
              action={withdrawNoticeAction}
              noticeId={notice.id}
              label="Withdraw notice"
              reasonLabel="Reason"
              hint="Recorded with the notice and in the audit log."
              pendingLabel="Withdrawing…"
              confirm={`Withdraw ${notice.reference}? Every recipient is told. This cannot be undone.`}
            />
          </Card>
        </div>
      ) : null}

      {audience && notice.state === "EMBARGOED" ? <RecipientChanges noticeId={notice.id} reference={notice.reference} candidates={audience.candidates} recipients={audience.recipients} /> : null}

      {notice.state === "DISCLOSED" ? (
        <Notice tone="success" title="Disclosed">
          {notice.plannedDisclosureAt || notice.endReason ? "The embargo was ended early (recipients see the reason on their notice page)." : "The embargo ended at the disclosure time."} The{" "}
          <Link href={`/advisories/${notice.id}`} className="underline">
            public advisory
          </Link>{" "}
          is online.
        </Notice>
      ) : null}
      {notice.state === "WITHDRAWN" ? (
        <Notice tone="info" title="Withdrawn">
          {notice.withdrawnAt ? (
            <>
              Withdrawn <Time value={notice.withdrawnAt} />.{" "}
              {notice.disclosedAt ? "It is off the public pages and feeds; its OSV record says it was withdrawn." : "It is never published."}
            </>
          ) : (
            "It is never published."
          )}
          {notice.endReason ? <p className="mt-1 break-words whitespace-pre-line">Reason: {notice.endReason}</p> : null}
        </Notice>
      ) : null}

      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">The notice</h2>
        <NoticeBody
          notice={notice}
          fileControls={(file) => (
            <AttachmentControls
              noticeId={notice.id}
              attachmentId={file.id}
              filename={file.filename}
              isPublic={Boolean(file.public)}
              removable={notice.state === "DRAFT" || notice.state === "EMBARGOED"}
              publishable={notice.state !== "WITHDRAWN"}
            />
          )}
        />
        {notice.state === "DRAFT" || notice.state === "EMBARGOED" ? <AttachmentUpload noticeId={notice.id} /> : null}
      </Card>

      {notice.state === "EMBARGOED" || notice.state === "DISCLOSED" ? <ChecklistPanel noticeId={notice.id} checklist={notice.checklist as Record<string, string>} /> : null}

      {notice.state === "DISCLOSED" ? <WithdrawAdvisoryCard noticeId={notice.id} reference={notice.reference} /> : null}

      {announcement ? (
        <Card className="space-y-3">
          <h2 className="text-lg font-semibold">Announcement</h2>
          <AnnouncementPanel noticeId={notice.id} announcement={announcement} />
        </Card>
      ) : null}

      <Card className="space-y-4">
        <h2 className="text-lg font-semibold">Audience and sending</h2>
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">Audience</dt>
            <dd>
              {notice.audience === "ALL_ACTIVE" ? (
                "All active organisations"
              ) : (
                <>
                  Selected organisations ({notice.audienceOrgs.length})
                  <ul className="mt-1 list-disc pl-5">
                    {notice.audienceOrgs.map(({ organisation: o }) => (
                      <li key={o.id}>
                        {o.name}
                        {o.status !== "ACTIVE" ? <span className="text-amber-800"> ({o.status.toLowerCase()})</span> : null}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">Full text by email</dt>
            <dd>{notice.encryptFullText ? "OpenPGP-encrypted to organisations with a key; link only to the others" : "Link only, for everyone"}</dd>
          </div>
          {notice.state !== "DRAFT" ? (
            <div>
              <dt className="text-slate-600">Recipients</dt>
              <dd className="tabular-nums">{notice._count.recipients} organisations</dd>
            </div>
          ) : null}
          {notice.sentAt ? (
            <div>
              <dt className="text-slate-600">Sent</dt>
              <dd>
                <Time value={notice.sentAt} />
              </dd>
            </div>
          ) : null}
          {notice.embargoOverrideReason ? (
            <div>
              <dt className="text-slate-600">Longer embargo, by exception</dt>
              <dd className="break-words">{notice.embargoOverrideReason}</dd>
            </div>
          ) : null}
          <div>
            <dt className="text-slate-600">Created · last changed</dt>
            <dd>
              <Time value={notice.createdAt} /> · <Time value={notice.updatedAt} />
            </dd>
          </div>
        </dl>
      </Card>

      {notice.state !== "DRAFT" ? (
        <Card className="space-y-4">
          <h2 className="text-lg font-semibold">Revisions</h2>
          <RevisionHistory revisions={notice.revisions} />
          {audience ? <h3 className="pt-2 font-semibold">Audience changes (maintainers only)</h3> : null}
          {audience ? <AudienceHistory events={audience.history} /> : null}
        </Card>
      ) : null}

      {notice.state !== "WITHDRAWN" ? (
        <VendorPreview>
          <p className="text-sm text-slate-700">
            Exactly what a member of a recipient organisation reads after accepting the embargo terms. They never see the audience, other recipients or anything on this page outside this box.
          </p>
          <article aria-label={`${notice.reference} as a vendor sees it`} className="rounded-md border border-slate-200 bg-slate-50 p-4">
            {/* A draft reads as it will once sent. */}
            <VendorNoticeContent notice={{ ...notice, state: notice.state === "DRAFT" ? "EMBARGOED" : notice.state }} now={now} level={2} />
          </article>
        </VendorPreview>
      ) : null}

      {notice.state === "DRAFT" ? (
        <Card className="space-y-4">
          <h2 className="text-lg font-semibold">Withdraw the draft</h2>
          <p className="text-sm text-slate-700">Nobody has been told about a draft: withdrawing only keeps it from being sent.</p>
          <ReasonForm
            action={withdrawNoticeAction}
            noticeId={notice.id}
            label="Withdraw draft"
            reasonLabel="Reason"
            hint="Recorded with the notice and in the audit log."
            pendingLabel="Withdrawing…"
            confirm={`Withdraw the draft ${notice.reference}? It can no longer be sent.`}
          />
        </Card>
      ) : null}
    </div>
  );
}
