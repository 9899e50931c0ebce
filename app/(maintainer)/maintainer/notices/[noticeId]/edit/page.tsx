import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { NoticeForm, type AudienceOption } from "@/components/notices/notice-form";
import { PageHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { listOrganisations } from "@/lib/directory/data";
import { NotFoundError } from "@/lib/server/errors";
import { requireArea } from "@/lib/auth/guards";
import { getProjectSettings } from "@/lib/settings/data";
import { rowsFromRanges } from "@/components/notices/range-rows";
import { referencesText } from "@/lib/notices/advisory-fields";
import { loadNotice } from "../load-notice";

type Params = { params: Promise<{ noticeId: string }> };

function orNotFound(error: unknown): never {
  if (error instanceof NotFoundError) notFound();
  throw error;
}

// The title comes from the same scoped read as the page, and names the reference only: an embargoed title stays out
// of window titles and browser history.
export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const notice = await loadNotice((await params).noticeId).catch(() => null);
  return { title: notice ? `Edit ${notice.reference}` : "Not found" };
}

export default async function EditNoticePage({ params }: Params) {
  const { noticeId } = await params;
  const viewer = await requireArea("maintainer", `/maintainer/notices/${noticeId}/edit`);
  const notice = await loadNotice(noticeId).catch(orNotFound);
  // A draft is edited; an embargoed notice is revised (numbered, with a note, recipients told); nothing else changes.
  if (notice.state !== "DRAFT" && notice.state !== "EMBARGOED") redirect(`/maintainer/notices/${notice.id}`);
  const revising = notice.state === "EMBARGOED";
  const active = await listOrganisations(viewer, { status: "ACTIVE" }).catch(orNotFound);
  const chosen = notice.audienceOrgs.map((a) => a.organisation);
  // Removed from the directory since they were chosen: they cannot stay in the audience, and the page says so.
  const removed = chosen.filter((o) => o.status === "REMOVED");
  const organisations: AudienceOption[] = [
    ...active.map((o) => ({ id: o.id, name: o.name, status: o.status, hasKey: !!o.pgpFingerprint })),
    // Chosen earlier but no longer active (invited, suspended): still listed and ticked, so saving does not drop them unseen.
    ...chosen.filter((o) => o.status !== "REMOVED" && !active.some((a) => a.id === o.id)).map((o) => ({ id: o.id, name: o.name, status: o.status, hasKey: false })),
  ];
  return (
    <div className="space-y-6">
      <Link href={`/maintainer/notices/${notice.id}`} className="text-sm text-indigo-700 underline">
        ← {notice.reference}
      </Link>
      <PageHeader
        title={revising ? `Revise ${notice.reference}` : `Edit ${notice.reference}`}
        description={revising ? "Under embargo: saving makes revision " + (notice.revision + 1) + " and tells every recipient." : "A draft: nothing has been sent. Saving keeps it a draft."}
      />
      {removed.length > 0 ? (
        <Notice tone="warning" title="Removed from the directory">
          {removed.map((o) => o.name).join(", ")} {removed.length === 1 ? "was" : "were"} chosen for this notice but removed from the directory since: saving takes {removed.length === 1 ? "it" : "them"} out of the audience.
        </Notice>
      ) : null}
      {notice.cveIds.length > 1 ? (
        <Notice tone="warning" title="More than one CVE ID">
          This notice was saved with {notice.cveIds.join(", ")} as its CVE IDs. A notice is one vulnerability: keep its own CVE ID and move the others to “Related CVE IDs” before saving. Until then the advisory publishes {notice.cveIds[0]} as its CVE and the others as related.
        </Notice>
      ) : null}
      <NoticeForm
        version={notice.updatedAt.toISOString()}
        revising={revising}
        noticeId={notice.id}
        organisations={organisations}
        packages={(await getProjectSettings()).packages}
        creditFromReports={notice._count.reports > 0}
        initial={{
          advisory: { affectedPackages: rowsFromRanges(notice.affectedPackages), references: referencesText(notice.references), mitigation: notice.mitigation, workaround: notice.workaround },
          title: notice.title,
          summary: notice.summary,
          description: notice.description,
          remediation: notice.remediation,
          detection: notice.detection,
          affectedVersions: notice.affectedVersions,
          fixedVersions: notice.fixedVersions,
          cveIds: notice.cveIds.join(", "),
          relatedCveIds: notice.relatedCveIds.join(", "),
          cwe: notice.cwe ?? "",
          cvssVector: notice.cvssVector ?? "",
          severity: notice.severity ?? "",
          deployBeforeDisclosure: notice.deployBeforeDisclosure,
          patchEmbargoed: notice.patchEmbargoed,
          embargoNotes: notice.embargoNotes,
          reporterCredit: notice.reporterCredit ?? "",
          reporterOptOut: notice.reporterOptOut,
          disclosureAt: notice.disclosureAt,
          audience: notice.audience,
          organisationIds: chosen.filter((o) => o.status !== "REMOVED").map((o) => o.id),
          encryptFullText: notice.encryptFullText,
        }}
      />
    </div>
  );
}
