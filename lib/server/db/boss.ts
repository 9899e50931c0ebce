import "server-only";
// pg-boss on the configured database. The queues live in their own schema ("pgboss") beside the application's
// tables, which pg-boss creates and upgrades itself at start (under an advisory lock, so instances starting together
// are safe). On PGlite pg-boss shares this process's instance through its own adapter; on PostgreSQL it has a small
// pool of its own, and several processes (app instances, `npm run worker`) share the queues safely: a job is
// fetched by exactly one of them (SELECT … FOR UPDATE SKIP LOCKED).
import { PgBoss, fromPglite, type ConstructorOptions } from "pg-boss";
import { getJobDatabase } from "./client.ts";

export const BOSS_SCHEMA = "pgboss";

export type BossTuning = Pick<ConstructorOptions, "superviseIntervalSeconds" | "monitorIntervalSeconds" | "schedule" | "supervise">;

export async function createBoss(tuning: BossTuning = {}): Promise<PgBoss> {
  const target = await getJobDatabase();
  const common: ConstructorOptions = { schema: BOSS_SCHEMA, application_name: "forewarn-jobs", ...tuning };
  if (target.kind === "pglite") {
    return new PgBoss({ ...common, db: fromPglite(target.pglite), backend: "pglite" });
  }
  return new PgBoss({ ...common, connectionString: target.url, max: 4, connectionTimeoutMillis: 5_000 });
}
