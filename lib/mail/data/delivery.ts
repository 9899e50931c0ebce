import "server-only";
// The worker's side of the outbox: send one frozen batch, record what the provider answered, retry what can be
// retried. Exactly once comes from three rules:
//  1. a batch's emails never change while it can still be sent (its composition is fixed when it is written);
//  2. its idempotency key is its id, so a replay after a crash (the provider accepted, we died before recording)
//     gets the first call's answer back instead of a second send;
//  3. the provider's answer is recorded for the whole batch in one transaction, and a batch that is done is
//     never sent again.
import type { PgBoss } from "pg-boss";
import { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import { holdPace, takePaceSlot } from "@/lib/rate-limit/data";
import { MailError, type BatchOutcome } from "../transport";
import { retryAfterWait } from "../policy";
import { getMailTransport } from "./mailbox";

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
    select: { status: true, emails: { orderBy: { position: "asc" }, select: { id: true, toAddress: true, subject: true, textBody: true, htmlBody: true, status: true } } },
  });
  // Done already (this is a redelivered job), or gone with its dispatch: nothing to send.
  if (!batch || batch.status === "DONE" || batch.status === "FAILED") return "skipped";
  await db.mailBatch.update({ where: { id: batchId }, data: { status: "SENDING", attempts: { increment: 1 } } });

  const { mail } = getConfig();
  const transport = getMailTransport();
  let outcomes: BatchOutcome[];
  try {
    if (transport.kind === "resend") await takePaceSlot(PACE, mail.ratePerSecond, attempt.signal);
    outcomes = await transport.sendBatch(
      batch.emails.map((e) => ({ outboxId: e.id, to: e.toAddress, subject: e.subject, text: e.textBody ?? "", html: e.htmlBody ?? undefined })),
      { idempotencyKey: batchIdempotencyKey(batchId), signal: attempt.signal },
    );
  } catch (error) {
    const mailError = error instanceof MailError ? error : new MailError(`Sending failed: ${error instanceof Error ? error.message : String(error)}`, true);
    if (!mailError.retryable || attempt.lastAttempt) {
      const reason = mailError.retryable ? `Gave up after ${attempt.attempt} attempts: ${mailError.message}` : mailError.message;
      await failBatch(batchId, reason);
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
  await recordOutcomes(batchId, batch.emails, outcomes, transport.kind);
  return "sent";
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
    // Bodies are dropped once sent: the outbox is not an archive of what was said.
    if (sent.length > 0) {
      await tx.$executeRaw`
        UPDATE "OutboxEmail" AS o
        SET status = 'SENT', "providerId" = v.pid, "sentAt" = now(), "textBody" = NULL, "htmlBody" = NULL, "updatedAt" = now()
        FROM (SELECT unnest(${sent.map((s) => s.id)}::text[]) AS id, unnest(${sent.map((s) => s.providerId)}::text[]) AS pid) AS v
        WHERE o.id = v.id AND o.status = 'QUEUED'`;
    }
    for (const f of failed) {
      await tx.outboxEmail.updateMany({ where: { id: f.id, status: "QUEUED" }, data: { status: "FAILED", failureReason: f.reason } });
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
    await tx.mailBatch.update({ where: { id: batchId }, data: { status: "DONE", lastError: failed.length ? `${failed.length} refused` : null } });
  });
}

async function failBatch(batchId: string, reason: string): Promise<void> {
  await getDb().$transaction(async (tx) => {
    await tx.outboxEmail.updateMany({ where: { batchId, status: "QUEUED" }, data: { status: "FAILED", failureReason: reason.slice(0, 500) } });
    await tx.mailBatch.update({ where: { id: batchId }, data: { status: "FAILED", lastError: reason.slice(0, 500) } });
  });
}

/** Batches untouched this long are checked against their job. */
const STALE_MS = 2 * 60_000;

/**
 * The "mail.sweep" job. A batch whose job is missing (queued by a process that died between commit and… nothing:
 * jobs are written in the same transaction, but an operator may have cleared the queue) is queued again; a batch
 * whose job ended without recording anything (it died on its last attempt) is marked failed so a maintainer can
 * retry it. Old webhook receipts and expired rate-limit counters are pruned.
 */
export async function sweepOutbox(boss: PgBoss, now = new Date()): Promise<{ requeued: number; failed: number }> {
  const db = getDb();
  const stale = await db.mailBatch.findMany({
    where: { status: { in: ["QUEUED", "SENDING"] }, updatedAt: { lt: new Date(now.getTime() - STALE_MS) } },
    select: { id: true },
    take: 100,
  });
  let requeued = 0;
  let failed = 0;
  for (const { id } of stale) {
    const [job] = await boss.findJobs("mail.send-batch", { id });
    if (!job) {
      if (await boss.send("mail.send-batch", { batchId: id }, { id })) requeued += 1;
    } else if (job.state === "failed" || job.state === "cancelled" || job.state === "completed") {
      const output = (job.output as { message?: string } | null)?.message;
      await failBatch(id, `The sending job ended (${job.state}) without a recorded answer${output ? `: ${output}` : ""}. It may or may not have been sent.`);
      failed += 1;
    }
  }
  await db.webhookEvent.deleteMany({ where: { receivedAt: { lt: new Date(now.getTime() - 30 * 24 * 3_600_000) } } });
  return { requeued, failed };
}
