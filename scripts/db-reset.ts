// npm run db:reset [-- --force] [-- --skip-seed] — delete every row and table of the configured database, apply all
// migrations again and load the demo data. Destructive: asks first unless --force.
import { rmSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import pg from "pg";
import { loadDotEnv } from "./lib/env.ts";
import { run } from "./lib/run.ts";
import { applyMigrations } from "./lib/migrate.ts";
import { exitOnConfigError, readDatabaseConfig, stopWithMessage } from "../lib/server/db/config.ts";
import { preflightDatabase, describePostgresError } from "../lib/server/db/preflight.ts";
import { lockDataDir } from "../lib/server/db/pglite.ts";

loadDotEnv();
const heading = "Cannot reset the database.";
const force = process.argv.includes("--force");
const skipSeed = process.argv.includes("--skip-seed");

const config = await preflightDatabase({ hold: false }).catch((error: unknown) => exitOnConfigError(error, heading));
const target = config.kind === "pglite" ? `the embedded database in ${config.dataDir}` : `PostgreSQL ${config.redactedUrl}`;

if (!force) {
  if (!process.stdin.isTTY) stopWithMessage(`db:reset would erase ${target}. Run it in a terminal to confirm, or pass --force.`, heading);
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(`This erases ALL data in ${target}. Type "reset" to continue: `);
  rl.close();
  if (answer.trim() !== "reset") {
    console.log("Nothing changed.");
    process.exit(0);
  }
}

if (config.kind === "pglite") {
  // Holding the lock while deleting: a server started meanwhile cannot open a half-deleted directory.
  const release = await lockDataDir(config).catch((error: unknown) => exitOnConfigError(error, heading));
  rmSync(config.pgliteDir, { recursive: true, force: true });
  await release();
} else {
  const pgConfig = readDatabaseConfig();
  if (pgConfig.kind !== "postgresql") throw new Error("unreachable");
  const client = new pg.Client({ host: pgConfig.host, port: pgConfig.port, user: pgConfig.user, password: pgConfig.password, database: pgConfig.database });
  try {
    await client.connect();
    await client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  } catch (error) {
    stopWithMessage(describePostgresError(error, pgConfig), heading);
  } finally {
    await client.end().catch(() => undefined);
  }
}
console.log(`Erased ${target}; applying migrations…`);
const migrated = await applyMigrations();
if (!migrated.ok) stopWithMessage(migrated.message, heading);
if (!skipSeed) process.exit(await run(process.execPath, ["--conditions=react-server", "--import", "tsx", "prisma/seed.ts"]));
