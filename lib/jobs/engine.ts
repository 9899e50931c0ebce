import "server-only";
// The job engine of this process: one pg-boss instance, started on first use. Every process that queues work
// starts it (queuing needs the queue definitions); a process works jobs only when it is a worker (the app by
// default, or `npm run worker`). Several processes on one PostgreSQL share the queues: each job goes to one of them.
import { fromPrisma, type JobResult, type JobWithMetadata, type PgBoss, type PrismaTransactionLike } from "pg-boss";
import { createBoss, type BossTuning } from "@/lib/server/db/boss";
import { getConfig } from "@/lib/server/config";
import { queueDefinitions, type JobPayloads, type QueueName } from "./queues";

export type JobHandler<N extends QueueName> = (job: JobWithMetadata<JobPayloads[N]>) => Promise<void>;
export type JobHandlers = { [N in QueueName]: JobHandler<N> };

/** workers: asked to work the queues; working: every queue's worker is registered. */
type Engine = { boss: Promise<PgBoss>; started: boolean; workers: boolean; working: boolean };
type Holder = { engine?: Engine | undefined; failed?: boolean };
// Kept on globalThis so Next's dev reloads do not start a second engine in the same process.
const holder: Holder = ((globalThis as { __forewarnJobs?: Holder }).__forewarnJobs ??= {});

function tuning(): BossTuning {
  const { monitorSeconds } = getConfig().jobs;
  return { superviseIntervalSeconds: monitorSeconds, monitorIntervalSeconds: monitorSeconds };
}

async function startBoss(): Promise<PgBoss> {
  const boss = await createBoss(tuning());
  // pg-boss reports errors of its background loops as events; without a listener Node would throw them.
  boss.on("error", (error) => console.error("[jobs] background error:", error instanceof Error ? error.message : error));
  await boss.start();
  const { mail } = getConfig();
  const definitions = queueDefinitions({ retryDelaySeconds: getConfig().jobs.retryDelaySeconds, maxAttempts: mail.maxAttempts });
  for (const [name, definition] of Object.entries(definitions)) {
    if (await boss.getQueue(name)) await boss.updateQueue(name, definition.options);
    else await boss.createQueue(name, definition.options);
    // A schedule is stored in the database: every instance upserts the same one, and pg-boss fires it once.
    if (definition.cron) await boss.schedule(name, definition.cron, {}, { tz: "UTC" });
  }
  return boss;
}

/** The started engine. Call it before opening a transaction that queues jobs (see `enqueue`). */
export function getJobEngine(): Promise<PgBoss> {
  if (!holder.engine) {
    const boss = startBoss();
    const engine: Engine = { boss, started: false, workers: false, working: false };
    holder.engine = engine;
    boss.then(
      () => {
        engine.started = true;
        holder.failed = false;
      },
      () => {
        // A later call tries again (an instance that lost a start-up race, a database that was restarting).
        if (holder.engine === engine) holder.engine = undefined;
        holder.failed = true;
      },
    );
  }
  return holder.engine.boss;
}

/**
 * What this process's job engine is doing, for readiness (GET /api/health): "working" once its workers run,
 * "queuing" when the engine runs without workers (FOREWARN_WORKER=off, or workers not started yet), "starting",
 * "failed" (the last start failed), "stopped" (never started, or stopped for shutdown).
 */
export type JobEngineState = "working" | "queuing" | "starting" | "failed" | "stopped";

export function getJobEngineState(): JobEngineState {
  const engine = holder.engine;
  if (!engine) return holder.failed ? "failed" : "stopped";
  if (!engine.started) return "starting";
  return engine.working ? "working" : "queuing";
}

export type JobRequest<N extends QueueName> = { id?: string; data: JobPayloads[N]; startAfter?: Date };

/**
 * Queues jobs inside the caller's Prisma transaction: they exist if and only if the change that needs them
 * commits (no job for a rolled-back change, no change without its job). Takes the started engine so that nothing
 * reaches the database outside the transaction while it is open (PGlite has a single connection).
 */
export async function enqueue<N extends QueueName>(boss: PgBoss, tx: PrismaTransactionLike, name: N, jobs: Array<JobRequest<N>>): Promise<void> {
  if (jobs.length === 0) return;
  await boss.insert(
    name,
    jobs.map((job) => ({ ...(job.id ? { id: job.id } : {}), data: job.data, ...(job.startAfter ? { startAfter: job.startAfter } : {}) })),
    { db: fromPrisma(tx) },
  );
}

/**
 * Starts working every queue in this process. Each fetch takes up to `concurrency` email batches and sends them side
 * by side; a full fetch is followed at once by the next (no wait for the polling interval while work is queued).
 * Every job is settled on its own: one batch failing retries that batch only.
 */
export async function startWorkers(handlers: JobHandlers): Promise<void> {
  const boss = await getJobEngine();
  const engine = holder.engine!;
  if (engine.workers) return;
  engine.workers = true;
  try {
    await registerWorkers(boss, handlers);
    engine.working = true;
  } catch (error) {
    // Stop what was registered, so that a later call starts every queue's worker once (not some of them twice).
    for (const name of Object.keys(handlers)) await boss.offWork(name).catch(() => undefined);
    engine.workers = false;
    throw error;
  }
}

async function registerWorkers(boss: PgBoss, handlers: JobHandlers): Promise<void> {
  const { concurrency } = getConfig().jobs;
  for (const name of Object.keys(handlers) as QueueName[]) {
    const handler = handlers[name] as JobHandler<QueueName>;
    const batchSize = name === "mail.send-batch" ? concurrency : 1;
    await boss.work(
      name,
      { includeMetadata: true, perJobResults: true, batchSize, burstWhenBatchFull: batchSize > 1, pollingIntervalSeconds: 1 },
      async (jobs: Array<JobWithMetadata<JobPayloads[QueueName]>>): Promise<JobResult[]> => {
        const settled = await Promise.allSettled(jobs.map((job) => handler(job)));
        return settled.map((outcome, i) =>
          outcome.status === "fulfilled"
            ? { id: jobs[i]!.id, status: "completed" }
            : { id: jobs[i]!.id, status: "failed", output: { message: outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason) } },
        );
      },
    );
  }
}

/** Stops the engine: waits for running jobs up to `timeoutMs`, then closes its connections. */
export async function stopJobEngine(timeoutMs = 10_000): Promise<void> {
  const engine = holder.engine;
  holder.engine = undefined;
  holder.failed = false;
  if (!engine) return;
  const boss = await engine.boss.catch(() => null);
  await boss?.stop({ graceful: true, timeout: timeoutMs, close: true });
}
