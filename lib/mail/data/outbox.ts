import "server-only";
// The transactional outbox: a domain change and the emails it causes are written in one transaction, together with
// the jobs that will send them. Workers then send each frozen batch of at most 100 emails in one provider call.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { enqueue, getJobEngine } from "@/lib/jobs/engine";
import { recordAudit } from "@/lib/audit/data";
import { notEntitled } from "./entitlement";
import { sealForRecipient, signingForDispatch } from "./sign";
import { batchesOf, canFollowDeliveries } from "../policy";
import type { MailAttachment } from "../transport";

type Tx = Prisma.TransactionClient;

export type QueuedEmail = {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  organisationId?: string | undefined;
  /** Encrypt the body to this armored OpenPGP key; refused (never sent in clear) when the key cannot encrypt. */
  encryptTo?: { armoredKey: string; owner: string } | undefined;
  /** Files sent as attachments, each encrypted to `encryptTo` and signed (never attached in clear). */
  attachments?: Array<{ filename: string; data: Uint8Array }> | undefined;
};

export type DispatchInput = {
  purpose: string;
  label: string;
  /** What the emails are about, for tracking (e.g. "notice:<id>"). */
  topic?: string | undefined;
  createdById?: string | null | undefined;
  emails: QueuedEmail[];
  /** Send no earlier than this (e.g. at a disclosure time): the jobs wait in the queue, surviving restarts. */
  notBefore?: Date | undefined;
  /**
   * Add the emails to this dispatch, written earlier (a send queued in chunks): write() then writes no dispatch, and
   * leaves out addresses the dispatch already has an email to (one email per address across every chunk).
   */
  into?: string | undefined;
  /**
   * The caller's open transaction, when it prepares emails inside one (tellReporters): the signing key's state is read
   * through it, as on PGlite nothing may reach the database outside an open transaction.
   */
  reader?: Tx | undefined;
  /**
   * Queue the emails even while the project's key cannot sign. For changes that end or restrict something (a
   * disclosure, a withdrawal, access ended, break-glass): a broken key must never hold those back. Nothing goes out
   * unsigned all the same: the worker fails such a batch with the cause, and a maintainer retries it once the key is
   * fixed. Clear-text emails only (an email to encrypt cannot be signed and encrypted without the key).
   */
  evenIfKeyUnusable?: boolean | undefined;
};

export type PreparedDispatch = {
  dispatchId: string;
  emailCount: number;
  /** Writes the dispatch, its emails and their jobs in the caller's transaction; resolves to the emails written. */
  write(tx: Tx): Promise<number>;
};

type Row = {
  id: string;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string | null;
  encrypted: boolean;
  organisationId: string | null;
  signedAt?: Date | null;
  attachments?: MailAttachment[] | undefined;
};

/**
 * Everything that can be done before the transaction: the project's signing key checked (an unusable key stops the
 * action with its cause: nothing is queued that could not be signed), bodies encrypted and signed (an unusable
 * recipient key stops the whole action with a clear message, nothing is written), duplicates removed (one email per
 * address), the job engine started. Clear-text emails are signed later, by the worker that sends them (./sign.ts).
 */
export async function prepareDispatch(input: DispatchInput): Promise<PreparedDispatch> {
  const signing = input.emails.length > 0 ? await signingForDispatch(input.reader, !!input.evenIfKeyUnusable && !input.emails.some((e) => e.encryptTo)) : { on: false };
  const seen = new Set<string>();
  const rows: Row[] = [];
  const sealed = new Map<string, MailAttachment[]>();
  for (const email of input.emails) {
    const to = email.to.trim().toLowerCase();
    if (!to || seen.has(to)) continue;
    seen.add(to);
    const row: Row = { id: randomUUID(), toAddress: to, subject: email.subject, textBody: email.text, htmlBody: email.encryptTo ? null : (email.html ?? null), encrypted: !!email.encryptTo, organisationId: email.organisationId ?? null };
    if (email.encryptTo) Object.assign(row, await sealForRecipient(email, email.encryptTo, signing.on, sealed));
    rows.push(row);
  }
  const boss = await getJobEngine();
  const dispatchId = input.into ?? randomUUID();
  return {
    dispatchId,
    emailCount: rows.length,
    async write(tx) {
      if (!input.into) await tx.mailDispatch.create({ data: { id: dispatchId, purpose: input.purpose, label: input.label, topic: input.topic ?? null, createdById: input.createdById ?? null } });
      const fresh = input.into ? await notYetAddressed(tx, dispatchId, rows) : rows;
      if (fresh.length === 0) return 0;
      await writeBatches(boss, tx, dispatchId, fresh, input.notBefore);
      return fresh.length;
    },
  };
}

