// Applies pending migrations (start-up and `npm run db:migrate`). Every migration runs as one transaction (see
// lib/server/db/adapter.ts), so one that failed left nothing behind: it is marked rolled back and retried, instead
// of blocking every later start the way Prisma's P3009 would. Output is summarised; the CLI's chatter is shown only
// when something is wrong.
import { prismaQuiet } from "./run.ts";
import { readDatabaseConfig } from "../../lib/server/db/config.ts";
import { markFailedMigrationsRolledBack } from "../../lib/server/db/migration-repair.ts";

export type MigrateOutcome = { ok: true; applied: string[] } | { ok: false; message: string };

function appliedNames(output: string): string[] {
  const section = output.split("The following migration(s) have been applied:")[1] ?? "";
  return [...section.matchAll(/└─ (\S+)\//g)].map((m) => m[1]!);
}

function summarise(output: string): string {
  const clear = output.match(/✖ [^\n]*\n\s+(.+)/)?.[1];
  if (clear) return clear;
  const name = output.match(/Migration name: (\S+)/)?.[1] ?? output.match(/migration_name="([^"]+)"/)?.[1];
  const dbError = (output.match(/Database error:\s*\n(.+)/)?.[1] ?? output.match(/Error querying the database: (.+)/)?.[1])?.trim();
  if (name && dbError) {
    return `Migration ${name} failed and was rolled back completely: ${dbError}. Fix the migration or the database, then start again.`;
  }
  const firstError = output.split("\n").find((line) => /^Error[: ]/.test(line.trim()));
  return `Applying migrations failed: ${firstError?.trim() ?? "see the output above"}.`;
}

export async function applyMigrations(log: (line: string) => void = console.log): Promise<MigrateOutcome> {
  let result = await prismaQuiet(["migrate", "deploy"]);
  const failed = [...result.output.matchAll(/The `([^`]+)` migration started at .* failed/g)].map((m) => m[1]!);
  if (result.code !== 0 && failed.length > 0) {
    for (const name of failed) log(`[forewarn] migration ${name} failed earlier and was rolled back completely; trying it again.`);
    await markFailedMigrationsRolledBack(readDatabaseConfig(), failed);
    result = await prismaQuiet(["migrate", "deploy"]);
  }
  if (result.code === 0) return { ok: true, applied: appliedNames(result.output) };
  if (process.env.FOREWARN_VERBOSE === "1") console.error(result.output);
  return { ok: false, message: summarise(result.output) };
}
