import "server-only";
// What the background jobs are doing, for maintainers: the recent jobs of every queue and their counts, read from
// pg-boss's own table (one query each, newest first, which pg-boss's API does not offer), and a retry of a failed
// job through pg-boss itself. A job's data is ids only; what it says about a failure is shown as pg-boss kept it.
import { fromPrisma } from "pg-boss";
import { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";
import { AppError, ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { getJobEngine } from "./engine";
import { canRetryJobs, canViewJobs, failureMessage, jobAttempts, jobRetry, type BatchState, type JobState } from "./policy";
import { QUEUE_LABELS, SCHEDULED_QUEUES, type QueueName } from "./queues";
import { JOBS_PAGE_SIZE, QUEUE_NAMES, type JobFilter, type RetryJobInput } from "./schemas";

// The table lives in the schema createBoss() gives pg-boss (BOSS_SCHEMA, "pgboss"); queues with a table of their
// own are partitions of it, so this one table holds every job.
type RawJob = {
  id: string;
  name: QueueName;
  state: JobState;
  retry_count: number;
  retry_limit: number;
  start_after: Date;
  started_on: Date | null;
  created_on: Date;
  completed_on: Date | null;
  waits_until: Date | null;
  output: unknown;
  data: unknown;
};

export type JobRow = {
  id: string;
  queue: QueueName;
  queueLabel: string;
  state: JobState;
  attempts: { made: number; allowed: number };
  createdOn: Date;
  startedOn: Date | null;
  completedOn: Date | null;
  startAfter: Date;
  /** For a queued job held back (a retry's delay, a send scheduled for later): when it may run. */
  waitsUntil: Date | null;
  /** The failure pg-boss recorded (an error's message), never its stack. */
  failure: string | null;
  /** The job's data as queued: ids only. */
  data: Record<string, string>;
  /** For a send job: the send its batch belongs to, and what the batch has become. */
  dispatchId: string | null;
  batch: BatchState;
  retry: { ok: true } | { ok: false; reason: string };
};

/**
 * A disclosure job that would do nothing: still waiting (or failed) while its notice is no longer embargoed —
 * disclosed early, withdrawn, deleted — or, still unstarted, scheduled for a time the notice moved away from (the new
 * time has its own job). Its handler skips it; listing it as "queued" would say a disclosure is still to come. The
 * job stays in pg-boss's table until pg-boss prunes it; the jobs page neither lists nor counts it. (Columns are
 * qualified: "Notice" has a `state` of its own.)
 */
const MOOT_DISCLOSURE = Prisma.sql`(
  job.name = 'notice.disclose' AND job.state::text IN ('created', 'retry', 'failed') AND NOT EXISTS (
    SELECT 1 FROM "Notice" n
    WHERE n.id = job.data->>'noticeId' AND n.state::text = 'EMBARGOED'
      AND (job.state::text <> 'created' OR abs(extract(epoch FROM job.start_after - n."disclosureAt")) < 1)
  )
)`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function idsOnly(data: unknown): Record<string, string> {
  if (!data || typeof data !== "object") return {};
  return Object.fromEntries(Object.entries(data).filter(([, v]) => typeof v === "string" || typeof v === "number").map(([k, v]) => [k, String(v)]));
}

/** The batches send jobs name: which send each belongs to and what it has become. */
async function batchesOf(jobs: Array<{ name: QueueName; data: unknown }>): Promise<Map<string, { dispatchId: string; status: Exclude<BatchState, null> }>> {
  const ids = jobs.filter((j) => j.name === "mail.send-batch").map((j) => idsOnly(j.data).batchId).filter((id): id is string => !!id && UUID.test(id));
  if (ids.length === 0) return new Map();
  const batches = await getDb().mailBatch.findMany({ where: { id: { in: ids } }, select: { id: true, dispatchId: true, status: true } });
  return new Map(batches.map((b) => [b.id, { dispatchId: b.dispatchId, status: b.status }]));
}

/** The most recent jobs (newest first, at most 100), optionally of one queue or in one state. */
export async function listJobs(viewer: Viewer, filter: JobFilter = {}): Promise<JobRow[]> {
  if (!canViewJobs(viewer)) throw new NotFoundError();
  // The started engine guarantees its tables exist (it creates and upgrades them at start).
  await getJobEngine();
  const queue = filter.queue ?? null;
  const state = filter.state ?? null;
  const rows = await getDb().$queryRaw<RawJob[]>`
    SELECT id::text AS id, name, state::text AS state, retry_count, retry_limit, start_after, started_on, created_on, completed_on, output, data,
      CASE WHEN state::text IN ('created', 'retry') AND start_after > now() THEN start_after END AS waits_until
    FROM pgboss.job
    WHERE name = ANY(${QUEUE_NAMES}::text[])
      AND (${queue}::text IS NULL OR name = ${queue}::text)
      AND (${state}::text IS NULL OR state::text = ${state}::text)
      AND NOT ${MOOT_DISCLOSURE}
    ORDER BY created_on DESC, id DESC
    LIMIT ${JOBS_PAGE_SIZE}`;
  const batches = await batchesOf(rows);
  return rows.map((r) => {
    const data = idsOnly(r.data);
    const batch = r.name === "mail.send-batch" && data.batchId ? (batches.get(data.batchId) ?? null) : null;
    const batchState: BatchState = batch?.status ?? null;
    return {
      id: r.id,
      queue: r.name,
      queueLabel: QUEUE_LABELS[r.name] ?? r.name,
      state: r.state,
      attempts: jobAttempts({ state: r.state, retryCount: Number(r.retry_count), retryLimit: Number(r.retry_limit), startedOn: r.started_on }),
      createdOn: r.created_on,
      startedOn: r.started_on,
      completedOn: r.completed_on,
      startAfter: r.start_after,
      waitsUntil: r.waits_until,
      failure: failureMessage(r.output),
      data,
      dispatchId: batch?.dispatchId ?? null,
      batch: batchState,
      retry: jobRetry({ queue: r.name, state: r.state, batch: batchState }),
    };
  });
}

/** Days a job that gave up stays on the maintainers' overview (the jobs page keeps it as long as pg-boss does). */
export const GAVE_UP_DAYS = 14;

export type GaveUpQueue = { queue: QueueName; label: string; failed: number; lastFailedAt: Date; lastFailure: string | null };

/**
 * Jobs that gave up (every attempt failed) in the last GAVE_UP_DAYS days, per queue, newest first: work that was
 * committed to happen — a send's emails queued, a disclosure, an advisory published — and will not happen unless a
 * maintainer retries it. A disclosure that gave up stays for as long as its notice is still under embargo at that
 * time (MOOT_DISCLOSURE: not once it is disclosed, withdrawn or moved). A scheduled queue's failure counts until a
 * run that started after it succeeds (runs overlap: one started before may end after). A batch the outbox has since
 * settled (sent, or failed with its emails) is not here: its emails are, under "Sends with failed emails", where they
 * are retried.
 */
export async function listGaveUpJobs(viewer: Viewer, now = new Date()): Promise<GaveUpQueue[]> {
  if (!canViewJobs(viewer)) throw new NotFoundError();
  await getJobEngine();
  const since = new Date(now.getTime() - GAVE_UP_DAYS * 86_400_000);
  const rows = await getDb().$queryRaw<Array<{ name: QueueName; n: number; last_failed_at: Date; output: unknown }>>`
    SELECT job.name, count(*)::int AS n, max(job.completed_on) AS last_failed_at, (array_agg(job.output ORDER BY job.completed_on DESC))[1] AS output
    FROM pgboss.job job
    WHERE job.name = ANY(${QUEUE_NAMES}::text[]) AND job.state::text = 'failed'
      AND (job.completed_on >= ${since} OR job.name = 'notice.disclose')
      AND NOT ${MOOT_DISCLOSURE}
      AND NOT (job.name = 'mail.send-batch' AND EXISTS (SELECT 1 FROM "MailBatch" b WHERE b."id" = job.id AND b."status"::text IN ('DONE', 'FAILED')))
      AND NOT (job.name = ANY(${SCHEDULED_QUEUES}::text[]) AND EXISTS (
        SELECT 1 FROM pgboss.job done WHERE done.name = job.name AND done.state::text = 'completed' AND done.started_on > job.completed_on))
    GROUP BY job.name
    ORDER BY max(job.completed_on) DESC`;
  return rows.map((r) => ({ queue: r.name, label: QUEUE_LABELS[r.name] ?? r.name, failed: Number(r.n), lastFailedAt: r.last_failed_at, lastFailure: failureMessage(r.output) }));
}

/**
 * The Overview's reading of listGaveUpJobs: null when the job engine cannot be read (then that engine is likely what
 * is broken, and the rest of the home must still answer). Refusals (not a maintainer with the second factor) stay
 * refusals.
 */
export async function gaveUpJobsIfReadable(viewer: Viewer, now = new Date()): Promise<GaveUpQueue[] | null> {
  try {
    return await listGaveUpJobs(viewer, now);
  } catch (error) {
    if (error instanceof AppError) throw error;
    console.error("[forewarn] overview: the background jobs could not be read:", error instanceof Error ? error.message : error);
    return null;
  }
}

export type QueueCounts = {
  queue: QueueName;
  label: string;
  /** Waiting to run: new, or waiting for their next attempt. */
  queued: number;
  active: number;
  completed: number;
  failed: number;
  cancelled: number;
  total: number;
};

/** Jobs per queue and state, counted now (pg-boss's own counts lag by its monitor interval). */
export async function getQueueCounts(viewer: Viewer): Promise<QueueCounts[]> {
  if (!canViewJobs(viewer)) throw new NotFoundError();
  await getJobEngine();
  const groups = await getDb().$queryRaw<Array<{ name: QueueName; state: JobState; n: number }>>`
    SELECT name, state::text AS state, count(*)::int AS n FROM pgboss.job WHERE name = ANY(${QUEUE_NAMES}::text[]) AND NOT ${MOOT_DISCLOSURE} GROUP BY name, state`;
  return QUEUE_NAMES.map((queue) => {
    const n = (...states: JobState[]) => groups.filter((g) => g.name === queue && states.includes(g.state)).reduce((sum, g) => sum + Number(g.n), 0);
    return {
      queue,
      label: QUEUE_LABELS[queue],
      queued: n("created", "retry"),
      active: n("active"),
      completed: n("completed"),
      failed: n("failed"),
      cancelled: n("cancelled"),
      total: n("created", "retry", "active", "completed", "cancelled", "failed"),
    };
  });
}

/**
 * Puts a failed job back in its queue (pg-boss allows it one more attempt) and records who did it, in one
 * transaction: two maintainers pressing "Retry" at once retry it once, and the other is told so.
 */
export async function retryJob(viewer: Viewer, input: RetryJobInput, request: RequestInfo): Promise<{ jobId: string }> {
  if (!canRetryJobs(viewer) || viewer.kind !== "maintainer") throw new NotFoundError();
  const boss = await getJobEngine();
  // Also loads the queue into pg-boss's cache, so that nothing inside the transaction below reaches the database
  // on another connection (PGlite has one).
  const [job] = await boss.findJobs<Record<string, unknown>>(input.queue, { id: input.jobId });
  if (!job) throw new NotFoundError();
  const batch = (await batchesOf([{ name: input.queue, data: job.data }])).get(idsOnly(job.data).batchId ?? "")?.status ?? null;
  const verdict = jobRetry({ queue: input.queue, state: job.state, batch });
  if (!verdict.ok) throw new ValidationError(verdict.reason);
  const db = getDb();
  await db.$transaction(async (tx) => {
    // (Typed as an empty interface; at run time it carries how many jobs the statement changed.)
    const { affected } = (await boss.retry(input.queue, input.jobId, { db: fromPrisma(tx) })) as { affected?: number };
    if (affected !== 1) throw new ConflictError("This job was retried or changed meanwhile. Reload the page to see where it is.");
    await recordAudit(
      {
        actor: { id: viewer.userId, email: viewer.email },
        action: "jobs.job.retried",
        target: { type: "job", id: input.jobId },
        ip: request.ip,
        details: { queue: input.queue, attempts: job.retryCount + 1 },
      },
      tx,
    );
  });
  return { jobId: input.jobId };
}
