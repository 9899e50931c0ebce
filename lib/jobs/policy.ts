// Who may look at the background jobs, and what a maintainer may do with one. Pure functions.
// A job's data is ids only, but its failure reason and the batches it names lead to recipients: the same people
// who follow deliveries (maintainers with their second factor) and nobody else.
import type { Viewer } from "@/lib/server/viewer-types";
import type { QueueName } from "./queues";

export function canViewJobs(viewer: Viewer): boolean {
  return viewer.kind === "maintainer" && viewer.secondFactor;
}

export const canRetryJobs = canViewJobs;

export const JOB_STATES = ["created", "retry", "active", "completed", "cancelled", "failed"] as const;
export type JobState = (typeof JOB_STATES)[number];

/** How maintainers read a state. */
export const JOB_STATE_LABELS: Record<JobState, string> = {
  created: "queued",
  retry: "waiting to retry",
  active: "running",
  completed: "completed",
  cancelled: "cancelled",
  failed: "failed",
};

/**
 * Attempts made and allowed. pg-boss counts retries (the first attempt is not one), and a job that was never
 * started has made none yet.
 */
export function jobAttempts(job: { state: JobState; retryCount: number; retryLimit: number; startedOn: Date | null }): { made: number; allowed: number } {
  const made = job.state === "created" && !job.startedOn ? 0 : job.retryCount + 1;
  return { made, allowed: job.retryLimit + 1 };
}

/** What the batch a send job names has become (null: not a send job, or its batch is gone). */
export type BatchState = "QUEUED" | "SENDING" | "DONE" | "FAILED" | null;

/**
 * Whether "Retry" on the jobs page would do something. Only a failed job goes back to the queue; a send job whose
 * batch is already settled (done, or marked failed by the outbox upkeep) would be skipped by its worker, so its
 * emails are retried from the send's delivery page instead.
 */
export function jobRetry(job: { queue: QueueName; state: JobState; batch: BatchState }): { ok: true } | { ok: false; reason: string } {
  if (job.state !== "failed") return { ok: false, reason: `Only a failed job can be retried; this one is ${JOB_STATE_LABELS[job.state]}.` };
  if (job.queue === "mail.send-batch" && (job.batch === null || job.batch === "DONE" || job.batch === "FAILED")) {
    return { ok: false, reason: "This batch is settled: retry its failed emails from the send's delivery page." };
  }
  return { ok: true };
}

/** pg-boss keeps a thrown error serialised ({ message, stack, … }) and its own timeouts as { value: { message } }. */
export function failureMessage(output: unknown): string | null {
  if (!output || typeof output !== "object") return null;
  const o = output as { message?: unknown; value?: unknown };
  const inner = o.value && typeof o.value === "object" ? (o.value as { message?: unknown }).message : o.value;
  const message = typeof o.message === "string" ? o.message : typeof inner === "string" ? inner : null;
  // By code points: a cut never leaves half of a character.
  return message ? Array.from(message).slice(0, 500).join("") : null;
}
