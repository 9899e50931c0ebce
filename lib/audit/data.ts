import "server-only";
// Append-only audit log with a hash chain. Writers serialise on the one AuditHead row (see recordAudit) so the chain
// has one order even with several app instances on one PostgreSQL.
import { getDb } from "@/lib/server/db/client";
import { executePrepared } from "@/lib/server/db/prepared";
import { Prisma } from "@/generated/prisma/client";
import { NotFoundError } from "@/lib/server/errors";
import type { Viewer } from "@/lib/server/viewer-types";
import { assertNoSecrets, hashTemplate, verifyEvents, type ChainCheck, type StoredEvent } from "./chain";
import { detailsOrganisation, type AuditNames } from "./names";
import { canViewAudit } from "./policy";
import { AUDIT_PAGE_SIZE, type AuditAction, type AuditArchiveRange, type AuditFilter } from "./schemas";

type Tx = Prisma.TransactionClient;

export type AuditInput = {
  actor: { id: string; email: string } | null;
  action: AuditAction;
  target?: { type: string; id: string } | undefined;
  ip?: string | null | undefined;
  details?: Prisma.InputJsonObject | undefined;
};

/**
 * Appends one event, chained, in ONE statement. Pass the caller's transaction so the event commits (or not) with the
 * change it records; without one the statement commits on its own, before this returns (a view is on record before
 * its content is sent).
 *
 * The chain's order: the statement updates the one AuditHead row (the newest event's hash) and inserts the event
 * with the hash the database computes from that row (the template from hashTemplate, finished with the head's hash;
 * sha256 is PostgreSQL's own). The row lock orders writers — a second writer waits for the first to commit, then
 * reads the row as the first left it (PostgreSQL re-reads a row it waited for) — and is held until the writer's
 * transaction ends, so the sequence numbers follow the chain. A rolled-back writer rolls the head back with it. No
 * head row (a database emptied by hand, an old copy): the newest stored event is the predecessor.
 */
export async function recordAudit(input: AuditInput, tx?: Tx): Promise<void> {
  assertNoSecrets(input.details ?? {});
  const fields = {
    occurredAt: new Date(),
    actorId: input.actor?.id ?? null,
    actorEmail: input.actor?.email ?? null,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    ipAddress: input.ip ?? null,
    details: input.details ?? {},
  };
  const { before, after } = hashTemplate(fields);
  const hashOf = (prev: Prisma.Sql) => Prisma.sql`encode(sha256(convert_to(${before}::text || COALESCE(to_json(${prev})::text, 'null') || ${after}::text, 'UTF8')), 'hex')`;
  const statement = Prisma.sql`
    WITH head AS (
      INSERT INTO "AuditHead" AS h ("id", "prev", "hash")
      SELECT 1, last."hash", ${hashOf(Prisma.sql`last."hash"`)}
      FROM (SELECT (SELECT e."hash" FROM "AuditEvent" e ORDER BY e."seq" DESC LIMIT 1) AS "hash") last
      ON CONFLICT ("id") DO UPDATE SET "prev" = h."hash", "hash" = ${hashOf(Prisma.sql`h."hash"`)}
      RETURNING "prev", "hash"
    )
    INSERT INTO "AuditEvent" ("occurredAt", "actorId", "actorEmail", "action", "targetType", "targetId", "ipAddress", "details", "prevHash", "hash")
    SELECT ${fields.occurredAt}::timestamptz, ${fields.actorId}, ${fields.actorEmail}, ${fields.action}, ${fields.targetType}, ${fields.targetId},
           ${fields.ipAddress}, ${JSON.stringify(fields.details)}::jsonb, head."prev", head."hash"
    FROM head`;
  // Outside a transaction, a prepared statement (on PGlite: parsed and planned once); committed before this returns.
  if (tx) await tx.$executeRaw(statement);
  else await executePrepared(statement);
}

const EVENT_SELECT = {
  seq: true,
  occurredAt: true,
  actorId: true,
  actorEmail: true,
  action: true,
  targetType: true,
  targetId: true,
  ipAddress: true,
  details: true,
} as const;

export type AuditEventRow = Prisma.AuditEventGetPayload<{ select: typeof EVENT_SELECT }>;

