import "server-only";
// The public pre-announcement of an embargoed notice: published by an explicit maintainer action after a preview,
// kept in step when the date or the severity moves (in the transaction of that change), cancelled when the notice is
// withdrawn, and replaced by the advisory at disclosure (lib/advisories). Its words come from ../pre-announcement.ts
// alone; every public read here selects the pre-announcement's own columns and nothing of the notice.
import { randomBytes } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { prepareDispatch, type PreparedDispatch } from "@/lib/mail/data";
import { getProjectSettings } from "@/lib/settings/data";
import { canPreAnnounce, preAnnouncementRefusal } from "../policy";
import { preAnnouncementEmail, renderPreAnnouncement, type PreAnnouncementEmailKind, type PreAnnouncementFacts } from "../pre-announcement";
import { proposedVersionRange, publicSeverity } from "../pre-announcement-facts";
import { actor, lockNotice, topicOf } from "./shared";

type Tx = Prisma.TransactionClient;

/** The columns a public read may select: the facts the pre-announcement publishes, and its times. */
export const PUBLIC_PRE_ANNOUNCEMENT_SELECT = { slug: true, disclosureAt: true, severity: true, versionRange: true, cancelledAt: true, publishedAt: true, changedAt: true } as const;
export type PublicPreAnnouncement = PreAnnouncementFacts & { publishedAt: Date; changedAt: Date };

/** How long a cancelled pre-announcement stays listed after its planned date, so that those who planned for it see why nothing came. */
const CANCELLED_LISTED_MS = 14 * 24 * 3_600_000;

const SEVERITY_SELECT = { cvssVector: true, cvssScore: true, severity: true } as const;

export type PreAnnouncementPanel = {
  /** Why it cannot be published now (null: it can). */
  refusal: string | null;
  projectName: string;
  announceAddress: string | null;
  /** The facts the preview renders with: the notice's as they are now, and the range typed or proposed. */
  facts: PreAnnouncementFacts;
  /** Proposed from the notice's structured affected ranges ("" when there are none). */
  proposedRange: string;
  published: PublicPreAnnouncement | null;
  /** The notice was disclosed: the pre-announcement became its advisory. */
  disclosed: boolean;
};

/** The maintainer's panel on the notice page: the preview's facts and what is published already. */
export async function getPreAnnouncementPanel(viewer: Viewer, noticeId: string, now = new Date()): Promise<PreAnnouncementPanel> {
  if (!canPreAnnounce(viewer)) throw new NotFoundError();
  const notice = await getDb().notice.findUnique({
    where: { id: noticeId },
    select: { state: true, disclosureAt: true, affectedPackages: true, ...SEVERITY_SELECT, preAnnouncement: { select: PUBLIC_PRE_ANNOUNCEMENT_SELECT } },
  });
  if (!notice) throw new NotFoundError();
  const settings = await getProjectSettings();
  const severity = publicSeverity(notice);
  const proposedRange = proposedVersionRange(notice.affectedPackages);
  const published = notice.preAnnouncement;
  return {
    refusal: preAnnouncementRefusal({ state: notice.state, rated: severity !== null, disclosureAt: notice.disclosureAt, queuing: await sendQueuing(getDb(), noticeId) }, now),
    projectName: settings.name,
    announceAddress: settings.announceAddress,
    facts: { slug: published?.slug ?? "", disclosureAt: notice.disclosureAt, severity: severity ?? "", versionRange: published?.versionRange ?? proposedRange, cancelledAt: null },
    proposedRange,
    published,
    disclosed: notice.state === "DISCLOSED",
  };
}

async function announceListEmail(facts: PreAnnouncementFacts, kind: PreAnnouncementEmailKind, noticeId: string, createdById: string | null): Promise<PreparedDispatch | null> {
  const settings = await getProjectSettings();
  if (!settings.announceAddress) return null;
  const email = preAnnouncementEmail(settings.name, getConfig().publicUrl.replace(/\/$/, ""), facts, kind);
  // The label and topic are the maintainers' own (Deliveries); the email itself carries only the public words.
  return prepareDispatch({ purpose: `notice.pre-announcement-${kind}`, label: `Pre-announcement ${facts.slug}: ${kind}`, topic: topicOf(noticeId), createdById, emails: [{ to: settings.announceAddress, ...email }], evenIfKeyUnusable: kind === "cancelled" });
}

