import "server-only";
// A vendor member's private iCalendar feed: the URL carries a secret, only its hash is stored. The feed acts as its
// owner, with the same checks as an API token on every fetch (owner and organisation active), and lists the
// upcoming disclosures through the notices data layer (reference, time and link only).
import { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import { NotFoundError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { consumeAttempt } from "@/lib/rate-limit/data";
import { clientKey } from "@/lib/rate-limit/policy";
import { listUpcomingDisclosures } from "@/lib/notices/data";
import { noticeLink } from "@/lib/notices/mail";
import { toICalendar } from "@/lib/advisories/formats/ical";
import { getProjectInfo } from "@/lib/advisories/source";
import { parseFeedFile, shouldAuditFeedFetch } from "../policy";
import { hashCalendarSecret, newCalendarSecret } from "../secrets";
import { actorOf, credentialHolder } from "./tokens";
import { actingViewer, OWNER_SELECT } from "./owner";

export function calendarFeedUrl(publicUrl: string, secret: string): string {
  return `${publicUrl}/calendar/${secret}.ics`;
}

export type CalendarFeedInfo = { createdAt: Date; rotatedAt: Date | null; lastFetchedAt: Date | null } | null;

/** Whether the viewer has a feed, and when it was made and last fetched (its URL cannot be shown again). */
export async function getCalendarFeed(viewer: Viewer): Promise<CalendarFeedInfo> {
  const me = credentialHolder(viewer);
  return getDb().calendarFeed.findUnique({ where: { userId: me.userId }, select: { createdAt: true, rotatedAt: true, lastFetchedAt: true } });
}

/** A new secret URL for the viewer's feed (made on first use); the previous URL stops working in the same write. */
export async function rotateCalendarFeed(viewer: Viewer, request: RequestInfo): Promise<{ url: string }> {
  const me = credentialHolder(viewer);
  const secret = newCalendarSecret();
  const secretHash = hashCalendarSecret(secret);
  await getDb().$transaction(async (tx) => {
    const now = new Date();
    const feed = await tx.calendarFeed.upsert({
      where: { userId: me.userId },
      create: { userId: me.userId, secretHash },
      update: { secretHash, rotatedAt: now, lastFetchedAt: null, lastFetchedIp: null },
      select: { id: true, rotatedAt: true },
    });
    await recordAudit({ actor: actorOf(me), action: feed.rotatedAt ? "calendar.feed.rotated" : "calendar.feed.created", target: { type: "calendar-feed", id: feed.id }, ip: request.ip, details: { organisationId: me.organisationId } }, tx);
  });
  return { url: calendarFeedUrl(getConfig().publicUrl, secret) };
}

/** Turns the viewer's feed off: its URL stops working; a new one can be made later. */
export async function deleteCalendarFeed(viewer: Viewer, request: RequestInfo): Promise<void> {
  const me = credentialHolder(viewer);
  await getDb().$transaction(async (tx) => {
    const feed = await tx.calendarFeed.findUnique({ where: { userId: me.userId }, select: { id: true } });
    if (!feed) throw new NotFoundError();
    await tx.calendarFeed.delete({ where: { id: feed.id } });
    await recordAudit({ actor: actorOf(me), action: "calendar.feed.deleted", target: { type: "calendar-feed", id: feed.id }, ip: request.ip, details: { organisationId: me.organisationId } }, tx);
  });
}

export type CalendarAnswer = { ok: true; ics: string } | { ok: false; reason: "not-found" } | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

/**
 * The iCalendar text for the feed named by the URL's last segment (`fwc_….ics`), or "not found" for a malformed,
 * unknown or rotated secret and for an owner or organisation that is no longer active.
 */
export async function calendarForFeed(file: string, request: RequestInfo): Promise<CalendarAnswer> {
  const secret = parseFeedFile(file);
  if (!secret) return { ok: false, reason: "not-found" };
  const limited = await consumeAttempt([["calendarPerIp", clientKey(request.ip)]]);
  if (!limited.allowed) return { ok: false, reason: "rate-limited", retryAfterSeconds: limited.retryAfterSeconds };
  const db = getDb();
  const feed = await db.calendarFeed.findUnique({
    where: { secretHash: hashCalendarSecret(secret) },
    select: {
      id: true,
      lastFetchedAt: true,
      lastFetchedIp: true,
      user: { select: OWNER_SELECT },
    },
  });
  if (!feed) return { ok: false, reason: "not-found" };
  const now = new Date();
  const acting = actingViewer(feed.user, { id: feed.id, kind: "calendar-feed", revokedAt: null, expiresAt: null }, now);
  if ("refusal" in acting) return { ok: false, reason: "not-found" };
  const { viewer } = acting;
  const notices = await listUpcomingDisclosures(viewer);
  if (shouldAuditFeedFetch({ at: feed.lastFetchedAt, ip: feed.lastFetchedIp }, request.ip, now)) {
    await db.$transaction(async (tx) => {
      await tx.calendarFeed.updateMany({ where: { id: feed.id }, data: { lastFetchedAt: now, lastFetchedIp: request.ip } });
      await recordAudit({ actor: actorOf(viewer), action: "calendar.feed.fetched", target: { type: "calendar-feed", id: feed.id }, ip: request.ip, details: { organisationId: viewer.organisationId, events: notices.length } }, tx);
    });
  }
  const { publicUrl } = getConfig();
  const project = await getProjectInfo();
  const items = notices.map((n) => ({ id: n.id, reference: n.reference, disclosureAt: n.disclosureAt, sequence: n.sequence, changedAt: n.changedAt, cancelled: n.cancelled, url: noticeLink(publicUrl, n.id) }));
  return { ok: true, ics: toICalendar(project, items, { now, name: `${project.name}: embargoed disclosures` }) };
}
