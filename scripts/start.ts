// npm start — everything a fresh clone needs: check the configuration, build if needed, apply migrations, serve.
// `npm run dev` does the same with the development server.
import path from "node:path";
import { loadDotEnv, root } from "./lib/env.ts";
import { run } from "./lib/run.ts";
import { applyMigrations } from "./lib/migrate.ts";
import { buildIfStale } from "./lib/build.ts";
import { ensureInstanceSecret } from "./lib/secret.ts";
import { exitOnConfigError, stopWithMessage as fail } from "../lib/server/db/config.ts";
import { preflightDatabase } from "../lib/server/db/preflight.ts";

loadDotEnv();
const dev = process.argv.includes("--dev");
process.env.NEXT_TELEMETRY_DISABLED = "1";

const config = await preflightDatabase({ hold: false }).catch(exitOnConfigError);
const kind = config.kind === "pglite" ? `embedded PGlite in ${config.dataDir}` : `PostgreSQL ${config.redactedUrl}`;

const port = process.env.PORT ?? "3000";
if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
  fail(`PORT must be a TCP port number (got "${port}"). Example: PORT=3000.`);
}

process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
const secret = ensureInstanceSecret();
if (secret.source === "generated") {
  console.log(`[forewarn] generated the instance secret in ${secret.file} (keep it; set NEXTAUTH_SECRET instead to choose one —`);
  console.log("           several instances on one PostgreSQL must all use the same NEXTAUTH_SECRET).");
}

// The e2e harness builds once before its run and says so: servers it starts (and servers its tests start) use that
// build, even if a source file is edited while the suite runs.
if (!dev && process.env.FOREWARN_E2E_BUILT !== "1") {
  const built = await buildIfStale();
  if (built !== 0) fail("The production build failed (see the output above).");
}

console.log(`[forewarn] database: ${kind}; applying pending migrations…`);
// On PostgreSQL, `migrate deploy` holds an advisory lock: instances starting together apply each migration once.
const migrated = await applyMigrations();
if (!migrated.ok) fail(migrated.message);
console.log(`[forewarn] database schema is current${migrated.applied.length ? ` (applied ${migrated.applied.join(", ")})` : ""}`);

process.env.PORT = port;
(process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production";
process.exit(await run(process.execPath, [path.join(root, "scripts", "serve.ts"), ...(dev ? ["--dev"] : [])]));