/** Whether the notice's send is still writing its recipients and emails (./send-chunks.ts). */
async function sendQueuing(db: Tx | ReturnType<typeof getDb>, noticeId: string): Promise<boolean> {
  return (await db.noticeSend.count({ where: { noticeId, finishedAt: null } })) > 0;
}

/**
 * Publishes the pre-announcement of an embargoed notice — or corrects its version range — exactly as previewed:
 * `previewed` must be the text the maintainer confirmed, rendered again here from the notice as it is now; if the
 * date or severity moved in between, nothing is published. The announce list is emailed in the same transaction.
 */
export async function publishPreAnnouncement(viewer: Viewer, input: { noticeId: string; versionRange: string; previewed: string }, request: RequestInfo): Promise<{ slug: string; created: boolean }> {
  if (!canPreAnnounce(viewer) || viewer.kind !== "maintainer") throw new NotFoundError();
  // The two-person rule (issue 14) plugs in here: this is the only path by which a pre-announcement becomes public.
  const db = getDb();
  const notice = await db.notice.findUnique({ where: { id: input.noticeId }, select: { id: true, state: true, disclosureAt: true, ...SEVERITY_SELECT, preAnnouncement: { select: { slug: true, versionRange: true, cancelledAt: true } } } });
  if (!notice) throw new NotFoundError();
  const severity = publicSeverity(notice);
  const refusal = preAnnouncementRefusal({ state: notice.state, rated: severity !== null, disclosureAt: notice.disclosureAt, queuing: await sendQueuing(db, notice.id) }, new Date());
  if (refusal) throw new ConflictError(refusal);
  const existing = notice.preAnnouncement;
  const facts: PreAnnouncementFacts = { slug: existing?.slug ?? randomBytes(6).toString("hex"), disclosureAt: notice.disclosureAt, severity: severity!, versionRange: input.versionRange, cancelledAt: null };
  const { name } = await getProjectSettings();
  const rendered = renderPreAnnouncement(name, facts);
  if (rendered.text !== input.previewed) throw new ConflictError("The notice changed since the preview was shown (its date, severity or the project's name): check the preview again, then confirm.");
  if (existing && existing.versionRange === input.versionRange) throw new ValidationError("This is already what is published: change the version range to correct it.", { versionRange: ["Unchanged."] });
  const email = await announceListEmail(facts, existing ? "updated" : "published", notice.id, viewer.userId);
  await db.$transaction(async (tx) => {
    const locked = await lockNotice(tx, notice.id);
    if (locked?.state !== "EMBARGOED" || locked.disclosureAt.getTime() !== notice.disclosureAt.getTime()) throw new ConflictError("The notice changed a moment ago; nothing was published. Check the preview again.");
    const now = new Date();
    // Read through the transaction (PGlite has one connection); a send, once finished, never goes back to queuing.
    if (await sendQueuing(tx, notice.id)) throw new ConflictError(preAnnouncementRefusal({ state: "EMBARGOED", rated: true, disclosureAt: notice.disclosureAt, queuing: true }, now)!);
    const data = { versionRange: facts.versionRange, disclosureAt: facts.disclosureAt, severity: facts.severity, changedAt: now };
    if (existing) await tx.preAnnouncement.update({ where: { noticeId: notice.id }, data });
    else await tx.preAnnouncement.create({ data: { ...data, slug: facts.slug, noticeId: notice.id, publishedAt: now, createdById: viewer.userId } });
    await email?.write(tx);
    // The public words are in the details: they are public, and the audit says exactly what was published.
    await recordAudit({ actor: actor(viewer), action: existing ? "notice.pre-announcement-updated" : "notice.pre-announced", target: { type: "notice", id: notice.id }, ip: request.ip, details: { slug: facts.slug, text: rendered.text, emailed: !!email } }, tx);
  });
  return { slug: facts.slug, created: !existing };
}

