import "server-only";
// Composition root: the job registry. It maps each queue to the domain function that works its jobs, so it is one of
// the two places below app/ that may see every domain (the other is ./startup.ts); every domain points down, and
// nothing in a domain imports this file. Started inside the app process (instrumentation.ts) unless
// FOREWARN_WORKER=off, and by `npm run worker` (scripts/worker.ts) as a process of its own.
import { deliverBatch, sweepOutbox } from "@/lib/mail/data";
import { queueSendChunks, remindAutomatically } from "@/lib/notices/data";
import { discloseWhenDue } from "@/lib/advisories/data";
import { deleteUnconfirmedReports, remindBeforeAcknowledgeDeadline } from "@/lib/reports/data";
import { getConfig } from "@/lib/server/config";
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
};

export function startAllWorkers(): Promise<void> {
  return startWorkers(JOB_HANDLERS);
}
