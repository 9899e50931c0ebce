// npm run db:reset [-- --force] [-- --skip-seed] — delete every row and table of the configured database, apply all
// migrations again and load the demo data. Destructive: asks first unless --force.
import { rmSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import pg from "pg";
import { loadDotEnv } from "./lib/env.ts";
import { prisma, run } from "./lib/run.ts";
import { ConfigError } from "../lib/server/db/config.ts";
import { preflightDatabase } from "../lib/server/db/preflight.ts";

loadDotEnv();
const force = process.argv.includes("--force");
const skipSeed = process.argv.includes("--skip-seed");

let config;
try {
  config = await preflightDatabase({ hold: false });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`\n✖ ${error.message}\n`);
  process.exit(1);
}
const target = config.kind === "pglite" ? `the embedded database in ${config.dataDir}` : `PostgreSQL ${config.redactedUrl}`;

if (!force) {
  if (!process.stdin.isTTY) {
    console.error(`db:reset would erase ${target}. Run it in a terminal to confirm, or pass --force.`);
    process.exit(2);
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(`This erases ALL data in ${target}. Type "reset" to continue: `);
  rl.close();
  if (answer.trim() !== "reset") {
    console.log("Nothing changed.");
    process.exit(0);
  }
}

if (config.kind === "pglite") {
  rmSync(config.pgliteDir, { recursive: true, force: true });
} else {
  const client = new pg.Client({ host: config.host, port: config.port, user: config.user, password: config.password, database: config.database });
  await client.connect();
  try {
    await client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  } finally {
    await client.end();
  }
}
console.log(`Erased ${target}; applying migrations…`);
if ((await prisma(["migrate", "deploy"], { stdio: ["ignore", "ignore", "inherit"] })) !== 0) process.exit(1);
if (!skipSeed) process.exit(await run(process.execPath, ["prisma/seed.ts"]));
