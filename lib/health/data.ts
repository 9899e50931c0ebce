import "server-only";
// Liveness and readiness of the portal's database. Public on purpose (load balancers, `npm start`), so it says
// only what an operator needs: the database kind and whether its migrations match this build.
import { getDb, getDatabaseKind } from "@/lib/server/db/client";
import { compareMigrations, listShippedMigrations, type MigrationState } from "@/lib/server/db/migrations";

export type Health =
  | { status: "ok"; database: { kind: "pglite" | "postgresql"; reachable: true; migrations: MigrationState } }
  | { status: "unavailable"; database: { kind: "pglite" | "postgresql"; reachable: false } };

const PROBE_TIMEOUT_MS = 3_000;

type Row = { migration_name: string; finished_at: Date | null; rolled_back_at: Date | null };

export async function getHealth(): Promise<Health> {
  const kind = getDatabaseKind();
  let rows: Row[];
  try {
    rows = await withTimeout(
      getDb().$queryRaw<Row[]>`SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"`,
      PROBE_TIMEOUT_MS,
    );
  } catch (error) {
    // Reachable but never migrated: every shipped migration is pending.
    if (!isMissingTable(error)) return { status: "unavailable", database: { kind, reachable: false } };
    rows = [];
  }
  const migrations = compareMigrations(
    await listShippedMigrations(),
    rows.map((r) => ({ name: r.migration_name, finished: r.finished_at !== null, rolledBack: r.rolled_back_at !== null })),
  );
  return { status: "ok", database: { kind, reachable: true, migrations } };
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
