// npm run db:migrate — apply pending migrations to the configured database.
import { loadDotEnv } from "./lib/env.ts";
import { applyMigrations } from "./lib/migrate.ts";

loadDotEnv();
const outcome = await applyMigrations();
if (!outcome.ok) {
  console.error(`\n✖ ${outcome.message}\n  (FOREWARN_VERBOSE=1 shows the migration engine's full output.)\n`);
  process.exit(1);
}
console.log(outcome.applied.length ? `Applied: ${outcome.applied.join(", ")}` : "No pending migrations: the database is current.");
