// Prisma CLI configuration. Run the CLI through the npm scripts (db:*), which set the offline guards.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { exitOnConfigError, readDatabaseConfig } from "./lib/server/db/config.ts";
import { createAdapterFactory } from "./lib/server/db/adapter.ts";
import { preflightDatabase } from "./lib/server/db/preflight.ts";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: {
    // FOREWARN_MIGRATIONS_DIR exists for tests of the migration runner itself.
    path: process.env.FOREWARN_MIGRATIONS_DIR ?? path.join("prisma", "migrations"),
    seed: "node --conditions=react-server --import tsx prisma/seed.ts",
  },
  async adapter() {
    // Takes the embedded database's lock for this process (or checks PostgreSQL) before the engine starts:
    // the CLI reports errors from inside the adapter only as "External error id#0".
    await preflightDatabase({ hold: true }).catch((error: unknown) => exitOnConfigError(error, "Cannot use the database."));
    return createAdapterFactory(readDatabaseConfig(), { forMigrations: true, pool: { max: 2, idleTimeoutMillis: 1_000 } });
  },
});