/** The rows whose address the dispatch has no email to yet. */
async function notYetAddressed(tx: Tx, dispatchId: string, rows: Row[]): Promise<Row[]> {
  if (rows.length === 0) return rows;
  const taken = await tx.$queryRaw<Array<{ toAddress: string }>>`
    SELECT "toAddress" FROM "OutboxEmail" WHERE "dispatchId" = ${dispatchId} AND "toAddress" = ANY(${rows.map((r) => r.toAddress)}::text[])`;
  const seen = new Set(taken.map((t) => t.toAddress));
  return rows.filter((r) => !seen.has(r.toAddress));
}

async function writeBatches(boss: Awaited<ReturnType<typeof getJobEngine>>, tx: Tx, dispatchId: string, rows: Row[], notBefore?: Date): Promise<string[]> {
  const batches = batchesOf(rows, (r) => !!r.attachments?.length).map((emails) => ({ id: randomUUID(), emails }));
  await tx.mailBatch.createMany({ data: batches.map((b) => ({ id: b.id, dispatchId })) });
  await insertEmails(tx, dispatchId, batches);
  // The job id is the batch id: the job that sends a batch can always be found, and queued again without a twin.
  await enqueue(boss, tx, "mail.send-batch", batches.map((b) => ({ id: b.id, data: { batchId: b.id }, ...(notBefore ? { startAfter: notBefore } : {}) })));
  return batches.map((b) => b.id);
}

/**
 * The emails in one statement of column arrays (issue 15). Prisma's createMany spent 150 ms to 1.5 s on 100 rows of a
 * loaded machine, most of a send chunk's transaction; this is one round trip with the rows as text arrays.
 */
async function insertEmails(tx: Tx, dispatchId: string, batches: Array<{ id: string; emails: Row[] }>): Promise<void> {
  const rows = batches.flatMap((b) => b.emails.map((e, position) => ({ ...e, batchId: b.id, position })));
  if (rows.length === 0) return;
  const column = (f: (r: (typeof rows)[number]) => string | null) => rows.map(f);
  await tx.$executeRaw`
    INSERT INTO "OutboxEmail" (id, "dispatchId", "batchId", position, "toAddress", subject, "textBody", "htmlBody", encrypted, "signedAt", attachments, "organisationId", "updatedAt")
    SELECT u.id, ${dispatchId}, u.batch::uuid, u.position::int, u.address, u.subject, u.text, u.html, u.encrypted::boolean, u.signed::timestamptz, u.attachments::jsonb, u.organisation, now()
    FROM unnest(
      ${column((r) => r.id)}::text[], ${column((r) => r.batchId)}::text[], ${column((r) => String(r.position))}::text[], ${column((r) => r.toAddress)}::text[],
      ${column((r) => r.subject)}::text[], ${column((r) => r.textBody)}::text[], ${column((r) => r.htmlBody)}::text[], ${column((r) => String(r.encrypted))}::text[],
      ${column((r) => r.signedAt?.toISOString() ?? null)}::text[], ${column((r) => (r.attachments?.length ? JSON.stringify(r.attachments) : null))}::text[], ${column((r) => r.organisationId)}::text[]
    ) AS u(id, batch, position, address, subject, text, html, encrypted, signed, attachments, organisation)`;
}

/** Convenience for a change that is nothing but emails. */
export async function queueEmails(input: DispatchInput): Promise<{ dispatchId: string }> {
  const prepared = await prepareDispatch(input);
  await getDb().$transaction((tx) => prepared.write(tx));
  return { dispatchId: prepared.dispatchId };
}

export type DeliveryCounts = { total: number; queued: number; sent: number; delivered: number; bounced: number; complained: number; failed: number };

const EMPTY: DeliveryCounts = { total: 0, queued: 0, sent: 0, delivered: 0, bounced: 0, complained: 0, failed: 0 };

