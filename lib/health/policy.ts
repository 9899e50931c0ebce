// What "ready" means (GET /api/health answers 200 only then). Pure, so the rule is tested on its own.
import type { MigrationState } from "@/lib/server/db/migrations";
import type { StartupState } from "@/lib/server/startup-state";
import type { JobEngineState } from "@/lib/jobs/engine";

export type DatabaseHealth =
  | { kind: "pglite" | "postgresql"; reachable: true; migrations: MigrationState }
  | { kind: "pglite" | "postgresql"; reachable: false };

/**
 * Ready: the database answers; it holds every migration this build ships ("ahead" is ready too: a newer instance
 * migrated it during a rolling update, and migrations only ever add); start-up finished (first maintainers named);
 * and the job engine runs — working the queues, or only queuing when FOREWARN_WORKER=off.
 */
export function isReady(database: DatabaseHealth, startup: StartupState, jobs: JobEngineState): boolean {
  if (!database.reachable) return false;
  if (database.migrations.state !== "up-to-date" && database.migrations.state !== "ahead") return false;
  if (startup.state !== "done") return false;
  return jobs === "working" || (jobs === "queuing" && startup.workers === "off");
}
