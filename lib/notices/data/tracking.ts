import "server-only";
// Tracking (maintainers): per notice, every addressed organisation with when it was notified, first viewed, accepted
// the terms, acknowledged (and by whom), its feedback, statement and email delivery; reminders to the silent ones
// (by hand, and automatically after a delay, through the job engine); timeline figures. The matrix is paged (the
// figures cover every organisation, computed in SQL): a fixed number of queries and rows per page, whatever the
// number of organisations.
import { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";
import { queryPrepared } from "@/lib/server/db/prepared";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { actor, lockNotice, manager, topicOf } from "./shared";
import { prepareNotification } from "./notifications";
import { TRACKING_STATUSES } from "../schemas";
import { STATS_COLUMNS, statsOf, type StatsColumns, type TrackingStats } from "./tracking-stats";

export type DeliverySummary = { emails: number; queued: number; sent: number; delivered: number; bounced: number; complained: number; failed: number };

export type TrackingRow = {
  recipientId: string;
  organisationId: string;
  organisation: string;
  notifiedAt: Date;
  firstViewedAt: Date | null;
  termsAcceptedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  feedback: string | null;
  statement: string | null;
  statementComment: string | null;
  remindedAt: Date | null;
  reminders: number;
  /** Messages in the organisation's private thread. */
  messages: number;
  delivery: DeliverySummary;
  /** Added after the notice was sent (when: notifiedAt), by whom and why; null for the organisations it was sent to. */
  added: { by: string | null; reason: string } | null;
  /** Removed under embargo: still listed, counted nowhere else. */
  removed: { at: Date; by: string | null; reason: string } | null;
};

export type { TrackingStats };

export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

export type TrackingFilter = { status?: TrackingStatus | undefined; q?: string | undefined; page?: number | undefined };

/** Rows per page of the matrix: a notice can go to thousands of organisations, a page shows this many. */
export const TRACKING_PAGE_SIZE = 50;

export type TrackingPage = { page: number; pages: number; pageSize: number; /** Rows matching the filter and search. */ matching: number };

const EMPTY: DeliverySummary = { emails: 0, queued: 0, sent: 0, delivered: 0, bounced: 0, complained: 0, failed: 0 };

const RECIPIENT_SELECT = {
  id: true,
  organisationId: true,
  notifiedAt: true,
  firstViewedAt: true,
  acknowledgedAt: true,
  acknowledgedById: true,
  feedback: true,
  statement: true,
  statementComment: true,
  remindedAt: true,
  reminders: true,
  addedById: true,
  addReason: true,
  removedAt: true,
  removedById: true,
  removeReason: true,
  organisation: { select: { name: true } },
} as const;

type RecipientRow = Prisma.NoticeRecipientGetPayload<{ select: typeof RECIPIENT_SELECT }>;

function recipientWhere(noticeId: string, filter: TrackingFilter): Prisma.NoticeRecipientWhereInput {
  return {
    noticeId,
    ...(filter.status === "acknowledged" ? { acknowledgedAt: { not: null }, removedAt: null } : filter.status === "not-acknowledged" ? { acknowledgedAt: null, removedAt: null } : {}),
    ...(filter.q ? { organisation: { name: { contains: filter.q, mode: "insensitive" as const } } } : {}),
  };
}

/**
 * The matrix's columns for some recipients of a notice: four grouped reads, however many rows. `all`: every
 * recipient of the notice (the CSV), read by notice rather than by a list of ids.
 */
async function detailRows(noticeId: string, recipients: RecipientRow[], all: boolean): Promise<TrackingRow[]> {
  const db = getDb();
  const ids = recipients.map((r) => r.id);
  const byRecipient = all ? { recipient: { noticeId } } : { recipientId: { in: ids } };
  const ackerIds = [...new Set(recipients.flatMap((r) => [r.acknowledgedById, r.addedById, r.removedById]).filter((v): v is string => !!v))];
  const [terms, deliveries, threads, ackers] = await Promise.all([
    db.noticeTermsAcceptance.groupBy({ by: ["recipientId"], where: byRecipient, _min: { acceptedAt: true } }),
    db.outboxEmail.groupBy({
      by: ["organisationId", "status"],
      where: { dispatch: { topic: topicOf(noticeId) }, organisationId: all ? { not: null } : { in: recipients.map((r) => r.organisationId) } },
      _count: { _all: true },
    }),
    db.noticeMessage.groupBy({ by: ["recipientId"], where: byRecipient, _count: { _all: true } }),
    db.user.findMany({ where: { id: { in: ackerIds } }, select: { id: true, email: true } }),
  ]);
  const messageCount = new Map(threads.map((t) => [t.recipientId, t._count._all]));
  const ackerEmail = new Map(ackers.map((u) => [u.id, u.email]));
  const termsAt = new Map(terms.map((t) => [t.recipientId, t._min.acceptedAt]));
  const delivery = new Map<string, DeliverySummary>();
  for (const d of deliveries) {
    const s = delivery.get(d.organisationId!) ?? { ...EMPTY };
    s.emails += d._count._all;
    s[d.status.toLowerCase() as Exclude<keyof DeliverySummary, "emails">] += d._count._all;
    delivery.set(d.organisationId!, s);
  }
  return recipients.map((r) => ({
    recipientId: r.id,
    organisationId: r.organisationId,
    organisation: r.organisation.name,
    notifiedAt: r.notifiedAt,
    firstViewedAt: r.firstViewedAt,
    termsAcceptedAt: termsAt.get(r.id) ?? null,
    acknowledgedAt: r.acknowledgedAt,
    acknowledgedBy: r.acknowledgedById ? (ackerEmail.get(r.acknowledgedById) ?? null) : null,
    feedback: r.feedback,
    statement: r.statement,
    statementComment: r.statementComment,
    remindedAt: r.remindedAt,
    reminders: r.reminders,
    messages: messageCount.get(r.id) ?? 0,
    delivery: delivery.get(r.organisationId) ?? { ...EMPTY },
    added: r.addedById ? { by: ackerEmail.get(r.addedById) ?? null, reason: r.addReason ?? "" } : null,
    removed: r.removedAt ? { at: r.removedAt, by: r.removedById ? (ackerEmail.get(r.removedById) ?? null) : null, reason: r.removeReason ?? "" } : null,
  }));
}

const NOTICE_HEAD = { id: true, reference: true, title: true, state: true, disclosureAt: true, disclosedAt: true, sentAt: true } as const;

type NoticeHead = Prisma.NoticeGetPayload<{ select: typeof NOTICE_HEAD }>;

/** The notice's head and its figures (trackingStats's, computed the same way) in one statement; null: no notice. */
async function trackingHead(noticeId: string): Promise<{ notice: NoticeHead; stats: TrackingStats } | null> {
  const [row] = await queryPrepared<NoticeHead & StatsColumns>(Prisma.sql`
    SELECT n."id", n."reference", n."title", n."state"::text AS "state", n."disclosureAt", n."disclosedAt", n."sentAt", ${STATS_COLUMNS}
    FROM "Notice" n LEFT JOIN "NoticeRecipient" r ON r."noticeId" = n."id"
    WHERE n."id" = ${noticeId}
    GROUP BY n."id"`);
  if (!row) return null;
  const { organisations, acknowledged, before, median_hours, removed, ...notice } = row;
  return { notice, stats: statsOf({ organisations, acknowledged, before, median_hours, removed }) };
}

/** `contains`, case-insensitive, as a LIKE pattern: the search's own % and _ match themselves. */
function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type PageRow = Omit<TrackingRow, "acknowledgedBy" | "delivery" | "added" | "removed"> & {
  acknowledgedBy: string | null;
  addedById: string | null;
  addedBy: string | null;
  addReason: string | null;
  removedAt: Date | null;
  removedBy: string | null;
  removedById: string | null;
  removeReason: string | null;
  delivery: Record<string, number> | null;
};

/**
 * One page of the matrix with every column (terms, thread, deliveries, who acknowledged, added or removed) in ONE
 * statement: the same rows, order and figures as detailRows over RECIPIENT_SELECT, for 50 rows whatever the number
 * of organisations.
 */
async function trackingPageRows(noticeId: string, filter: TrackingFilter, skip: number): Promise<TrackingRow[]> {
  const status =
    filter.status === "acknowledged"
      ? Prisma.sql`AND r."acknowledgedAt" IS NOT NULL AND r."removedAt" IS NULL`
      : filter.status === "not-acknowledged"
        ? Prisma.sql`AND r."acknowledgedAt" IS NULL AND r."removedAt" IS NULL`
        : Prisma.empty;
  const search = filter.q ? Prisma.sql`AND o."name" ILIKE ${containsPattern(filter.q)}` : Prisma.empty;
  // The page's 50 rows first, with their own columns (not joined back to the table by id: with statistics, the planner
  // hashed the whole table for that join), then every other table's columns, each read once for the page (its ids),
  // not once per row: a per-row subquery rescans its table for every row, and on PGlite each rescan of a bitmap scan
  // asks the file system for the table's size (fstatSync): 152 calls per view, measured; now a handful. Who
  // acknowledged, added or removed stays a lookup by primary key per row (as joins, the planner hashed every user).
  // A fixed text per filter (status, with or without a search): a prepared statement each.
  const rows = await queryPrepared<PageRow>(Prisma.sql`
    WITH page AS (
      SELECT r."id", r."organisationId", o."name", r."notifiedAt", r."firstViewedAt", r."acknowledgedAt", r."acknowledgedById",
             r."feedback", r."statement", r."statementComment", r."remindedAt", r."reminders",
             r."addedById", r."addReason", r."removedAt", r."removedById", r."removeReason"
      FROM "NoticeRecipient" r JOIN "Organisation" o ON o."id" = r."organisationId"
      WHERE r."noticeId" = ${noticeId} ${status} ${search}
      ORDER BY o."name" ASC, r."id" ASC
      OFFSET ${skip} LIMIT ${TRACKING_PAGE_SIZE}
    ),
    terms AS (
      SELECT t."recipientId", min(t."acceptedAt") AS "at" FROM "NoticeTermsAcceptance" t
      WHERE t."recipientId" = ANY (ARRAY(SELECT p."id" FROM page p)) GROUP BY t."recipientId"
    ),
    messages AS (
      SELECT y."recipientId", count(*)::int AS "n" FROM "NoticeMessage" y
      WHERE y."recipientId" = ANY (ARRAY(SELECT p."id" FROM page p)) GROUP BY y."recipientId"
    ),
    delivery AS (
      SELECT d."organisationId", json_object_agg(d."status", d."n") AS "delivery" FROM (
        SELECT e."organisationId", e."status"::text AS "status", count(*)::int AS "n"
        FROM "OutboxEmail" e JOIN "MailDispatch" m ON m."id" = e."dispatchId"
        WHERE m."topic" = ${topicOf(noticeId)} AND e."organisationId" = ANY (ARRAY(SELECT p."organisationId" FROM page p))
        GROUP BY e."organisationId", e."status") d
      GROUP BY d."organisationId"
    )
    SELECT p."id" AS "recipientId", p."organisationId", p."name" AS "organisation", p."notifiedAt", p."firstViewedAt",
           t."at" AS "termsAcceptedAt", p."acknowledgedAt", (SELECT u."email" FROM "User" u WHERE u."id" = p."acknowledgedById") AS "acknowledgedBy",
           p."feedback"::text AS "feedback", p."statement"::text AS "statement", p."statementComment", p."remindedAt", p."reminders",
           COALESCE(y."n", 0) AS "messages", d."delivery",
           p."addedById", (SELECT u."email" FROM "User" u WHERE u."id" = p."addedById") AS "addedBy", p."addReason",
           p."removedAt", p."removedById", (SELECT u."email" FROM "User" u WHERE u."id" = p."removedById") AS "removedBy", p."removeReason"
    FROM page p
    LEFT JOIN terms t ON t."recipientId" = p."id"
    LEFT JOIN messages y ON y."recipientId" = p."id"
    LEFT JOIN delivery d ON d."organisationId" = p."organisationId"
    ORDER BY p."name" ASC, p."id" ASC`);
  return rows.map(({ addedById, addedBy, addReason, removedAt, removedById, removedBy, removeReason, delivery, ...r }) => {
    const summary = { ...EMPTY };
    for (const [state, n] of Object.entries(delivery ?? {})) {
      summary.emails += n;
      summary[state.toLowerCase() as Exclude<keyof DeliverySummary, "emails">] += n;
    }
    return {
      ...r,
      delivery: summary,
      added: addedById ? { by: addedBy, reason: addReason ?? "" } : null,
      removed: removedAt ? { at: removedAt, by: removedById ? removedBy : null, reason: removeReason ?? "" } : null,
    };
  });
}

/**
 * One page of the tracking matrix (organisations by name, filtered by acknowledgement and searched by name) with the
 * figures over all of them. Two statements (three with a search), whatever the number of organisations.
 */
export async function getTracking(viewer: Viewer, noticeId: string, filter: TrackingFilter = {}) {
  manager(viewer);
  const db = getDb();
  const [head, searched] = await Promise.all([
    trackingHead(noticeId),
    // Without a search the figures already say how many rows match.
    filter.q ? db.noticeRecipient.count({ where: recipientWhere(noticeId, filter) }) : null,
  ]);
  if (!head) throw new NotFoundError();
  const { notice, stats } = head;
  const matching = searched ?? (filter.status === "acknowledged" ? stats.acknowledged : filter.status === "not-acknowledged" ? stats.organisations - stats.acknowledged : stats.organisations + stats.removed);
  const pages = Math.max(1, Math.ceil(matching / TRACKING_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(filter.page ?? 1)), pages);
  const rows = await trackingPageRows(noticeId, filter, (page - 1) * TRACKING_PAGE_SIZE);
  return { notice, rows, stats, paging: { page, pages, pageSize: TRACKING_PAGE_SIZE, matching } satisfies TrackingPage };
}

/**
 * Reminds organisations that have not acknowledged (all of them, or the chosen ones among them): one link-only email
 * per active member and role address, through the outbox. `viewer` null: the automatic reminder job.
 */
export async function remindSilent(viewer: Viewer | null, input: { noticeId: string; recipientIds?: string[] | undefined }, request: RequestInfo | null): Promise<{ organisations: number }> {
  const me = viewer ? manager(viewer) : null;
  const db = getDb();
  const notice = await db.notice.findUnique({ where: { id: input.noticeId }, select: { id: true, reference: true, disclosureAt: true, state: true } });
  if (!notice) throw new NotFoundError();
  if (notice.state !== "EMBARGOED") throw new ConflictError("Reminders are for embargoed notices.");
  const silent = await db.noticeRecipient.findMany({
    where: { noticeId: notice.id, acknowledgedAt: null, removedAt: null, organisation: { status: "ACTIVE" }, ...(input.recipientIds ? { id: { in: input.recipientIds } } : {}) },
    select: { id: true },
  });
  if (silent.length === 0) throw new ValidationError("Every addressed organisation has acknowledged: nobody to remind.");
  const ids = silent.map((s) => s.id);
  const notification = await prepareNotification(notice, "reminder", me?.userId ?? null, ids);
  await db.$transaction(async (tx) => {
    // Disclosed or withdrawn meanwhile: no reminder goes out after the fact.
    const locked = await lockNotice(tx, notice.id);
    if (locked?.state !== "EMBARGOED") throw new ConflictError("Reminders are for embargoed notices.");
    await tx.noticeRecipient.updateMany({ where: { id: { in: ids }, acknowledgedAt: null, removedAt: null }, data: { remindedAt: new Date(), reminders: { increment: 1 } } });
    await notification.write(tx);
    await recordAudit({ actor: me ? actor(me) : null, action: "notice.reminded", target: { type: "notice", id: notice.id }, ip: request?.ip ?? null, details: { organisations: ids.length, by: me ? "maintainer" : "schedule" } }, tx);
  });
  return { organisations: ids.length };
}

/**
 * The hourly "notice.remind" job: organisations silent for `afterHours` since they were notified (or last reminded)
 * get a reminder, while the notice is embargoed and more than an hour remains.
 */
export async function remindAutomatically(afterHours: number, now = new Date()): Promise<number> {
  if (afterHours <= 0) return 0;
  const cutoff = new Date(now.getTime() - afterHours * 3_600_000);
  const due = await getDb().noticeRecipient.findMany({
    where: {
      acknowledgedAt: null,
      removedAt: null,
      organisation: { status: "ACTIVE" },
      notice: { state: "EMBARGOED", disclosureAt: { gt: new Date(now.getTime() + 3_600_000) } },
      notifiedAt: { lte: cutoff },
      OR: [{ remindedAt: null }, { remindedAt: { lte: cutoff } }],
    },
    select: { id: true, noticeId: true },
    take: 5_000,
  });
  const byNotice = new Map<string, string[]>();
  for (const r of due) byNotice.set(r.noticeId, [...(byNotice.get(r.noticeId) ?? []), r.id]);
  let reminded = 0;
  for (const [noticeId, recipientIds] of byNotice) {
    try {
      reminded += (await remindSilent(null, { noticeId, recipientIds }, null)).organisations;
    } catch (error) {
      if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error;
    }
  }
  return reminded;
}

/** The matrix as CSV (maintainers; formulas neutralised by the shared writer). */
export async function trackingCsvRows(viewer: Viewer, noticeId: string, request: RequestInfo | null = null): Promise<{ reference: string; header: string[]; rows: string[][] }> {
  manager(viewer);
  const db = getDb();
  const notice = await db.notice.findUnique({ where: { id: noticeId }, select: NOTICE_HEAD });
  if (!notice) throw new NotFoundError();
  // Every row, not a page: the export is the whole list.
  const recipients = await db.noticeRecipient.findMany({ where: { noticeId }, orderBy: [{ organisation: { name: "asc" } }, { id: "asc" }], select: RECIPIENT_SELECT });
  const rows = await detailRows(noticeId, recipients, true);
  // Exports of the confidential list are recorded, like the directory's.
  await recordAudit({ actor: actor(manager(viewer)), action: "notice.tracking-exported", target: { type: "notice", id: noticeId }, ip: request?.ip ?? null, details: { reference: notice.reference, rows: rows.length } });
  const iso = (d: Date | null) => (d ? d.toISOString() : "");
  return {
    reference: notice.reference,
    header: ["organisation", "notified_at", "first_viewed_at", "terms_accepted_at", "acknowledged_at", "acknowledged_by", "feedback", "statement", "statement_comment", "reminders", "emails", "delivered", "bounced", "failed", "added_by", "add_reason", "removed_at", "removed_by", "remove_reason"],
    rows: rows.map((r) => [
      r.organisation,
      iso(r.notifiedAt),
      iso(r.firstViewedAt),
      iso(r.termsAcceptedAt),
      iso(r.acknowledgedAt),
      r.acknowledgedBy ?? "",
      r.feedback ?? "",
      r.statement ?? "",
      r.statementComment ?? "",
      String(r.reminders),
      String(r.delivery.emails),
      String(r.delivery.delivered),
      String(r.delivery.bounced),
      String(r.delivery.failed),
      r.added ? (r.added.by ?? "a former maintainer") : "",
      r.added?.reason ?? "",
      iso(r.removed?.at ?? null),
      r.removed ? (r.removed.by ?? "a former maintainer") : "",
      r.removed?.reason ?? "",
    ]),
  };
}