function countsFrom(groups: Array<{ dispatchId: string; status: string; _count: { _all: number } }>): Map<string, DeliveryCounts> {
  const out = new Map<string, DeliveryCounts>();
  for (const g of groups) {
    const c = out.get(g.dispatchId) ?? { ...EMPTY };
    const n = g._count._all;
    c.total += n;
    const key = g.status.toLowerCase() as Exclude<keyof DeliveryCounts, "total">;
    c[key] += n;
    out.set(g.dispatchId, c);
  }
  return out;
}

export type DispatchSummary = { id: string; purpose: string; label: string; createdAt: Date; counts: DeliveryCounts };

export async function listDispatches(viewer: Viewer, opts: { take?: number } = {}): Promise<DispatchSummary[]> {
  if (!canFollowDeliveries(viewer)) throw new NotFoundError();
  const db = getDb();
  const dispatches = await db.mailDispatch.findMany({ orderBy: { createdAt: "desc" }, take: opts.take ?? 50, select: { id: true, purpose: true, label: true, createdAt: true } });
  const groups = await db.outboxEmail.groupBy({ by: ["dispatchId", "status"], where: { dispatchId: { in: dispatches.map((d) => d.id) } }, _count: { _all: true } });
  const counts = countsFrom(groups);
  return dispatches.map((d) => ({ ...d, counts: counts.get(d.id) ?? { ...EMPTY } }));
}

/**
 * A failed email "Retry failed emails" takes up: its text still kept, in a batch that ended. Emails set aside because
 * nobody may receive them any more (./entitlement.ts) and those whose text was deleted after 30 days are failed too,
 * but can never be retried. The Overview (./attention.ts) and a send's page count the same ones.
 */
export const RETRYABLE_FAILED = { status: "FAILED", textBody: { not: null }, batch: { status: { in: ["DONE", "FAILED"] } } } satisfies Prisma.OutboxEmailWhereInput;

export type DispatchDetail = DispatchSummary & {
  /** The failed emails "Retry failed emails" would take up (RETRYABLE_FAILED). */
  retryable: number;
  emails: Array<{ id: string; toAddress: string; status: string; encrypted: boolean; failureReason: string | null; sentAt: Date | null; deliveredAt: Date | null; batchId: string }>;
  batches: Array<{ id: string; status: string; attempts: number; lastError: string | null; updatedAt: Date }>;
};

export async function getDispatch(viewer: Viewer, dispatchId: string, opts: { status?: string | undefined } = {}): Promise<DispatchDetail> {
  if (!canFollowDeliveries(viewer)) throw new NotFoundError();
  const db = getDb();
  const dispatch = await db.mailDispatch.findUnique({ where: { id: dispatchId }, select: { id: true, purpose: true, label: true, createdAt: true } });
  if (!dispatch) throw new NotFoundError();
  const [groups, retryable, emails, batches] = await Promise.all([
    db.outboxEmail.groupBy({ by: ["dispatchId", "status"], where: { dispatchId }, _count: { _all: true } }),
    db.outboxEmail.count({ where: { dispatchId, ...RETRYABLE_FAILED } }),
    db.outboxEmail.findMany({
      where: { dispatchId, ...(opts.status ? { status: opts.status as never } : {}) },
      orderBy: [{ toAddress: "asc" }],
      take: 500,
      select: { id: true, toAddress: true, status: true, encrypted: true, failureReason: true, sentAt: true, deliveredAt: true, batchId: true },
    }),
    db.mailBatch.findMany({ where: { dispatchId }, orderBy: { createdAt: "asc" }, select: { id: true, status: true, attempts: true, lastError: true, updatedAt: true } }),
  ]);
  return { ...dispatch, counts: countsFrom(groups).get(dispatchId) ?? { ...EMPTY }, retryable, emails, batches };
}

/** Resend keeps an idempotency key for 24 hours; a batch is sent again under its own key only well inside that. */
const SAME_KEY_WINDOW_MS = 23 * 3_600_000;

/**
 * Sends the failed emails of a dispatch again. A batch that failed without an answer (network errors to the end,
 * a job that died) and is still whole goes again under its own idempotency key: if the provider did accept it
 * once, it answers that instead of sending twice. Everything else — emails the provider refused — goes in new
 * batches under new keys. Bounced and complained emails are not retried: the address itself is the problem. Only
 * batches that are finished are touched: a batch that may still be sent never changes. Emails whose recipient is no
 * longer entitled (./entitlement.ts: suspended, removed, the notice withdrawn) stay failed: a retry days later never
 * reaches them.
 */
