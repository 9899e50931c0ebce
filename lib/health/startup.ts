// Run once when the server process starts (instrumentation.ts): take the embedded database's lock and refuse to
// serve with a database that is unreachable or behind this build's migrations.
import { ConfigError } from "@/lib/server/db/config";
import { preflightDatabase } from "@/lib/server/db/preflight";
import { getHealth } from "./data";

function stop(message: string): never {
  console.error(`\n✖ Forewarn cannot start.\n  ${message}\n`);
  process.exit(1);
}

export async function verifyDatabaseAtStartup(): Promise<void> {
  try {
    await preflightDatabase({ hold: true });
  } catch (error) {
    if (error instanceof ConfigError) stop(error.message);
    throw error;
  }
  const health = await getHealth();
  if (health.status !== "ok") stop("The database stopped answering during start-up. Check it and start again.");
  const { migrations } = health.database;
  if (migrations.state === "pending" || migrations.state === "failed") {
    stop(
      `The database is not at this build's schema (${migrations.state}: ${[...migrations.failed, ...migrations.pending].join(", ")}). ` +
        "Start with `npm start` (it applies migrations) or run `npm run db:migrate` first.",
    );
  }
}
