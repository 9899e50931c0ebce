import "server-only";
// What needs a maintainer now, read for the maintainer's home and the summary sections of a notice's page:
// questions from vendors nobody answered yet, organisations still silent shortly before a disclosure, and a
// notice's own figures (acknowledgements, emails, threads). Maintainers only (`manager`); a fixed number of queries
// whatever the number of notices, organisations or messages.
import { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import { NotFoundError } from "@/lib/server/errors";
import type { Viewer } from "@/lib/server/viewer-types";
import { silentWarningWindowHours, VENDOR_VISIBLE_STATES } from "../policy";
import { manager, topicOf } from "./shared";
import { type DeliverySummary } from "./tracking";
import { trackingStats, type TrackingStats } from "./tracking-stats";

/** At most this many rows per list on the home page; the count says how many there are in all. */
export const ATTENTION_LIMIT = 20;

export type UnansweredQuestion = {
  noticeId: string;
  reference: string;
  recipientId: string;
  organisation: string;
  /** The vendor's messages since the last maintainer message (or since the thread began). */
  waiting: number;
  /** When the oldest of them was written: the longer, the more urgent. */
  since: Date;
};

/**
 * Threads whose last message comes from the vendor: a question nobody answered. Only where an answer is possible —
 * the notice is embargoed or disclosed and the organisation still receives it. Oldest first.
 */
export async function listUnansweredQuestions(viewer: Viewer): Promise<{ total: number; items: UnansweredQuestion[] }> {
  manager(viewer);
  const rows = await getDb().$queryRaw<Array<UnansweredQuestion & { total: number }>>`
    WITH last_answer AS (
      SELECT "recipientId", max(at) AS at FROM "NoticeMessage" WHERE "fromMaintainer" GROUP BY "recipientId"
    ), waiting AS (
      SELECT m."recipientId", count(*)::int AS waiting, min(m.at) AS since
      FROM "NoticeMessage" m LEFT JOIN last_answer a ON a."recipientId" = m."recipientId"
      WHERE NOT m."fromMaintainer" AND (a.at IS NULL OR m.at > a.at)
      GROUP BY m."recipientId"
    )
    SELECT n.id AS "noticeId", n.reference, r.id AS "recipientId", o.name AS organisation, w.waiting, w.since, count(*) OVER ()::int AS total
    FROM waiting w
      JOIN "NoticeRecipient" r ON r.id = w."recipientId"
      JOIN "Notice" n ON n.id = r."noticeId"
      JOIN "Organisation" o ON o.id = r."organisationId"
    WHERE r."removedAt" IS NULL AND n.state::text = ANY(${[...VENDOR_VISIBLE_STATES]}::text[])
    ORDER BY w.since ASC, r.id ASC
    LIMIT ${ATTENTION_LIMIT}`;
  return { total: rows[0]?.total ?? 0, items: rows.map(({ total: _total, ...row }) => row) };
}

export type SilentNearDisclosure = {
  noticeId: string;
  reference: string;
  title: string;
  disclosureAt: Date;
  /** Active organisations that received the notice and have not acknowledged it. */
  silent: number;
  /** The first few of them, by name. */
  names: string[];
};

/**
 * Embargoed notices whose disclosure is within the warning window (policy: FOREWARN_EMBARGO_WARN_HOURS, at least
 * 48 hours) and that active organisations have not acknowledged yet: the last chance to remind or call them.
 * Soonest first.
 */
export async function listSilentNearDisclosure(viewer: Viewer, now = new Date()): Promise<{ windowHours: number; items: SilentNearDisclosure[] }> {
  manager(viewer);
  const windowHours = silentWarningWindowHours(getConfig().notices.embargo.warnHours);
  const silent = { acknowledgedAt: null, removedAt: null, organisation: { status: "ACTIVE" as const } };
  const notices = await getDb().notice.findMany({
    where: { state: "EMBARGOED", disclosureAt: { gt: now, lte: new Date(now.getTime() + windowHours * 3_600_000) }, recipients: { some: silent } },
    orderBy: [{ disclosureAt: "asc" }, { id: "asc" }],
    take: ATTENTION_LIMIT,
    select: {
      id: true,
      reference: true,
      title: true,
      disclosureAt: true,
      _count: { select: { recipients: { where: silent } } },
      recipients: { where: silent, orderBy: { organisation: { name: "asc" } }, take: 3, select: { organisation: { select: { name: true } } } },
    },
  });
  return {
    windowHours,
    items: notices.map((n) => ({ noticeId: n.id, reference: n.reference, title: n.title, disclosureAt: n.disclosureAt, silent: n._count.recipients, names: n.recipients.map((r) => r.organisation.name) })),
  };
}

export type ThreadSummary = { recipientId: string; organisation: string; messages: number; lastAt: Date; awaitingAnswer: boolean; removed: boolean };

export type NoticeOverview = {
  stats: TrackingStats;
  /** Every email to the organisations about the notice (sending, updates, reminders), by status. */
  delivery: DeliverySummary;
  /** The organisations' threads that have messages: unanswered first, then the latest. */
  threads: ThreadSummary[];
  /** Threads with messages beyond those shown. */
  moreThreads: number;
  /** What needs the maintainer: threads awaiting an answer; silent organisations when disclosure is near. */
  attention: { unanswered: number; silentSoon: number };
};

const THREADS_SHOWN = 25;

/** The figures of a sent notice for its page: acknowledgements, emails and the threads, in four queries. */
export async function getNoticeOverview(viewer: Viewer, noticeId: string, now = new Date()): Promise<NoticeOverview> {
  manager(viewer);
  const db = getDb();
  const notice = await db.notice.findUnique({ where: { id: noticeId }, select: { state: true, disclosureAt: true } });
  if (!notice) throw new NotFoundError();
  const [stats, groups, threads] = await Promise.all([
    trackingStats(noticeId),
    // The emails to the organisations (not the maintainers' own notifications about the notice).
    db.outboxEmail.groupBy({ by: ["status"], where: { dispatch: { topic: topicOf(noticeId) }, organisationId: { not: null } }, _count: { _all: true } }),
    db.$queryRaw<Array<ThreadSummary & { total: number; unanswered: number }>>`
      SELECT r.id AS "recipientId", o.name AS organisation, count(m.id)::int AS messages, max(m.at) AS "lastAt",
             NOT (array_agg(m."fromMaintainer" ORDER BY m.at DESC, m.id DESC))[1] AS "awaitingAnswer",
             (r."removedAt" IS NOT NULL) AS removed, count(*) OVER ()::int AS total,
             sum((NOT (array_agg(m."fromMaintainer" ORDER BY m.at DESC, m.id DESC))[1] AND r."removedAt" IS NULL)::int) OVER ()::int AS unanswered
      FROM "NoticeRecipient" r
        JOIN "Organisation" o ON o.id = r."organisationId"
        JOIN "NoticeMessage" m ON m."recipientId" = r.id
      WHERE r."noticeId" = ${noticeId}
      GROUP BY r.id, o.name
      ORDER BY (NOT (array_agg(m."fromMaintainer" ORDER BY m.at DESC, m.id DESC))[1] AND r."removedAt" IS NULL) DESC, max(m.at) DESC, r.id
      LIMIT ${THREADS_SHOWN}`,
  ]);
  const delivery: DeliverySummary = { emails: 0, queued: 0, sent: 0, delivered: 0, bounced: 0, complained: 0, failed: 0 };
  for (const g of groups) {
    delivery.emails += g._count._all;
    delivery[g.status.toLowerCase() as Exclude<keyof DeliverySummary, "emails">] += g._count._all;
  }
  const total = threads[0]?.total ?? 0;
  const windowMs = silentWarningWindowHours(getConfig().notices.embargo.warnHours) * 3_600_000;
  const near = notice.state === "EMBARGOED" && notice.disclosureAt.getTime() - now.getTime() <= windowMs;
  return {
    stats,
    delivery,
    threads: threads.map(({ total: _total, unanswered: _unanswered, ...t }) => ({ ...t, awaitingAnswer: t.awaitingAnswer && !t.removed })),
    moreThreads: Math.max(0, total - threads.length),
    attention: { unanswered: threads[0]?.unanswered ?? 0, silentSoon: near ? stats.organisations - stats.acknowledged : 0 },
  };
}
