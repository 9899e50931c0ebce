// npm run test:e2e — the browser suite against the production build, once on embedded PGlite and once on a
// PostgreSQL database created for the run (skipped loudly without a server; an error with FOREWARN_REQUIRE_POSTGRES=1).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { loadDotEnv, root } from "./lib/env.ts";
import { run, runPrefixed } from "./lib/run.ts";
import { buildIfStale } from "./lib/build.ts";
import { ensureChromium } from "./lib/chromium.ts";
import { admin, reachable, urlFor } from "./lib/postgres.ts";

loadDotEnv();
// Arguments go to Playwright; --project=NAME only to the run whose projects carry that database's name.
const extraArgs = process.argv.slice(2);
const argsFor = (kind: string) => extraArgs.filter((a) => !a.startsWith("--project=") || a.endsWith(`-${kind}`));
const wants = (kind: string) => !extraArgs.some((a) => a.startsWith("--project=")) || extraArgs.some((a) => a.startsWith("--project=") && a.endsWith(`-${kind}`));
const port = Number(process.env.E2E_PORT ?? 3100);
await ensureChromium();
if ((await buildIfStale()) !== 0) process.exit(1);

const playwright = path.join(root, "node_modules", ".bin", "playwright");
const base: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), FOREWARN_E2E_BUILT: "1" };
delete base.DATABASE_URL;
delete base.FOREWARN_DATA_DIR;

// Each pass has its own server, database, ports (E2E_PORT and E2E_PORT + 10) and fake Resend, so on a machine with
// cores to spare both run side by side (their output prefixed): one Playwright worker drives one browser and one
// server, which leaves a 2-core machine about half idle. FOREWARN_E2E_SEQUENTIAL=1 runs them one after the other.
const parallel = process.env.FOREWARN_E2E_SEQUENTIAL !== "1" && wants("pglite") && wants("postgresql");

async function pglitePass(): Promise<boolean> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "forewarn-e2e-"));
  try {
    console.log("\n[e2e] embedded PGlite");
    const env = { ...base, E2E_DB_KIND: "pglite", E2E_PORT: String(port), FOREWARN_DATA_DIR: dataDir };
    return (await runPass(["test", ...argsFor("pglite")], env, "pglite")) === 0;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function postgresPass(): Promise<boolean> {
  if (!(await reachable())) {
    if (process.env.FOREWARN_REQUIRE_POSTGRES === "1") {
      console.error("\n✖ FOREWARN_REQUIRE_POSTGRES=1 but PostgreSQL is not reachable: the e2e PostgreSQL run cannot happen.");
      return false;
    }
    console.warn("\n!!! PostgreSQL is not reachable: the e2e suite was NOT run on PostgreSQL (SKIPPED). !!!\n");
    return true;
  }
  const database = `forewarn_e2e_${randomBytes(4).toString("hex")}`;
  await admin(`CREATE DATABASE "${database}"`);
  // Thrown away after the run: commits need not wait for the disk (see test/postgres.ts createDatabase).
  await admin(`ALTER DATABASE "${database}" SET synchronous_commit = off`);
  try {
    console.log(`\n[e2e] PostgreSQL (${database})`);
    const env = { ...base, E2E_DB_KIND: "postgresql", E2E_PORT: String(port + 10), DATABASE_URL: urlFor(database) };
    return (await runPass(["test", ...argsFor("postgresql")], env, "postgresql")) === 0;
  } finally {
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
}

function runPass(args: string[], env: NodeJS.ProcessEnv, kind: string): Promise<number> {
  return parallel ? runPrefixed(playwright, args, { env }, `[${kind}] `) : run(playwright, args, { env });
}

// Both databases always run: one failing never skips the other.
const passes = [wants("pglite") ? pglitePass : null, wants("postgresql") ? postgresPass : null].filter((p) => p !== null);
const outcomes: boolean[] = [];
if (parallel) outcomes.push(...(await Promise.all(passes.map((pass) => pass()))));
else for (const pass of passes) outcomes.push(await pass());
process.exit(outcomes.every(Boolean) ? 0 : 1);
