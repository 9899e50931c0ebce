// Prisma CLI configuration. Run the CLI through the npm scripts (db:*), which set the offline guards.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { readDatabaseConfig } from "./lib/server/db/config.ts";
import { createAdapterFactory } from "./lib/server/db/adapter.ts";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: {
    path: path.join("prisma", "migrations"),
    seed: "node prisma/seed.ts",
  },
  async adapter() {
    return createAdapterFactory(readDatabaseConfig(), { forMigrations: true, pool: { max: 2, idleTimeoutMillis: 1_000 } });
  },
});
