// npm run test:e2e — the browser suite against the production build, once on embedded PGlite and once on a
// PostgreSQL database created for the run (skipped loudly without a server; an error with FOREWARN_REQUIRE_POSTGRES=1).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { loadDotEnv, root } from "./lib/env.ts";
import { run } from "./lib/run.ts";
import { buildIfStale } from "./lib/build.ts";
import { ensureChromium } from "./lib/chromium.ts";
import { admin, reachable, urlFor } from "./lib/postgres.ts";

loadDotEnv();
const extraArgs = process.argv.slice(2);
await ensureChromium();
if ((await buildIfStale()) !== 0) process.exit(1);

const playwright = path.join(root, "node_modules", ".bin", "playwright");
const base: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
delete base.DATABASE_URL;
delete base.FOREWARN_DATA_DIR;

let failed = false;

const dataDir = await mkdtemp(path.join(tmpdir(), "forewarn-e2e-"));
try {
  console.log("\n[e2e] embedded PGlite");
  const code = await run(playwright, ["test", ...extraArgs], { env: { ...base, E2E_DB_KIND: "pglite", FOREWARN_DATA_DIR: dataDir } });
  failed ||= code !== 0;
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

if (await reachable()) {
  const database = `forewarn_e2e_${randomBytes(4).toString("hex")}`;
  await admin(`CREATE DATABASE "${database}"`);
  try {
    console.log(`\n[e2e] PostgreSQL (${database})`);
    const code = await run(playwright, ["test", ...extraArgs], {
      env: { ...base, E2E_DB_KIND: "postgresql", E2E_PORT: "3110", DATABASE_URL: urlFor(database) },
    });
    failed ||= code !== 0;
  } finally {
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
} else if (process.env.FOREWARN_REQUIRE_POSTGRES === "1") {
  console.error("\n✖ FOREWARN_REQUIRE_POSTGRES=1 but PostgreSQL is not reachable: the e2e PostgreSQL run cannot happen.");
  failed = true;
} else {
  console.warn("\n!!! PostgreSQL is not reachable: the e2e suite was NOT run on PostgreSQL (SKIPPED). !!!\n");
}

process.exit(failed ? 1 : 0);
