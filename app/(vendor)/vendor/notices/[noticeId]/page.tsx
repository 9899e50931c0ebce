import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { VendorEmbargoTerms } from "@/components/notices/vendor-embargo-terms";
import { VendorNoticeDetail } from "@/components/notices/vendor-notice-detail";
import { NoticeAudienceForm } from "@/components/notices/notice-audience-form";
import { Card } from "@/components/ui/card";
import type { VendorViewer } from "@/lib/server/viewer-types";
import { mayEnter } from "@/lib/auth/policy";
import { getNoticeAudience, getVendorNotice, type NoticeAudience } from "@/lib/notices/data";
import { getConfig } from "@/lib/server/config";
import { NotFoundError } from "@/lib/server/errors";
import { requireArea } from "@/lib/auth/guards";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";

// Every request reads the notice again: a suspension, a revision or the end of the embargo shows at once.
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ noticeId: string }> };

// One scoped read per request, shared by the metadata and the page (React cache), so a view is recorded once and the
// title can only say what the page itself may show. null: not found, not addressed to this organisation, or a viewer
// who may not use the vendor area (the page sends them on; the metadata says nothing).
const loadNotice = cache(async (noticeId: string) => {
  const viewer = await getViewer();
  if (!mayEnter(viewer, "vendor", getConfig().requireVendorTotp)) return null;
  try {
    return await getVendorNotice(viewer, noticeId, await getRequestInfo());
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
});

// The reference only: the title is embargoed content and never reaches window titles, history or bookmarks.
export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const notice = await loadNotice((await params).noticeId);
  if (!notice) return { title: "Not found" };
  return { title: notice.view === "terms" ? notice.reference : notice.notice.reference };
}

/** The need-to-know panel is an organisation admin's only (the data layer checks again; null for everyone else). */
async function loadAudience(viewer: VendorViewer, noticeId: string): Promise<NoticeAudience | null> {
  if (!viewer.orgAdmin) return null;
  try {
    return await getNoticeAudience(viewer, noticeId);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

export default async function VendorNoticePage({ params }: Params) {
  const { noticeId } = await params;
  const viewer = await requireArea("vendor", `/vendor/notices/${encodeURIComponent(noticeId)}`);
  const notice = await loadNotice(noticeId);
  if (!notice) notFound();
  const audience = await loadAudience(viewer, noticeId);
  const now = new Date();
  return (
    <div className="space-y-6">
      <Link href="/vendor" className="text-sm text-indigo-700 underline">
        ← Notices
      </Link>
      {notice.view === "terms" ? <VendorEmbargoTerms notice={notice} now={now} /> : <VendorNoticeDetail notice={notice.notice} recipient={notice.recipient} now={now} />}
      {audience ? (
        <Card>
          <h2 className="font-semibold">Who in {audience.organisation} sees this</h2>
          <p className="mb-4 mt-1 text-sm text-slate-700">
            You are an admin of {audience.organisation}. Restrict this notice to the people who need to know: anyone left out sees nothing of it and gets no
            email about it, and the organisation&apos;s role address (a shared mailbox) gets no further emails about it either.
          </p>
          <NoticeAudienceForm noticeId={noticeId} audience={audience} />
        </Card>
      ) : null}
    </div>
  );
}
