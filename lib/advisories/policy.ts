// Who gets which form of an advisory. Public outputs (OSV, CSAF TLP:CLEAR, Atom, the index) exist only for disclosed
// notices. During the embargo the CSAF document is TLP:AMBER and exists only for maintainers and for active members of
// an addressed organisation who accepted the notice's terms — the same people who can read the notice itself.
import type { Viewer } from "@/lib/server/viewer-types";
import { canManageNotices, noticeScope, recipientScope } from "@/lib/notices/policy";

/**
 * OSV records exist for disclosed advisories, and stay for those withdrawn after disclosure (marked withdrawn, so
 * that importers drop them); a notice withdrawn before it was disclosed never has one.
 */
export const OSV_SCOPE = { OR: [{ state: "DISCLOSED" as const }, { state: "WITHDRAWN" as const, disclosedAt: { not: null } }] };

/**
 * The CSAF provider directory (/.well-known/csaf/white) holds the TLP:CLEAR documents of disclosed notices only:
 * never an embargoed one (its TLP:AMBER form stays behind the notice's scope), and a withdrawn advisory's files leave
 * the directory with it (CSAF has no withdrawn status; the OSV record says so instead).
 */
export const CSAF_DIRECTORY_SCOPE = { state: "DISCLOSED" as const };

/**
 * The Prisma filter of notices whose embargoed (AMBER) CSAF the viewer may have; null: none. Vendors need the terms
 * accepted, as for the notice page: the document carries the whole notice.
 */
export function amberScope(viewer: Viewer): Record<string, unknown> | null {
  if (canManageNotices(viewer)) return { state: "EMBARGOED" };
  if (viewer.kind !== "vendor" || !noticeScope(viewer)) return null;
  return { state: "EMBARGOED", recipients: { some: { ...recipientScope(viewer), termsAcceptances: { some: { userId: viewer.userId } } } } };
}

/**
 * Public outputs may be cached by anyone for a minute; anything embargoed never. No stale-while-revalidate: an
 * advisory withdrawn, or a file taken back from the advisory, leaves shared caches within the minute.
 */
export const PUBLIC_CACHE = "public, max-age=60";
export const PRIVATE_CACHE = "private, no-store";

/**
 * Why a notice's CVE record (the CNA container, lib/advisories/formats/cve.ts) cannot be downloaded yet, in words for
 * the maintainer who asked; null when it can. Only a disclosed notice with its own CVE ID has one: a CNA publishes the
 * record when the issue is public, and never for an issue that was withdrawn.
 */
export function cveExportRefusal(notice: { state: string; reference: string; cveId: string | null }): string | null {
  if (notice.state === "DRAFT") return `${notice.reference} is a draft: its CVE record can be downloaded once it has been sent and disclosed.`;
  if (notice.state === "EMBARGOED") return `${notice.reference} is under embargo: its CVE record can be downloaded once it is disclosed.`;
  if (notice.state === "WITHDRAWN") return `${notice.reference} was withdrawn: it has no CVE record. If a CVE ID was assigned to it, reject it through your CNA tooling.`;
  if (notice.state !== "DISCLOSED") return `${notice.reference} has no CVE record.`;
  if (!notice.cveId) return `${notice.reference} has no CVE ID, and a CVE record is the record of one CVE ID. A notice takes its CVE ID while it is a draft (Edit) or under embargo (Revise); once disclosed it can no longer be changed here.`;
  return null;
}
