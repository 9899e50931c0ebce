import "server-only";
// What a send's chunks (./send-chunks.ts) and a whole-list notification's chunks (./notification-chunks.ts) do alike as
// jobs: a chunk composed from something that changed before its commit is composed again, and one job goes on to the
// next chunks itself for a while.

export type ChunkOutcome = { outcome: "queued" | "done" | "stopped"; emails: number; last: boolean };

/** Raised inside a chunk's transaction when what it composed is no longer right: it is rolled back and composed again. */
export class ChunkChanged extends Error {}

const COMPOSE_ATTEMPTS = 5;

/**
 * How long one job goes on to the next chunks itself. Meanwhile no job is queued for the next chunk: the running job is
 * the durable record (a worker that dies leaves it to expire and be retried, and the retry resumes where the list
 * stands). A delayed "safety net" job per chunk left hundreds of no-op jobs in the queue at 10,000 organisations (one
 * fetch a second each), ahead of the next send's or notification's chunks.
 */
const JOB_BUDGET_MS = 60_000;

/** One chunk, composed again while what it composed changed before its commit (at most a few times). */
export async function composingAgainIfChanged(chunk: () => Promise<ChunkOutcome>): Promise<ChunkOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await chunk();
    } catch (error) {
      if (!(error instanceof ChunkChanged) || attempt >= COMPOSE_ATTEMPTS) throw error;
    }
  }
}

/**
 * A chunk job: chunk `index` — or the first not done yet (`chunksDone`), when the job is a retry of one that died after
 * writing some — and the chunks after it for up to a minute. `chunk(i, goOn)`: writes chunk i; `goOn` tells it that
 * this job writes the next one itself, so it queues no job for it.
 */
export async function runChunkJob(index: number, chunksDone: number | undefined, chunk: (i: number, goOn: boolean) => Promise<ChunkOutcome>): Promise<{ chunks: number; emails: number }> {
  const deadline = Date.now() + JOB_BUDGET_MS;
  let [chunks, emails] = [0, 0];
  for (let i = Math.max(index, chunksDone ?? index); ; i += 1) {
    const goOn = Date.now() < deadline;
    const done = await chunk(i, goOn);
    if (done.outcome !== "queued") return { chunks, emails };
    [chunks, emails] = [chunks + 1, emails + done.emails];
    if (done.last || !goOn) return { chunks, emails };
  }
}
