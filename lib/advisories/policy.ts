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
