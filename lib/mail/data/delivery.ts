import "server-only";
// The worker's side of the outbox: send one frozen batch, record what the provider answered, retry what can be
// retried. Exactly once comes from three rules:
//  1. a batch's emails never change while it can still be sent (its composition is fixed when it is written);
//  2. its idempotency key is its id, so a replay after a crash (the provider accepted, we died before recording)
//     gets the first call's answer back instead of a second send;
//  3. the provider's answer is recorded for the whole batch in one transaction, and a batch that is done is
//     never sent again.
// Before every attempt the recipients are checked again (./entitlement.ts). When some may no longer receive it, the
// batch ends there and the rest go in a new batch under a new key (rule 1). If an earlier attempt of that batch was
// accepted without our hearing of it, and someone lost their entitlement in between, the others may get the
// email twice: a duplicate is the price of never sending to someone suspended.
// Clear-text emails are signed here, before a batch's first attempt, and the signed text is stored (./sign.ts): every
// later attempt sends the same bytes under the same key (rule 1). A batch that cannot be signed fails at once with the
// cause, sending nothing. An email with attachments is a batch of one, sent through the single-email endpoint under the
// batch's key (Resend's batch endpoint takes no attachments).
import { randomUUID } from "node:crypto";
import type { PgBoss } from "pg-boss";
import { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";
import { enqueue, getJobEngine } from "@/lib/jobs/engine";
import { getConfig } from "@/lib/server/config";
import { holdPace, takePaceSlot } from "@/lib/rate-limit/data";
import { MailError, type BatchOutcome, type MailAttachment, type MailTransport } from "../transport";
import { retryAfterWait } from "../policy";
import { SigningUnavailableError } from "@/lib/signing/data";
import { getMailTransport } from "./mailbox";
import { notEntitled } from "./entitlement";
import { signBatch, unsignedBatchReason } from "./sign";

/** The provider's rate, shared with direct emails (mailbox.ts). */
const PACE = "mail-provider";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type DeliveryAttempt = { attempt: number; lastAttempt: boolean; signal?: AbortSignal | undefined };

export function batchIdempotencyKey(batchId: string): string {
  return `forewarn-batch-${batchId}`;
}

/** Sends a batch (the handler of the "mail.send-batch" job). Throws to ask the job engine for a retry. */
export async function deliverBatch(batchId: string, attempt: DeliveryAttempt): Promise<"sent" | "failed" | "skipped"> {
  const db = getDb();
  const batch = await db.mailBatch.findUnique({
    where: { id: batchId },
    select: {
      status: true,
      attempts: true,
      dispatch: { select: { id: true, purpose: true, topic: true } },
      emails: {
        orderBy: { position: "asc" },
        select: { id: true, toAddress: true, organisationId: true, subject: true, textBody: true, htmlBody: true, status: true, encrypted: true, signedAt: true, attachments: true },
      },
    },
  });
  // Done already (this is a redelivered job), or gone with its dispatch: nothing to send.
  if (!batch || batch.status === "DONE" || batch.status === "FAILED") return "skipped";
  if (batch.emails.length === 0) {
    await db.mailBatch.updateMany({ where: { id: batchId, status: { in: ["QUEUED", "SENDING"] } }, data: { status: "DONE" } });
    return "skipped";
  }
  // Checked again before every attempt: the batch may have waited for hours (provider retries, a worker down).
  const refused = await notEntitled(db, batch.dispatch, batch.emails);
  if (refused.size > 0) {
    await setAside(batchId, batch.dispatch.id, batch.emails, refused);
    return "skipped";
  }
  let emails = batch.emails;
  // Signed before the first attempt only: a later attempt may repeat an accepted one, and must carry the same bytes.
  if (batch.attempts === 0) {
    try {
      emails = await signBatch(batchId, batch.emails);
    } catch (error) {
      if (!(error instanceof SigningUnavailableError)) throw error;
      // Not retried by the job engine: a key does not mend itself. A maintainer retries once it is fixed.
      await failBatch(batchId, unsignedBatchReason(error), false);
      return "failed";
    }
  }
  await db.mailBatch.update({ where: { id: batchId }, data: { status: "SENDING", attempts: { increment: 1 } } });

  const { mail } = getConfig();
  const transport = getMailTransport();
  let outcomes: BatchOutcome[];
  try {
    if (transport.kind === "resend") await takePaceSlot(PACE, mail.ratePerSecond, attempt.signal);
    outcomes = await sendEmails(transport, batchId, emails, attempt.signal);
  } catch (error) {
    const mailError = error instanceof MailError ? error : new MailError(`Sending failed: ${error instanceof Error ? error.message : String(error)}`, true);
    if (!mailError.retryable || attempt.lastAttempt) {
      // After network errors nobody knows whether an attempt was accepted: a retry must reuse this batch's key.
      const reason = mailError.retryable ? `Gave up after ${attempt.attempt} attempts: ${mailError.message}` : mailError.message;
      await failBatch(batchId, reason, mailError.retryable);
      return "failed";
    }
    await db.mailBatch.update({ where: { id: batchId }, data: { lastError: mailError.message } });
    const wait = retryAfterWait(mailError.retryAfterSeconds);
    if (wait > 0) {
      // Every worker on this database holds back, and this one waits out the provider's retry-after itself.
      await holdPace(PACE, mail.ratePerSecond, wait);
      await sleep(wait * 1000);
    }
    throw mailError;
  }
  await recordOutcomes(batchId, emails, outcomes, transport.kind);
  return "sent";
}

type SendableRow = { id: string; toAddress: string; subject: string; textBody: string | null; htmlBody: string | null; attachments: unknown };

/** One provider call under the batch's key: the batch endpoint, or the single-email one for an email with files. */
async function sendEmails(transport: MailTransport, batchId: string, emails: SendableRow[], signal: AbortSignal | undefined): Promise<BatchOutcome[]> {
  const idempotencyKey = batchIdempotencyKey(batchId);
  const [only] = emails;
  const attachments = only && emails.length === 1 ? attachmentsOf(only.attachments) : [];
  if (only && attachments.length > 0) {
    const sent = await transport.send({ to: only.toAddress, subject: only.subject, text: only.textBody ?? "", attachments, idempotencyKey, signal, outboxId: only.id });
    return [{ ok: true, providerId: sent.providerId }];
  }
  return transport.sendBatch(
    emails.map((e) => ({ outboxId: e.id, to: e.toAddress, subject: e.subject, text: e.textBody ?? "", html: e.htmlBody ?? undefined })),
    { idempotencyKey, signal },
  );
}

function attachmentsOf(value: unknown): MailAttachment[] {
  if (!Array.isArray(value)) return [];
  return value.filter((a): a is MailAttachment => typeof a?.filename === "string" && typeof a?.content === "string");
}

async function recordOutcomes(
  batchId: string,
  emails: Array<{ id: string; toAddress: string; subject: string; textBody: string | null; htmlBody: string | null }>,
  outcomes: BatchOutcome[],
  transport: "resend" | "outbox",
): Promise<void> {
  const sent: Array<{ id: string; providerId: string | null }> = [];
  const failed: Array<{ id: string; reason: string }> = [];
  outcomes.forEach((o, i) => {
    const id = emails[i]!.id;
    if (o.ok) sent.push({ id, providerId: o.providerId });
    else failed.push({ id, reason: o.reason.slice(0, 500) });
  });
  await getDb().$transaction(async (tx) => {
    // Every accepted email gets its provider id and loses its body (the outbox is not an archive of what was said)
    // even when a delivery event overtook this answer (the row may already say delivered or bounced: the status
    // only moves forward). A "failed" event keeps the body, so that the email can be retried. Only rows still in
    // this batch are touched.
    if (sent.length > 0) {
      await tx.$executeRaw`
        UPDATE "OutboxEmail" AS o
        SET status = CASE WHEN o.status = 'QUEUED' THEN 'SENT'::"OutboxStatus" ELSE o.status END,
            "providerId" = COALESCE(o."providerId", v.pid), "sentAt" = COALESCE(o."sentAt", now()),
            "textBody" = CASE WHEN o.status = 'FAILED' THEN o."textBody" END,
            "htmlBody" = CASE WHEN o.status = 'FAILED' THEN o."htmlBody" END,
            attachments = CASE WHEN o.status = 'FAILED' THEN o.attachments END,
            "updatedAt" = now()
        FROM (SELECT unnest(${sent.map((s) => s.id)}::text[]) AS id, unnest(${sent.map((s) => s.providerId)}::text[]) AS pid) AS v
        WHERE o.id = v.id AND o."batchId" = ${batchId}::uuid`;
    }
    for (const f of failed) {
      await tx.outboxEmail.updateMany({ where: { id: f.id, batchId, status: "QUEUED" }, data: { status: "FAILED", failureReason: f.reason } });
    }
    if (transport === "outbox") {
      // The local outbox: the dev mailbox shows what would have been sent.
      const bodies = new Map(emails.map((e) => [e.id, e]));
      await tx.mailMessage.createMany({
        data: sent.map((s) => {
          const e = bodies.get(s.id)!;
          return { toAddress: e.toAddress, subject: e.subject, textBody: e.textBody, htmlBody: e.htmlBody, transport: "outbox", providerId: null };
        }),
      });
    }
    // The provider's answer is the truth, even if the upkeep gave up on this batch meanwhile.
    await tx.mailBatch.update({ where: { id: batchId }, data: { status: "DONE", outcomeUnknown: false, lastError: failed.length ? `${failed.length} refused` : null } });
  });
}

/**
 * Some emails of a batch may no longer be sent: they fail for good (without their body: nothing to retry), and the
 * rest move to a new batch under a new idempotency key (a key belongs to one exact set of emails). This batch ends.
 */
async function setAside(batchId: string, dispatchId: string, emails: Array<{ id: string }>, refused: Map<string, string>): Promise<void> {
  const boss = await getJobEngine();
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.mailBatch.updateMany({ where: { id: batchId, status: { in: ["QUEUED", "SENDING"] } }, data: { status: "DONE", outcomeUnknown: false, lastError: `${refused.size} not sent: no longer entitled` } });
    if (count === 0) return;
    for (const [id, reason] of refused) {
      await tx.outboxEmail.updateMany({ where: { id, batchId, status: "QUEUED" }, data: { status: "FAILED", failureReason: reason, textBody: null, htmlBody: null, attachments: Prisma.DbNull } });
    }
    const rest = emails.filter((e) => !refused.has(e.id));
    if (rest.length === 0) return;
    const next = randomUUID();
    await tx.mailBatch.create({ data: { id: next, dispatchId } });
    for (const [position, e] of rest.entries()) await tx.outboxEmail.updateMany({ where: { id: e.id, batchId }, data: { batchId: next, position } });
    await enqueue(boss, tx, "mail.send-batch", [{ id: next, data: { batchId: next } }]);
  });
}

