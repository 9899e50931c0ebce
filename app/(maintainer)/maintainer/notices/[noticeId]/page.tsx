import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AnnouncementPanel } from "@/components/advisories/announcement-panel";
import { CveRecordPanel } from "@/components/advisories/cve-record-panel";
import { AttachmentControls } from "@/components/notices/attachment-controls";
import { AttachmentUpload } from "@/components/notices/attachment-upload";
import { AudienceHistory } from "@/components/notices/audience-history";
import { AudienceSummary } from "@/components/notices/audience-summary";
import { ChangeDateForm } from "@/components/notices/change-date-form";
import { ChecklistPanel } from "@/components/notices/checklist-panel";
import { timeLeftShort } from "@/lib/time/time-left";
import { DangerZone } from "@/components/notices/danger-zone";
import { NoticeBody, NoticeFiles } from "@/components/notices/notice-body";
import { ThreadList, TrackingSummary } from "@/components/notices/notice-overview";
import { PublicSince } from "@/components/notices/notice-sections";
import { PreAnnouncementPanel } from "@/components/notices/pre-announcement-panel";
import { PageSection, SectionNav, type SectionLink } from "@/components/notices/page-sections";
import { RecipientChanges } from "@/components/notices/recipient-changes";
import { RevisionHistory } from "@/components/notices/revision-history";
import { SendPanel } from "@/components/notices/send-panel";
import { NoticeStateBadge } from "@/components/notices/state-badge";
import { VendorNoticeContent } from "@/components/notices/vendor-notice-content";
import { VendorPreview } from "@/components/notices/vendor-preview";
import { TargetRequests } from "@/components/approvals/target-requests";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Time } from "@/components/ui/time";
import { getAudienceChanges, getNoticeOverview, getPreAnnouncementPanel, previewSend } from "@/lib/notices/data";
import { getAnnouncement } from "@/lib/advisories/data";
import { approvalKindsFor, listRequestsFor } from "@/lib/approvals/data";
import { affectedOf } from "@/lib/notices/structured-fields";
import { NotFoundError } from "@/lib/server/errors";
import { requireArea } from "@/lib/auth/guards";
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
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/**
 * The notice in sections — the notice; audience and sending; tracking; threads; disclosure and files; history — with
 * an in-page navigation that names the one needing attention first, and the irreversible actions together at the end.
 */
