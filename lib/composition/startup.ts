// Composition root: what runs once when the server process starts (instrumentation.ts) — take the embedded
// database's lock and refuse to serve with a database that is unreachable or behind this build's migrations, name the
// first maintainers, start the background work. Like ./job-handlers.ts it may see every domain; no domain imports it.
import { exitOnConfigError, stopWithMessage as stop } from "@/lib/server/db/config";
import { preflightDatabase } from "@/lib/server/db/preflight";
import { getHealth } from "@/lib/health/data";
import { bootstrapMaintainers } from "@/lib/auth/data";
import { getConfig } from "@/lib/server/config";

export async function verifyDatabaseAtStartup(): Promise<void> {
  await preflightDatabase({ hold: true }).catch(exitOnConfigError);
  const health = await getHealth();
  if (health.status !== "ok") stop("The database stopped answering during start-up. Check it and start again.");
  const { migrations } = health.database;
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
  try {
    await getJobEngine();
  } catch (error) {
    stop(`The background job engine could not start on the database (${error instanceof Error ? error.message : String(error)}). Check that the database user may create the "pgboss" schema, then start again.`);
  }
  // scripts/serve.ts runs these before the process exits: running jobs finish instead of being replayed later.
  const hooks = ((globalThis as { __forewarnShutdown?: Array<() => Promise<void>> }).__forewarnShutdown ??= []);
  hooks.push(() => stopJobEngine(4_000));
  if (getConfig().jobs.worker === "off") {
    console.log("[forewarn] FOREWARN_WORKER=off: this process queues jobs; `npm run worker` processes work them.");
    return;
  }
  const { startAllWorkers } = await import("@/lib/composition/job-handlers");
  await startAllWorkers();
}
