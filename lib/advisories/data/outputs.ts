import "server-only";
// The published forms of an advisory — OSV, CSAF, the Atom feed — built from the notice by the pure builders in
// ./formats. Every query here goes through ./policy.ts: public outputs read disclosed notices only; the embargoed
// (TLP:AMBER) CSAF reads through the viewer's own scope. What is not theirs is "not found", like everywhere else.
import { getDb } from "@/lib/server/db/client";
import { NotFoundError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { canManageNotices } from "@/lib/notices/policy";
import { vendorOnly } from "@/lib/notices/data/shared";
import { toOsv, osvId, type OsvRecord } from "../formats/osv";
import { toCsaf, type CsafDocument } from "../formats/csaf";
import { toAtomFeed } from "../formats/atom";
import type { Involvement, ProjectInfo } from "../formats/types";
import { EXPORT_SELECT, getProjectInfo } from "../source";
import { amberScope, OSV_SCOPE } from "../policy";
import { affectedOf } from "@/lib/notices/structured-fields";
import { listPublicPreAnnouncements, preAnnouncementsOf } from "@/lib/notices/data/pre-announcement";
import { preAnnouncementAnchor, preAnnouncementEntryId, renderPreAnnouncement, type RenderedPreAnnouncement } from "@/lib/notices/pre-announcement";
import { toAdvisoryRecord, type NoticeForExport } from "../record";
import { markNoticeProse, noticeCopyCode } from "@/lib/notices/copy-marks";
import { withoutNul } from "@/lib/text/invisible-characters";

const bounded = (id: string) => id.slice(0, 64);

/** `reference`, when given, must be the notice's too (a canonical file name names it): otherwise "not found". */
const named = (reference: string | undefined) => (reference === undefined ? {} : { reference });

async function disclosed(noticeId: string, reference?: string): Promise<NoticeForExport> {
  const notice = await getDb().notice.findFirst({ where: { id: bounded(noticeId), state: "DISCLOSED", ...named(reference) }, select: EXPORT_SELECT });
  if (!notice) throw new NotFoundError();
  return notice;
}

/** The OSV record of a disclosed advisory (or of one withdrawn after disclosure, saying so). */
export async function getPublicOsv(noticeId: string): Promise<OsvRecord> {
  const notice = await getDb().notice.findFirst({ where: { id: bounded(noticeId), ...OSV_SCOPE }, select: EXPORT_SELECT });
  if (!notice) throw new NotFoundError();
  return toOsv(await getProjectInfo(), toAdvisoryRecord(notice));
}

/** The OSV record by its OSV id (x_prefix-FW-2026-0001), as an OSV REST source serves it. */
export async function getPublicOsvById(id: string): Promise<OsvRecord> {
  const project = await getProjectInfo();
  const prefix = `${project.osvPrefix}-`;
  if (!id.startsWith(prefix)) throw new NotFoundError();
  const notice = await getDb().notice.findFirst({ where: { reference: id.slice(prefix.length, prefix.length + 32), ...OSV_SCOPE }, select: EXPORT_SELECT });
  if (!notice) throw new NotFoundError();
  return toOsv(project, toAdvisoryRecord(notice));
}

/** Every published OSV record's id and modification time (withdrawn ones included): the index an OSV REST source publishes. */
export async function listOsvIndex(): Promise<Array<{ id: string; modified: string }>> {
  const project = await getProjectInfo();
  const rows = await getDb().notice.findMany({ where: OSV_SCOPE, orderBy: { disclosedAt: "desc" }, select: { reference: true, updatedAt: true } });
  return rows.map((r) => ({ id: osvId(project, r), modified: r.updatedAt.toISOString() }));
}

/** The public (TLP:CLEAR) CSAF document of a disclosed notice, built at `now` (its generator date). */
export function publicCsafOf(project: ProjectInfo, notice: NoticeForExport, now: Date): CsafDocument {
  const involvements: Involvement[] = [{ party: "coordinator", status: "completed", date: notice.disclosedAt ?? notice.disclosureAt, summary: "Coordinated disclosure through advance notices to downstream distributors." }];
  return toCsaf(project, toAdvisoryRecord(notice), { tlp: "CLEAR", involvements, now });
}

/**
 * The public (TLP:CLEAR) CSAF document of a disclosed advisory: once the CSAF directory has published it, exactly that
 * version (the same bytes once serialised, so its hashes and signature hold here too, and its self URL serves what
 * the directory serves); until then, built now.
 */
export async function getPublicCsaf(noticeId: string, reference?: string): Promise<CsafDocument> {
  const notice = await disclosed(noticeId, reference);
  const published = await getDb().csafPublication.findFirst({ where: { noticeId: notice.id }, orderBy: { version: "desc" }, select: { body: true } });
  if (published) return JSON.parse(published.body) as CsafDocument;
  return publicCsafOf(await getProjectInfo(), notice, new Date());
}

/**
 * The embargoed (TLP:AMBER) CSAF document for a maintainer or an addressed member who accepted the terms. Its
 * involvements speak of the viewer's own organisation only (a maintainer sees the totals): never of other recipients.
 * Each fetch is audited, as a view of the notice is. A member's copy carries their organisation's "csaf" mark in its
 * prose (leak tracing, lib/notices/copy-marks.ts); a maintainer's is the clean original.
 */
export async function getEmbargoedCsaf(viewer: Viewer, noticeId: string, request: RequestInfo, reference?: string): Promise<CsafDocument> {
  // A vendor who still owes their second factor reads nothing of a notice, in any form.
  if (viewer.kind === "vendor") vendorOnly(viewer);
  const scope = amberScope(viewer);
  if (!scope) throw new NotFoundError();
  const notice = await getDb().notice.findFirst({ where: { ...scope, id: bounded(noticeId), ...named(reference) }, select: EXPORT_SELECT });
  if (!notice) throw new NotFoundError();
  const involvements: Involvement[] = [{ party: "coordinator", status: "in_progress", date: notice.sentAt ?? notice.createdAt, summary: `Under embargo until ${notice.disclosureAt.toISOString()}.` }];
  if (viewer.kind === "vendor") {
    const mine = await getDb().noticeRecipient.findFirst({ where: { noticeId: notice.id, organisationId: viewer.organisationId }, select: { notifiedAt: true, acknowledgedAt: true } });
    if (mine) {
      involvements.push(
        mine.acknowledgedAt
          ? { party: "vendor", status: "in_progress", date: mine.acknowledgedAt, summary: "Your organisation acknowledged this advance notice." }
          : { party: "vendor", status: "contact_attempted", date: mine.notifiedAt, summary: "Your organisation has not acknowledged this advance notice yet." },
      );
    }
  } else if (canManageNotices(viewer)) {
    const [addressed, acknowledged] = await Promise.all([
      getDb().noticeRecipient.count({ where: { noticeId: notice.id, removedAt: null } }),
      getDb().noticeRecipient.count({ where: { noticeId: notice.id, removedAt: null, acknowledgedAt: { not: null } } }),
    ]);
    involvements.push({ party: "vendor", status: acknowledged === addressed ? "in_progress" : "contact_attempted", date: notice.sentAt ?? notice.createdAt, summary: `${acknowledged} of ${addressed} addressed organisations acknowledged.` });
  }
  if (viewer.kind !== "anonymous") {
    await recordAudit({ actor: { id: viewer.userId, email: viewer.email }, action: "notice.csaf-downloaded", target: { type: "notice", id: notice.id }, ip: request.ip, details: { tlp: "AMBER", ...(viewer.kind === "vendor" ? { organisationId: viewer.organisationId } : {}) } });
  }
  const mark = viewer.kind === "vendor" ? noticeCopyCode("csaf", notice, viewer.organisationId) : null;
  return toCsaf(await getProjectInfo(), markNoticeProse(toAdvisoryRecord(notice), mark), { tlp: "AMBER", involvements, now: new Date() });
}

/**
 * The Atom feed of disclosed advisories, newest first, and of the public pre-announcements (date, severity and
 * version range only). An advisory that was pre-announced keeps its pre-announcement's entry id.
 */
export async function getAtomFeed(): Promise<string> {
  const [rows, preAnnouncements] = await Promise.all([getDb().notice.findMany({ where: { state: "DISCLOSED" }, orderBy: { disclosedAt: "desc" }, take: 50, select: EXPORT_SELECT }), listPublicPreAnnouncements()]);
  const project = await getProjectInfo();
  const earlier = await preAnnouncementsOf(rows.map((r) => r.id));
  const entryIds = new Map([...earlier].map(([noticeId, p]) => [noticeId, preAnnouncementEntryId(project.siteUrl, p.slug, p.publishedAt)]));
  return toAtomFeed(project, rows.map(toAdvisoryRecord), { now: rows[0]?.updatedAt ?? new Date(0), selfUrl: `${project.siteUrl}/advisories/feed.xml`, preAnnouncements, entryIds });
}

/**
 * The public index, newest first, optionally narrowed by a search: a CVE id (exact), a package name (exact, any
 * ecosystem), or words of the reference or title. One page: `take` advisories from `skip` on.
 */
export async function searchPublicAdvisories(query: string, { take = 100, skip = 0 }: { take?: number; skip?: number } = {}) {
  // Without NULs: PostgreSQL takes none in a text value, and anyone can type one into the address bar.
  const q = withoutNul(query).trim().slice(0, 100);
  const cve = q.toUpperCase();
  const where = q
    ? {
        state: "DISCLOSED" as const,
        OR: [
          ...(/^CVE-\d{4}-\d{4,7}$/.test(cve) ? [{ cveIds: { has: cve } }] : []),
          { affectedPackages: { array_contains: [{ name: q }] } },
          { reference: { equals: q.toUpperCase() } },
          { title: { contains: q, mode: "insensitive" as const } },
        ],
      }
    : { state: "DISCLOSED" as const };
  const rows = await getDb().notice.findMany({
    where,
    // The id breaks ties, so that pages neither repeat nor skip an advisory disclosed in the same millisecond.
    orderBy: [{ disclosedAt: "desc" }, { id: "asc" }],
    take,
    skip,
    select: { id: true, reference: true, title: true, summary: true, cveIds: true, severity: true, cvssScore: true, disclosedAt: true, affectedPackages: true },
  });
  const project = await getProjectInfo();
  const earlier = await preAnnouncementsOf(rows.map((r) => r.id));
  return rows.map(({ affectedPackages, ...row }) => ({
    ...row,
    osvId: osvId(project, row),
    // Where its pre-announcement was on this page: an old link to it lands on the advisory.
    anchor: earlier.has(row.id) ? preAnnouncementAnchor(earlier.get(row.id)!.slug) : null,
    packages: [...new Set(affectedOf(affectedPackages).map((p) => (p.ecosystem ? `${p.ecosystem} ${p.name}` : p.name)))],
  }));
}

/** The public pre-announcements as the index shows them: the rendered words and when they last changed. */
export async function listUpcomingReleases(): Promise<Array<RenderedPreAnnouncement & { anchor: string; disclosureAt: Date; changedAt: Date }>> {
  const [rows, project] = await Promise.all([listPublicPreAnnouncements(), getProjectInfo()]);
  return rows.map((p) => ({ ...renderPreAnnouncement(project.name, p), anchor: preAnnouncementAnchor(p.slug), disclosureAt: p.disclosureAt, changedAt: p.changedAt }));
}

/** The sitemap's entries: the public pages and every disclosed advisory (nothing else is public). */
export async function listSitemapEntries(): Promise<Array<{ url: string; lastModified: Date }>> {
  const project = await getProjectInfo();
  const rows = await getDb().notice.findMany({ where: { state: "DISCLOSED" }, orderBy: { disclosedAt: "desc" }, select: { id: true, updatedAt: true } });
  return [
    { url: `${project.siteUrl}/advisories`, lastModified: rows[0]?.updatedAt ?? new Date(0) },
    ...rows.map((r) => ({ url: `${project.siteUrl}/advisories/${r.id}`, lastModified: r.updatedAt })),
  ];
}
