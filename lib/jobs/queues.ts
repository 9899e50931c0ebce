// The background jobs Forewarn runs, with their retry and timing rules. Every queue lives in pg-boss on the
// application's own database; a job's data is ids only (never content), so the queue tables hold nothing secret.
import type { Queue } from "pg-boss";

export type JobPayloads = {
  /** Send one frozen batch of outbox emails (at most 100) in one provider call. The job id is the batch id. */
  "mail.send-batch": { batchId: string };
  /** Every minute: put back batches whose job went missing, fail batches whose job died, prune old records. */
  "mail.sweep": Record<string, never>;
  /** At a notice's disclosure time: end its embargo (a no-op if the date moved or it ended already). */
  "notice.disclose": { noticeId: string };
  /** Queue the emails of one chunk of a notice's frozen audience (NoticeSend), then the next chunk's job. */
  "notice.send-chunk": { sendId: string; index: number };
  /** Queue the emails of one chunk of a whole-list notification owed (NoticeNotification), then the next chunk's job. */
  "notice.notify-chunk": { notificationId: string; index: number };
  /** Every hour: remind organisations that have not acknowledged an embargoed notice after the configured delay. */
  "notice.remind": Record<string, never>;
  /** Every hour: delete reports nobody confirmed within a day (and the reporter account made for them alone). */
  "report.sweep-unconfirmed": Record<string, never>;
  /** Every 15 minutes: remind maintainers of reports whose acknowledgement clock is about to run out (once each). */
  "report.remind": Record<string, never>;
  /** After a disclosure: sign and store the notice's TLP:CLEAR CSAF document in the provider directory. */
  "csaf.publish": { noticeId: string };
  /** Every five minutes: publish what the directory misses or what changed, sign what was published unsigned. */
  "csaf.reconcile": Record<string, never>;
  /** Every hour: delete ended sessions, expired sign-in links, old Mailbox records and spent rate-limit counters. */
  "retention.sweep": Record<string, never>;
};

export type QueueName = keyof JobPayloads;

export type QueueSettings = { retryDelaySeconds: number; maxAttempts: number };

type QueueDefinition = { options: Omit<Queue, "name">; cron?: string };

export function queueDefinitions(settings: QueueSettings): Record<QueueName, QueueDefinition> {
  return {
    "mail.send-batch": {
      options: {
        // pg-boss counts retries after the first attempt.
        retryLimit: settings.maxAttempts - 1,
        retryDelay: settings.retryDelaySeconds,
        retryBackoff: true,
        // Resend keeps idempotency keys for 24 hours: every retry of a batch must happen well inside that window.
        retryDelayMax: 3_600,
        // A worker that dies mid-call stops sending heartbeats; its batch is taken up again by another worker (or
        // the same one restarted) and replayed with the same idempotency key.
        heartbeatSeconds: 10,
        expireInSeconds: 300,
        deleteAfterSeconds: 14 * 24 * 3_600,
      },
    },
    "mail.sweep": {
      options: { retryLimit: 1, expireInSeconds: 120, deleteAfterSeconds: 24 * 3_600 },
      cron: "* * * * *",
    },
    "notice.disclose": {
      // Disclosure must happen: retried for a long time; the handler is idempotent (a state change under a lock).
      options: { retryLimit: 50, retryDelay: 10, retryBackoff: true, retryDelayMax: 600, expireInSeconds: 120, deleteAfterSeconds: 30 * 24 * 3_600 },
    },
    "notice.send-chunk": {
      // Must happen (the send is committed): retried for a long time; a replay of a done chunk writes nothing.
      options: { retryLimit: 50, retryDelay: 5, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 300, deleteAfterSeconds: 14 * 24 * 3_600 },
    },
    "notice.notify-chunk": {
      // Must happen (the change is committed): retried for a long time; a replay of a done chunk writes nothing.
      options: { retryLimit: 50, retryDelay: 5, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 300, deleteAfterSeconds: 14 * 24 * 3_600 },
    },
    "notice.remind": {
      options: { retryLimit: 2, expireInSeconds: 300, deleteAfterSeconds: 7 * 24 * 3_600 },
      cron: "7 * * * *",
    },
    "report.sweep-unconfirmed": {
      options: { retryLimit: 2, expireInSeconds: 300, deleteAfterSeconds: 7 * 24 * 3_600 },
      cron: "23 * * * *",
    },
    "report.remind": {
      // Idempotent: a report's reminder is claimed in the transaction that queues its emails.
      options: { retryLimit: 2, expireInSeconds: 300, deleteAfterSeconds: 7 * 24 * 3_600 },
      cron: "*/15 * * * *",
    },
    "csaf.publish": {
      // Retried for hours while signing is on but unusable (a key to renew): nothing is published unsigned meanwhile.
      options: { retryLimit: 50, retryDelay: 10, retryBackoff: true, retryDelayMax: 600, expireInSeconds: 120, deleteAfterSeconds: 30 * 24 * 3_600 },
    },
    "csaf.reconcile": {
      options: { retryLimit: 1, expireInSeconds: 600, deleteAfterSeconds: 7 * 24 * 3_600 },
      cron: "*/5 * * * *",
    },
    "retention.sweep": {
      options: { retryLimit: 2, expireInSeconds: 300, deleteAfterSeconds: 7 * 24 * 3_600 },
      cron: "41 * * * *",
    },
  };
}

/** Queue names as maintainers read them on the jobs page. */
export const QUEUE_LABELS: Record<QueueName, string> = {
  "mail.send-batch": "Send an email batch",
  "mail.sweep": "Outbox upkeep (every minute)",
  "notice.disclose": "Disclose a notice at its time",
  "notice.send-chunk": "Queue the emails of a sent notice (a chunk of organisations)",
  "notice.notify-chunk": "Queue the emails of a change's notification (a chunk of organisations)",
  "notice.remind": "Remind silent organisations (hourly)",
  "report.sweep-unconfirmed": "Delete unconfirmed reports after a day (hourly)",
  "report.remind": "Remind maintainers of reports to acknowledge (every 15 minutes)",
  "csaf.publish": "Publish a disclosed advisory's CSAF document",
  "csaf.reconcile": "CSAF directory upkeep (every five minutes)",
  "retention.sweep": "Delete ended sessions, expired links, old mail records (hourly)",
};

/** The queues run on a schedule: a later run that succeeds settles an earlier one that failed. */
export const SCHEDULED_QUEUES = Object.entries(queueDefinitions({ retryDelaySeconds: 1, maxAttempts: 1 }))
  .filter(([, definition]) => definition.cron !== undefined)
  .map(([name]) => name as QueueName);
