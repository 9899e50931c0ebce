// npm run worker — works background jobs (email batches, outbox upkeep) in a process of its own, beside or instead
// of the app's in-process worker. On PostgreSQL run as many as you like, on as many machines: each job goes to
// exactly one of them. On the embedded database only one process may open the data directory, so a separate worker
// is refused while the app runs (the app works its own jobs). Stops gracefully on SIGINT/SIGTERM.
import { loadDotEnv } from "./lib/env.ts";
import { exitOnConfigError } from "../lib/server/db/config.ts";
import { preflightDatabase } from "../lib/server/db/preflight.ts";

loadDotEnv();
const config = await preflightDatabase({ hold: true }).catch(exitOnConfigError);
// Loaded after the checks: the job code reads its settings when first used.
const { startAllWorkers } = await import("../lib/composition/job-handlers.ts");
const { stopJobEngine } = await import("../lib/jobs/engine.ts");

await startAllWorkers();
console.log(`[worker] working jobs on ${config.kind === "pglite" ? `embedded PGlite in ${config.dataDir}` : config.redactedUrl} (pid ${process.pid})`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`[worker] ${signal}: finishing running jobs…`);
    void stopJobEngine(20_000).then(() => process.exit(0));
  });
}