function whereFor(filter: AuditFilter): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput = {};
  if (filter.action) where.action = filter.action;
  if (filter.actor) where.actorEmail = { contains: filter.actor.toLowerCase() };
  if (filter.target) where.OR = [{ targetId: filter.target }, { targetType: filter.target }];
  if (filter.from || filter.to) {
    where.occurredAt = {
      ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
      ...(filter.to ? { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
    };
  }
  if (filter.before) where.seq = { lt: filter.before };
  return where;
}

/** What of an event names someone or something. */
type Mentions = { actorId: string | null; targetType: string | null; targetId: string | null; details: unknown };

const idsOf = (events: Mentions[], type: string) => events.filter((e) => e.targetType === type && e.targetId).map((e) => e.targetId!);

// Audit sits below the domains it records: it reads their tables here by id, for names only, and imports none of
// them.
async function auditNames(events: Mentions[]): Promise<AuditNames> {
  const db = getDb();
  const users = [...new Set([...events.map((e) => e.actorId).filter((id): id is string => !!id), ...idsOf(events, "user")])];
  const notices = [...new Set(idsOf(events, "notice"))];
  const organisations = [...new Set([...idsOf(events, "organisation"), ...events.map((e) => detailsOrganisation(e.details)).filter((id): id is string => !!id)])];
  const dispatches = [...new Set(idsOf(events, "mail-dispatch"))];
  const [u, n, o, d] = await Promise.all([
    users.length ? db.user.findMany({ where: { id: { in: users } }, select: { id: true, email: true, name: true } }) : [],
    notices.length ? db.notice.findMany({ where: { id: { in: notices } }, select: { id: true, reference: true, title: true } }) : [],
    organisations.length ? db.organisation.findMany({ where: { id: { in: organisations } }, select: { id: true, name: true } }) : [],
    dispatches.length ? db.mailDispatch.findMany({ where: { id: { in: dispatches } }, select: { id: true, label: true } }) : [],
  ]);
  return {
    users: new Map(u.map((x) => [x.id, { email: x.email, name: x.name }])),
    notices: new Map(n.map((x) => [x.id, { reference: x.reference, title: x.title }])),
    organisations: new Map(o.map((x) => [x.id, x.name])),
    dispatches: new Map(d.map((x) => [x.id, x.label])),
  };
}

/**
 * Newest first, one page at a time (`before` = the last seq of the previous page), with the names of the people and
 * objects the page mentions (one read per kind for the page).
 */
export async function listAuditEvents(viewer: Viewer, filter: AuditFilter): Promise<{ events: AuditEventRow[]; nextBefore: bigint | null; names: AuditNames }> {
  if (!canViewAudit(viewer)) throw new NotFoundError();
  const events = await getDb().auditEvent.findMany({
    where: whereFor(filter),
    orderBy: { seq: "desc" },
    take: AUDIT_PAGE_SIZE + 1,
    select: EVENT_SELECT,
  });
  const more = events.length > AUDIT_PAGE_SIZE;
  const page = more ? events.slice(0, AUDIT_PAGE_SIZE) : events;
  return { events: page, nextBefore: more ? page.at(-1)!.seq : null, names: await auditNames(page) };
}

/** Every matching event, oldest first, for the CSV export (streamed in batches). */
export async function* exportAuditEvents(viewer: Viewer, filter: AuditFilter): AsyncGenerator<AuditEventRow> {
  if (!canViewAudit(viewer)) throw new NotFoundError();
  let after = 0n;
  for (;;) {
    const batch = await getDb().auditEvent.findMany({
      where: { AND: [whereFor({ ...filter, before: undefined }), { seq: { gt: after } }] },
      orderBy: { seq: "asc" },
      take: 1000,
      select: EVENT_SELECT,
    });
    yield* batch;
    if (batch.length < 1000) return;
    after = batch.at(-1)!.seq;
  }
}

/**
 * Every event of a date range (whole UTC days), oldest first, with the hashes that chain them: what an archive holds.
 * No filter but the dates, so the events are consecutive in the chain and verify alone from the first one's prevHash.
 */
export async function* archiveAuditEvents(viewer: Viewer, range: AuditArchiveRange): AsyncGenerator<AuditEventRow & { prevHash: string | null; hash: string }> {
  if (!canViewAudit(viewer)) throw new NotFoundError();
  let after = 0n;
  for (;;) {
    const batch = await getDb().auditEvent.findMany({
      where: { AND: [whereFor(range), { seq: { gt: after } }] },
      orderBy: { seq: "asc" },
      take: 1000,
      select: { ...EVENT_SELECT, prevHash: true, hash: true },
    });
    yield* batch;
    if (batch.length < 1000) return;
    after = batch.at(-1)!.seq;
  }
}

/** Recomputes the whole chain, oldest first. */
export async function verifyAuditChain(viewer: Viewer): Promise<ChainCheck> {
  if (!canViewAudit(viewer)) throw new NotFoundError();
  let prev: string | null = null;
  let after = 0n;
  let checked = 0;
  for (;;) {
    const batch: StoredEvent[] = await getDb().auditEvent.findMany({
      where: { seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: 1000,
      select: { ...EVENT_SELECT, prevHash: true, hash: true },
    });
    const result = verifyEvents(batch, prev, checked);
    if (!result.ok || batch.length < 1000) return result;
    checked = result.checked;
    prev = batch.at(-1)!.hash;
    after = batch.at(-1)!.seq;
  }
}