export async function retryFailedEmails(viewer: Viewer, dispatchId: string, request: RequestInfo): Promise<{ retried: number; notEntitled: number }> {
  if (!canFollowDeliveries(viewer) || viewer.kind !== "maintainer") throw new NotFoundError();
  const db = getDb();
  const dispatch = await db.mailDispatch.findUnique({ where: { id: dispatchId }, select: { id: true, purpose: true, topic: true } });
  if (!dispatch) throw new NotFoundError();
  const boss = await getJobEngine();
  return db.$transaction(async (tx) => {
    // Locks the failed rows: two maintainers pressing "retry" at once retry each email once.
    const failed = await tx.$queryRaw<Array<Row & { batchId: string; hasAttachments: boolean }>>`
      SELECT o.id, o."toAddress", o.subject, o."textBody", o."htmlBody", o.encrypted, o."organisationId", o."batchId"::text AS "batchId",
        o.attachments IS NOT NULL AS "hasAttachments"
      FROM "OutboxEmail" o JOIN "MailBatch" b ON b.id = o."batchId"
      WHERE o."dispatchId" = ${dispatchId} AND o.status = 'FAILED' AND o."textBody" IS NOT NULL AND b.status IN ('DONE', 'FAILED')
      ORDER BY o."toAddress" FOR UPDATE OF o`;
    if (failed.length === 0) throw new ValidationError("There are no failed emails to retry in this send.");
    const refused = await notEntitled(tx, dispatch, failed);
    const retry = failed.filter((f) => !refused.has(f.id));
    const left = failed.length - retry.length;
    if (retry.length === 0) throw new ValidationError(`None of the ${failed.length} failed email(s) can be retried: ${[...new Set(refused.values())].map((r) => r.replace(/^Not sent: /, "")).join(" ")}`);
    const batchIds = [...new Set(failed.map((f) => f.batchId))];
    const batches = await tx.mailBatch.findMany({ where: { id: { in: batchIds } }, select: { id: true, status: true, outcomeUnknown: true, createdAt: true, _count: { select: { emails: true } } } });
    const sameKey = new Set(
      batches
        .filter((b) => b.status === "FAILED" && b.outcomeUnknown && Date.now() - b.createdAt.getTime() < SAME_KEY_WINDOW_MS && b._count.emails === retry.filter((f) => f.batchId === b.id).length)
        .map((b) => b.id),
    );
    if (sameKey.size > 0) {
      const ids = [...sameKey];
      await tx.mailBatch.updateMany({ where: { id: { in: ids } }, data: { status: "QUEUED", outcomeUnknown: false, lastError: null } });
      await tx.outboxEmail.updateMany({ where: { batchId: { in: ids } }, data: { status: "QUEUED", failureReason: null } });
      await enqueue(boss, tx, "mail.send-batch", ids.map((batchId) => ({ data: { batchId } })));
    }
    // An email with attachments stays alone in its batch (it goes through the single-email endpoint).
    const fresh = batchesOf(retry.filter((f) => !sameKey.has(f.batchId)), (f) => f.hasAttachments).map((emails) => ({ id: randomUUID(), emails }));
    if (fresh.length > 0) {
      await tx.mailBatch.createMany({ data: fresh.map((b) => ({ id: b.id, dispatchId })) });
      for (const b of fresh) {
        for (const [position, e] of b.emails.entries()) {
          await tx.outboxEmail.update({ where: { id: e.id }, data: { batchId: b.id, position, status: "QUEUED", failureReason: null } });
        }
      }
      await enqueue(boss, tx, "mail.send-batch", fresh.map((b) => ({ id: b.id, data: { batchId: b.id } })));
    }
    await recordAudit({ actor: { id: viewer.userId, email: viewer.email }, action: "mail.dispatch.retried", target: { type: "mail-dispatch", id: dispatchId }, ip: request.ip, details: { emails: retry.length, notEntitled: left, sameKeyBatches: sameKey.size } }, tx);
    return { retried: retry.length, notEntitled: left };
  });
}
