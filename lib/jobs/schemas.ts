// Input of the jobs page (its filter) and of its one action (retry a failed job).
import { z } from "zod";
import { JOB_STATES } from "./policy";
import { QUEUE_LABELS, type QueueName } from "./queues";

export const QUEUE_NAMES = Object.keys(QUEUE_LABELS) as [QueueName, ...QueueName[]];

export const JobFilterSchema = z
  .object({
    queue: z.enum(QUEUE_NAMES).optional(),
    state: z.enum(JOB_STATES).optional(),
  })
  .strict();

export type JobFilter = z.infer<typeof JobFilterSchema>;

export const RetryJobSchema = z
  .object({
    queue: z.enum(QUEUE_NAMES),
    jobId: z.uuid("Not a job id."),
  })
  .strict();

export type RetryJobInput = z.infer<typeof RetryJobSchema>;

/** How many jobs the page lists (newest first). */
export const JOBS_PAGE_SIZE = 100;
