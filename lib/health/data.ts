import "server-only";
// Readiness of this process, for load balancers, orchestrators and `npm start`'s callers: public on purpose, so it
// says only what an operator needs (database kind, migration state, whether start-up finished and the job engine
// runs; never an error text). Liveness is GET /api/ping, which touches nothing.
import { getDb, getDatabaseKind } from "@/lib/server/db/client";
import { compareMigrations, listShippedMigrations } from "@/lib/server/db/migrations";
import { getStartupState, type StartupState } from "@/lib/server/startup-state";
import { getJobEngineState, type JobEngineState } from "@/lib/jobs/engine";
import { isReady, type DatabaseHealth } from "./policy";

export type { DatabaseHealth } from "./policy";

/** status "ok" (HTTP 200) only when the process is ready to serve: see ./policy.ts for what that means. */
export type Health = {
  status: "ok" | "unavailable";
  database: DatabaseHealth;
  startup: StartupState;
  jobs: { state: JobEngineState };
};

const PROBE_TIMEOUT_MS = 3_000;

type Row = { migration_name: string; finished_at: Date | null; rolled_back_at: Date | null };

export async function getHealth(): Promise<Health> {
  const database = await getDatabaseHealth();
  const startup = getStartupState();
  const jobs = { state: getJobEngineState() };
  return { status: isReady(database, startup, jobs.state) ? "ok" : "unavailable", database, startup, jobs };
}

/** The database alone: reachable within 3 s, and its migrations against this build's. */
export async function getDatabaseHealth(): Promise<DatabaseHealth> {
  const kind = getDatabaseKind();
  let rows: Row[];
  try {
    rows = await withTimeout(
      getDb().$queryRaw<Row[]>`SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"`,
      PROBE_TIMEOUT_MS,
    );
  } catch (error) {
    // Reachable but never migrated: every shipped migration is pending.
    if (!isMissingTable(error)) return { kind, reachable: false };
    rows = [];
  }
  const migrations = compareMigrations(
    await listShippedMigrations(),
    rows.map((r) => ({ name: r.migration_name, finished: r.finished_at !== null, rolledBack: r.rolled_back_at !== null })),
  );
  return { kind, reachable: true, migrations };
}

function isMissingTable(error: unknown): boolean {
  const meta = (error as { meta?: { code?: string } }).meta;
  return meta?.code === "42P01" || /_prisma_migrations.*does not exist/.test(String(error));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