export default async function NoticePage({ params, searchParams }: Props) {
  const { noticeId } = await params;
  const viewer = await requireArea("maintainer", `/maintainer/notices/${noticeId}`);
  const notice = await loadNotice(noticeId).catch(orNotFound);
  const sent = notice.state !== "DRAFT";
  const now = new Date();
  const [preview, announcement, audience, overview, preAnnouncement, approval, requests] = await Promise.all([
    sent ? null : previewSend(viewer, notice.id),
    notice.state === "WITHDRAWN" ? null : getAnnouncement(viewer, notice.id),
    sent ? getAudienceChanges(viewer, notice.id) : null,
    sent ? getNoticeOverview(viewer, notice.id, now) : null,
    getPreAnnouncementPanel(viewer, notice.id, now),
    approvalKindsFor(viewer),
    listRequestsFor(viewer, { type: "notice", id: notice.id }),
  ]).catch(orNotFound);
  const query = await searchParams;
  const justSent = query.sent === "1" && notice.state === "EMBARGOED";
  const sentEmails = typeof query.emails === "string" && /^\d{1,7}$/.test(query.emails) ? Number(query.emails) : null;
  const base = `/maintainer/notices/${notice.id}` as const;
  // Sending is blocked either by a time in the past (change the date) or by the maximum length (a reason may lift it).
  const overridable = !!preview?.embargo.blocking && notice.disclosureAt > now;
  const checklist = notice.checklist as Record<string, string>;
  const checklistOpen = notice.state === "DISCLOSED" && Object.keys(checklist).length < 3;
  const undelivered = overview ? overview.delivery.failed + overview.delivery.bounced + overview.delivery.complained : 0;

  // What each section is waiting for, in the order it matters; the first one is named above the navigation.
  const sections: SectionLink[] = [
    { id: "notice", label: "The notice" },
    { id: "audience", label: "Audience and sending", attention: preview ? (preview.embargo.blocking ? "not ready to send" : "not sent yet") : undefined },
    ...(overview
      ? [
          { id: "tracking", label: "Tracking", attention: overview.attention.silentSoon > 0 ? `${plural(overview.attention.silentSoon, "organisation")} silent close to disclosure` : undelivered > 0 ? `${plural(undelivered, "email")} not delivered` : undefined },
          { id: "threads", label: "Threads", attention: overview.attention.unanswered > 0 ? `${plural(overview.attention.unanswered, "question")} awaiting your answer` : undefined },
        ]
      : []),
    { id: "disclosure", label: "Disclosure and files", attention: checklistOpen ? "disclosure-day checklist not done" : undefined },
    { id: "history", label: "History" },
    ...(notice.state === "WITHDRAWN" ? [] : [{ id: "danger", label: "Danger zone" }]),
  ];
  const urgency = ["threads", "tracking", "audience", "disclosure"];
  const first = urgency.map((id) => sections.find((s) => s.id === id && s.attention)).find(Boolean) ?? null;

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
          {sent ? (
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

      <TargetRequests requests={requests} />

      <SectionNav sections={sections} first={first} />

      <PageSection id="notice" title="The notice" intro="Every field as maintainers review it, empty ones included.">
        <Card>
          <NoticeBody notice={notice} fileControls={null} />
        </Card>
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
      </PageSection>

      <PageSection id="audience" title="Audience and sending">
        <Card>
          <AudienceSummary notice={notice} />
        </Card>
        {preview ? <SendPanel notice={notice} preview={preview} overridable={overridable} now={now} approval={approval.includes("notice.send")} /> : null}
        {audience && notice.state === "EMBARGOED" ? <RecipientChanges noticeId={notice.id} reference={notice.reference} candidates={audience.candidates} recipients={audience.recipients} approval={approval.includes("notice.add-recipients")} /> : null}
      </PageSection>

      {overview ? (
        <PageSection id="tracking" title="Tracking" intro="Acknowledgements and emails over every addressed organisation." action={{ href: `${base}/tracking`, label: "Open the full tracking" }}>
          <TrackingSummary noticeId={notice.id} overview={overview} embargoed={notice.state === "EMBARGOED"} />
        </PageSection>
      ) : null}

      {overview ? (
        <PageSection id="threads" title="Threads" intro="Each organisation's private thread with the maintainers, unanswered first. No organisation sees another's.">
          <ThreadList noticeId={notice.id} overview={overview} />
        </PageSection>
      ) : null}

      <PageSection id="disclosure" title="Disclosure and files">
        {notice.state === "EMBARGOED" ? (
          <Card className="space-y-4">
            <h3 className="text-lg font-semibold">Change the disclosure time</h3>
            <ChangeDateForm noticeId={notice.id} current={notice.disclosureAt} reporters={notice._count.reports > 0} approval={approval.includes("notice.change-date")} />
          </Card>
        ) : null}
        {notice.state === "EMBARGOED" || notice.state === "DISCLOSED" ? <ChecklistPanel noticeId={notice.id} checklist={checklist} /> : null}
        {notice.state === "DRAFT" || notice.state === "EMBARGOED" || preAnnouncement.published ? (
          <Card className="space-y-3">
            <h3 id="pre-announcement" className="text-lg font-semibold">
              Public pre-announcement
            </h3>
            <PreAnnouncementPanel noticeId={notice.id} panel={preAnnouncement} approval={approval.includes("notice.pre-announce")} />
          </Card>
        ) : null}
        {announcement ? (
          <Card className="space-y-3">
            <h3 className="text-lg font-semibold">Announcement</h3>
            <AnnouncementPanel noticeId={notice.id} announcement={announcement} />
          </Card>
        ) : null}
        {notice.state !== "WITHDRAWN" ? <CveRecordPanel notice={{ ...notice, hasRanges: affectedOf(notice.affectedPackages).length > 0 }} /> : null}
        <Card className="space-y-4">
          <NoticeFiles
            notice={notice}
            fileControls={(file) => (
              <AttachmentControls
                noticeId={notice.id}
                attachmentId={file.id}
                filename={file.filename}
                isPublic={Boolean(file.public)}
                removable={notice.state === "DRAFT" || notice.state === "EMBARGOED"}
                publishable={notice.state !== "WITHDRAWN"}
                approval={approval.includes("notice.publish-attachment")}
              />
            )}
          />
          {notice.state === "DRAFT" || notice.state === "EMBARGOED" ? <AttachmentUpload noticeId={notice.id} /> : null}
        </Card>
      </PageSection>

      <PageSection id="history" title="History" action={{ href: `/maintainer/audit?target=${encodeURIComponent(notice.id)}`, label: "Every event in the audit log" }}>
        <Card className="space-y-4">
          <p className="text-sm text-slate-700">
            Created <Time value={notice.createdAt} /> · last changed <Time value={notice.updatedAt} />
          </p>
          {sent ? (
            <>
              <h3 className="font-semibold">Revisions</h3>
              <RevisionHistory revisions={notice.revisions} />
            </>
          ) : null}
          {audience ? (
            <>
              <h3 className="pt-2 font-semibold">Audience changes (maintainers only)</h3>
              <AudienceHistory events={audience.history} />
            </>
          ) : null}
        </Card>
      </PageSection>

      {notice.state !== "WITHDRAWN" ? (
        <PageSection id="danger" title="Danger zone" intro="The actions that cannot be undone, apart from everything else.">
          <DangerZone notice={notice} reporters={notice._count.reports > 0} approval={approval} />
        </PageSection>
      ) : null}
    </div>
  );
}