/**
 * The announce list's email about a pre-announced notice's new disclosure time, prepared before the date change's
 * transaction (null: not pre-announced, cancelled, or no list). Those who planned staff around the first date must
 * hear of the new one as they heard of the first: the web page and feed alone would be missed.
 */
export async function preparePreAnnouncementMoved(noticeId: string, disclosureAt: Date, createdById: string | null): Promise<PreparedDispatch | null> {
  const row = await getDb().preAnnouncement.findUnique({ where: { noticeId }, select: PUBLIC_PRE_ANNOUNCEMENT_SELECT });
  if (!row || row.cancelledAt) return null;
  return announceListEmail({ ...row, disclosureAt }, "updated", noticeId, createdById);
}

/** The announce list's email that a pre-announced release is cancelled (the notice is withdrawn); null as above. */
export async function preparePreAnnouncementCancelled(noticeId: string, createdById: string | null): Promise<PreparedDispatch | null> {
  const row = await getDb().preAnnouncement.findUnique({ where: { noticeId }, select: PUBLIC_PRE_ANNOUNCEMENT_SELECT });
  if (!row || row.cancelledAt) return null;
  return announceListEmail({ ...row, cancelledAt: new Date() }, "cancelled", noticeId, createdById);
}

/**
 * In the transaction of a change to the notice (a new date, a revision): the published date and severity follow the
 * notice, and the change time moves (the feed entry's `updated`). Returns whether the public text changed.
 */
export async function syncPreAnnouncement(tx: Tx, noticeId: string): Promise<boolean> {
  const row = await tx.preAnnouncement.findUnique({ where: { noticeId }, select: { disclosureAt: true, severity: true, cancelledAt: true, notice: { select: { disclosureAt: true, ...SEVERITY_SELECT } } } });
  if (!row || row.cancelledAt) return false;
  // A notice whose rating was removed keeps the severity it was announced with.
  const severity = publicSeverity(row.notice) ?? row.severity;
  if (row.disclosureAt.getTime() === row.notice.disclosureAt.getTime() && row.severity === severity) return false;
  await tx.preAnnouncement.update({ where: { noticeId }, data: { disclosureAt: row.notice.disclosureAt, severity, changedAt: new Date() } });
  return true;
}

/** In the withdrawal's transaction: the pre-announcement says only that the release is cancelled. */
export async function cancelPreAnnouncement(tx: Tx, noticeId: string): Promise<boolean> {
  const { count } = await tx.preAnnouncement.updateMany({ where: { noticeId, cancelledAt: null }, data: { cancelledAt: new Date(), changedAt: new Date() } });
  return count > 0;
}

/**
 * What the public sees, soonest first: the pre-announcements of notices still under embargo, and cancelled ones
 * until two weeks after their planned date. A disclosed notice's pre-announcement is its advisory now.
 */
export async function listPublicPreAnnouncements(now = new Date()): Promise<PublicPreAnnouncement[]> {
  return getDb().preAnnouncement.findMany({
    where: { OR: [{ cancelledAt: null, notice: { state: "EMBARGOED" } }, { cancelledAt: { not: null }, disclosureAt: { gt: new Date(now.getTime() - CANCELLED_LISTED_MS) } }] },
    orderBy: [{ disclosureAt: "asc" }, { slug: "asc" }],
    take: 50,
    select: PUBLIC_PRE_ANNOUNCEMENT_SELECT,
  });
}

/** The pre-announcements of these (disclosed) notices, by notice id: their advisories keep the feed entry's id. */
export async function preAnnouncementsOf(noticeIds: string[]): Promise<Map<string, { slug: string; publishedAt: Date }>> {
  if (noticeIds.length === 0) return new Map();
  const rows = await getDb().preAnnouncement.findMany({ where: { noticeId: { in: noticeIds } }, select: { noticeId: true, slug: true, publishedAt: true } });
  return new Map(rows.map((r) => [r.noticeId, { slug: r.slug, publishedAt: r.publishedAt }]));
}
