// Marks failed migration attempts as rolled back — what `prisma migrate resolve --rolled-back` does, which the
// driver-adapter CLI cannot run offline. Safe because every migration runs as one transaction (adapter.ts): a failed
// attempt left nothing behind. Called only after `migrate deploy` reported the failure under its advisory lock.
import pg from "pg";
import type { DatabaseConfig } from "./config.ts";
import { closePglite, openPglite } from "./pglite.ts";

const SQL = `UPDATE "_prisma_migrations" SET rolled_back_at = now()
             WHERE migration_name = ANY($1) AND finished_at IS NULL AND rolled_back_at IS NULL`;

export async function markFailedMigrationsRolledBack(config: DatabaseConfig, names: string[]): Promise<number> {
  if (names.length === 0) return 0;
  if (config.kind === "pglite") {
    const pglite = await openPglite(config);
    try {
      return (await pglite.query(SQL, [names])).affectedRows ?? 0;
    } finally {
      await closePglite(config.pgliteDir);
    }
  }
  const client = new pg.Client({ host: config.host, port: config.port, user: config.user, password: config.password, database: config.database });
  await client.connect();
  try {
    return (await client.query(SQL, [names])).rowCount ?? 0;
  } finally {
    await client.end();
  }
}
