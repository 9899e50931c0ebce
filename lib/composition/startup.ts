// Composition root: what runs once when the server process starts (instrumentation.ts) — take the embedded
// database's lock and refuse to serve with a database that is unreachable or behind this build's migrations, name the
// first maintainers, start the background work. Like ./job-handlers.ts it may see every domain; no domain imports it.
//
// Several instances may start together on one PostgreSQL: every step here is idempotent under that race (the first
// maintainers are inserted with ON CONFLICT DO NOTHING, pg-boss creates its schema and queues under advisory locks),
// and a step that fails anyway is tried again. Until it all succeeded the process is live (GET /api/ping answers) but
// not ready (GET /api/health answers 503 and says which part is missing).
import { exitOnConfigError, stopWithMessage as stop } from "@/lib/server/db/config";
import { preflightDatabase } from "@/lib/server/db/preflight";
import { setStartupState } from "@/lib/server/startup-state";
import { getDatabaseHealth } from "@/lib/health/data";
import { bootstrapMaintainers } from "@/lib/auth/data";
import { getConfig } from "@/lib/server/config";

export async function verifyDatabaseAtStartup(): Promise<void> {
  await preflightDatabase({ hold: true }).catch(exitOnConfigError);
  const database = await getDatabaseHealth();
  if (!database.reachable) stop("The database stopped answering during start-up. Check it and start again.");
  const { migrations } = database;
  if (migrations.state === "pending" || migrations.state === "failed") {
    stop(
      `The database is not at this build's schema (${migrations.state}: ${[...migrations.failed, ...migrations.pending].join(", ")}). ` +
        "Start with `npm start` (it applies migrations) or run `npm run db:migrate` first.",
    );
  }
}

/** FOREWARN_ADMIN_EMAILS: the first maintainers of a fresh instance, without touching the database by hand. */
export async function bootstrapFirstMaintainers(): Promise<void> {
  const emails = getConfig().adminEmails;
  if (emails.length === 0) return;
  const { created, skipped } = await bootstrapMaintainers(emails);
  for (const email of created) console.log(`[forewarn] ${email} is now a maintainer (FOREWARN_ADMIN_EMAILS). Sign in at ${getConfig().publicUrl}/sign-in`);
  for (const reason of skipped) console.warn(`[forewarn] FOREWARN_ADMIN_EMAILS: skipped ${reason}`);
}

/** The job engine, and this process's workers unless FOREWARN_WORKER=off (then `npm run worker` works the jobs). */
export async function startBackgroundWork(): Promise<void> {
  const { getJobEngine, stopJobEngine } = await import("@/lib/jobs/engine");
  await getJobEngine();
  // scripts/serve.ts runs these before the process exits: running jobs finish instead of being replayed later.
  const holder = globalThis as { __forewarnShutdown?: Array<() => Promise<void>>; __forewarnJobsHook?: boolean };
  if (!holder.__forewarnJobsHook) {
    (holder.__forewarnShutdown ??= []).push(() => stopJobEngine(4_000));
    holder.__forewarnJobsHook = true;
  }
  if (getConfig().jobs.worker === "off") {
    console.log("[forewarn] FOREWARN_WORKER=off: this process queues jobs; `npm run worker` processes work them.");
    return;
  }
  const { startAllWorkers } = await import("@/lib/composition/job-handlers");
  await startAllWorkers();
}

export type StartupOptions = { attempts?: number; firstDelayMs?: number; maxDelayMs?: number };

/**
 * Everything after the database check: first maintainers, then the job engine and workers, each tried again with
 * backoff when it fails (about two minutes in all by default), and the outcome recorded for readiness. Never throws:
 * a process that could not finish start-up stays live and says so on GET /api/health.
 */
export async function completeStartup(options: StartupOptions = {}): Promise<boolean> {
  const workers = getConfig().jobs.worker;
  setStartupState({ state: "starting", workers });
  const steps: Array<[string, () => Promise<void>]> = [
    ["naming the first maintainers (FOREWARN_ADMIN_EMAILS)", bootstrapFirstMaintainers],
    ["starting the background job engine", startBackgroundWork],
  ];
  for (const [what, step] of steps) {
    if (!(await withRetries(what, step, options))) {
      setStartupState({ state: "failed", workers, problem: `Start-up failed while ${what}; see the server log.` });
      console.error(`\n✖ Forewarn could not finish start-up (${what}). It keeps answering, but GET /api/health reports it not ready. Check the database, then restart it.\n`);
      return false;
    }
  }
  setStartupState({ state: "done", workers });
  return true;
}

async function withRetries(what: string, step: () => Promise<void>, { attempts = 8, firstDelayMs = 500, maxDelayMs = 30_000 }: StartupOptions): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      await step();
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (attempt >= attempts) {
        console.error(`[forewarn] ${what} failed (attempt ${attempt} of ${attempts}, giving up): ${message}`);
        return false;
      }
      const delay = Math.min(maxDelayMs, firstDelayMs * 2 ** (attempt - 1));
      console.warn(`[forewarn] ${what} failed (attempt ${attempt} of ${attempts}; trying again in ${delay} ms): ${message}`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
