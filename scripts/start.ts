// npm start — everything a fresh clone needs: check the configuration, build if needed, apply migrations, serve.
// `npm run dev` does the same with the development server.
import path from "node:path";
import { loadDotEnv, root } from "./lib/env.ts";
import { prisma, run } from "./lib/run.ts";
import { buildIfStale } from "./lib/build.ts";
import { ConfigError } from "../lib/server/db/config.ts";
import { preflightDatabase } from "../lib/server/db/preflight.ts";

loadDotEnv();
const dev = process.argv.includes("--dev");
process.env.NEXT_TELEMETRY_DISABLED = "1";

function fail(message: string): never {
  console.error(`\n✖ Forewarn cannot start.\n  ${message}\n`);
  process.exit(1);
}

let kind: string;
try {
  const config = await preflightDatabase({ hold: false });
  kind = config.kind === "pglite" ? `embedded PGlite in ${config.dataDir}` : `PostgreSQL ${config.redactedUrl}`;
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

const port = process.env.PORT ?? "3000";
if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
  fail(`PORT must be a TCP port number (got "${port}"). Example: PORT=3000.`);
}

if (!dev) {
  const built = await buildIfStale();
  if (built !== 0) fail("The production build failed (see the output above).");
}

console.log(`[forewarn] database: ${kind}; applying pending migrations…`);
// On PostgreSQL, `migrate deploy` holds an advisory lock: instances starting together apply each migration once.
const migrated = await prisma(["migrate", "deploy"], { stdio: ["ignore", "ignore", "inherit"] });
if (migrated !== 0) fail("Applying database migrations failed (see the output above). Fix the cause and start again.");

console.log(`[forewarn] serving on ${process.env.NEXTAUTH_URL ?? `http://localhost:${port}`}`);
const next = path.join(root, "node_modules", ".bin", "next");
process.exit(await run(next, [dev ? "dev" : "start", "--port", port]));
