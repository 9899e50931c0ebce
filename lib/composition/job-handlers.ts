import "server-only";
// Composition root: the job registry. It maps each queue to the domain function that works its jobs, so it is one of
// the two places below app/ that may see every domain (the other is ./startup.ts); every domain points down, and
// nothing in a domain imports this file. Started inside the app process (instrumentation.ts) unless
// FOREWARN_WORKER=off, and by `npm run worker` (scripts/worker.ts) as a process of its own.
import { deleteOldMailboxMessages, deliverBatch, sweepOutbox } from "@/lib/mail/data";
import { deleteEndedSessions, deleteExpiredSignInLinks } from "@/lib/auth/data";
import { queueNotificationChunks, queueSendChunks, remindAutomatically } from "@/lib/notices/data";
import { discloseWhenDue, publishCsafDocument, reconcileCsafDirectory } from "@/lib/advisories/data";
import { deleteUnconfirmedReports, remindBeforeAcknowledgeDeadline } from "@/lib/reports/data";
import { getConfig } from "@/lib/server/config";
import { sweepApprovalRequests } from "@/lib/approvals/data";
import { sweepExpired } from "@/lib/rate-limit/data";
import { getJobEngine, startWorkers, type JobHandlers } from "@/lib/jobs/engine";

export const JOB_HANDLERS: JobHandlers = {
  "mail.send-batch": async (job) => {
    await deliverBatch(job.data.batchId, { attempt: job.retryCount + 1, lastAttempt: job.retryCount >= job.retryLimit, signal: job.signal });
  },
  "mail.sweep": async () => {
    const { requeued, failed } = await sweepOutbox(await getJobEngine());
    if (requeued || failed) console.warn(`[jobs] outbox upkeep: ${requeued} batch(es) queued again, ${failed} marked failed`);
    await sweepExpired();
  },
  "notice.disclose": async (job) => {
    const outcome = await discloseWhenDue(job.data.noticeId);
    if (outcome === "disclosed") console.log(`[jobs] notice ${job.data.noticeId} disclosed at its time`);
  },
  "notice.send-chunk": async (job) => {
    await queueSendChunks(job.data.sendId, job.data.index);
  },
  "notice.notify-chunk": async (job) => {
    await queueNotificationChunks(job.data.notificationId, job.data.index);
  },
  "notice.remind": async () => {
    const reminded = await remindAutomatically(getConfig().notices.remindAfterHours);
    if (reminded) console.log(`[jobs] reminded ${reminded} silent organisation(s)`);
  },
  "report.sweep-unconfirmed": async () => {
    const deleted = await deleteUnconfirmedReports();
    if (deleted) console.log(`[jobs] deleted ${deleted} report(s) left unconfirmed for a day`);
  },
  "report.remind": async () => {
    const reminded = await remindBeforeAcknowledgeDeadline();
    if (reminded) console.log(`[jobs] reminded the maintainers of ${reminded} report(s) to acknowledge`);
  },
  "csaf.publish": async (job) => {
    if ((await publishCsafDocument(job.data.noticeId)) === "published") console.log(`[jobs] CSAF document of notice ${job.data.noticeId} published`);
  },
  "csaf.reconcile": async () => {
    const { published, signed, failed } = await reconcileCsafDirectory();
    if (published || signed || failed) console.log(`[jobs] CSAF directory: ${published} published, ${signed} signed, ${failed} failed`);
  },
  "retention.sweep": async () => {
    const swept = await sweepRetention();
    if (Object.values(swept).some(Boolean)) console.log(`[jobs] retention: ${Object.entries(swept).map(([what, n]) => `${n} ${what}`).join(", ")} deleted`);
    // Two-person rule upkeep, also done before every read of the requests: expired, interrupted, requester gone.
    const closed = await sweepApprovalRequests();
    if (closed) console.log(`[jobs] approvals: ${closed} request(s) closed (expired, interrupted, or their requester left)`);
  },
};

/** What retention deletes (README "Retention"); the audit log is kept. */
export async function sweepRetention(now = new Date()) {
  return {
    sessions: await deleteEndedSessions(now),
    "sign-in links": await deleteExpiredSignInLinks(now),
    "mail records": await deleteOldMailboxMessages(getConfig().retention.mailboxDays, now),
    "rate-limit counters": await sweepExpired(now),
  };
}

export function startAllWorkers(): Promise<void> {
  return startWorkers(JOB_HANDLERS);
}