async function failBatch(batchId: string, reason: string, outcomeUnknown: boolean): Promise<void> {
  await getDb().$transaction(async (tx) => {
    await tx.outboxEmail.updateMany({ where: { batchId, status: "QUEUED" }, data: { status: "FAILED", failureReason: reason.slice(0, 500) } });
    await tx.mailBatch.updateMany({ where: { id: batchId, status: { in: ["QUEUED", "SENDING"] } }, data: { status: "FAILED", outcomeUnknown, lastError: reason.slice(0, 500) } });
  });
}

/** Batches untouched this long are checked against their jobs. */
const STALE_MS = 2 * 60_000;
/** Bodies of emails that failed for good are kept this long for a retry, then dropped. */
const FAILED_BODY_DAYS = 30;

/**
 * The "mail.sweep" job. A batch that is not done and has no job that can still run it — its job went missing (an
 * operator cleared the queue), or ended without recording an answer (it died on its last attempt) — is queued again
 * or, when its job ended, marked failed with its outcome unknown so that a maintainer's retry reuses its key.
 * Old webhook receipts and the bodies of long-failed emails are pruned.
 */
export async function sweepOutbox(boss: PgBoss, now = new Date()): Promise<{ requeued: number; failed: number }> {
  const db = getDb();
  const stale = await db.$queryRaw<Array<{ id: string; ended: boolean }>>`
    SELECT b.id::text AS id,
      EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = 'mail.send-batch' AND j.data->>'batchId' = b.id::text) AS ended
    FROM "MailBatch" b
    WHERE b.status IN ('QUEUED', 'SENDING') AND b."updatedAt" < ${new Date(now.getTime() - STALE_MS)}
      AND NOT EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = 'mail.send-batch' AND j.data->>'batchId' = b.id::text
                      AND j.state IN ('created', 'retry', 'active'))
    ORDER BY b."updatedAt" LIMIT 100`;
  let requeued = 0;
  let failed = 0;
  for (const { id, ended } of stale) {
    if (ended) {
      await failBatch(id, "The sending job ended without a recorded answer: it may or may not have been sent. A retry sends it under the same key (never twice).", true);
      failed += 1;
    } else if (await boss.send("mail.send-batch", { batchId: id }, { id })) {
      requeued += 1;
    }
  }
  await db.webhookEvent.deleteMany({ where: { receivedAt: { lt: new Date(now.getTime() - 30 * 24 * 3_600_000) } } });
  await db.outboxEmail.updateMany({
    where: { status: { in: ["FAILED", "BOUNCED", "COMPLAINED"] }, updatedAt: { lt: new Date(now.getTime() - FAILED_BODY_DAYS * 24 * 3_600_000) }, textBody: { not: null } },
    data: { textBody: null, htmlBody: null, attachments: Prisma.DbNull },
  });
  return { requeued, failed };
}
