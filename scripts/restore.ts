// npm run restore -- FILE [--force] — put a backup written by `npm run backup` back into the configured database
// (embedded or PostgreSQL) and restore the instance secret. The whole file is checked (format, version, length,
// sha256) before anything is touched; a target that holds data is replaced only with --force, and the message says
// what would go. Why these tools: see scripts/backup.ts.
import { loadDotEnv } from "./lib/env.ts";
import path from "node:path";
import { BackupError, verifyBackup, type RestorePlan, type VerifiedBackup } from "./lib/backup-file.ts";
import { capitalise, knownMigrations, readInstanceSecret, secretFile, unknownMigrations, writeInstanceSecret } from "./lib/backup-contents.ts";
import { describePglite, restorePglite } from "./lib/backup-pglite.ts";
import { describePostgres, restorePostgres } from "./lib/backup-postgres.ts";
import { exitOnConfigError, readDatabaseConfig, stopWithMessage } from "../lib/server/db/config.ts";

loadDotEnv();
const heading = "Cannot restore.";
const fail = (message: string): never => stopWithMessage(message, heading);

const args = process.argv.slice(2).filter((a) => a !== "--");
const force = args.includes("--force");
const rest = args.filter((a) => a !== "--force");
if (rest.length !== 1 || rest[0]!.startsWith("-")) fail(`usage: npm run restore -- FILE [--force] (got ${args.join(" ") || "no file"}).`);
const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), rest[0]!);

const config = (() => {
  try {
    return readDatabaseConfig();
  } catch (error) {
    return exitOnConfigError(error, heading);
  }
})();
const target = config.kind === "pglite" ? describePglite(config) : describePostgres(config);

let backup: VerifiedBackup;
try {
  backup = await verifyBackup(file);
} catch (error) {
  if (error instanceof BackupError) fail(`${error.message} Nothing was changed.`);
  throw error;
}
const { header } = backup;
if (header.engine !== config.kind) {
  const made = header.engine === "pglite" ? "the embedded database (PGlite)" : "PostgreSQL";
  fail(
    `${file} is a backup of ${made}, but this Forewarn is configured for ${target}. Restore it with the same kind of ` +
      `database (${header.engine === "pglite" ? "unset DATABASE_URL" : "set DATABASE_URL"}); moving between the two is not supported. Nothing was changed.`,
  );
}
const unknown = unknownMigrations(header.migrations);
if (unknown.length) {
  fail(`${file} was made by a newer Forewarn (migrations ${unknown.join(", ")} are not in this checkout). Update Forewarn first. Nothing was changed.`);
}

const currentSecret = readInstanceSecret();
const secretChanges = header.instanceSecret !== null && currentSecret !== null && currentSecret !== header.instanceSecret;

async function decide(plan: RestorePlan): Promise<void> {
  const replaces = [...plan.replaces, ...(secretChanges ? [`the instance secret in ${secretFile()} (differs from the backup's)`] : [])];
  if (replaces.length === 0 || force) return;
  throw new BackupError(
    `${capitalise(plan.target)} is not empty. Restoring ${path.basename(file)} would replace:\n` +
      replaces.map((r) => `    - ${r}\n`).join("") +
      `  Nothing was changed. To replace it, run: npm run restore -- ${rest[0]} --force`,
  );
}

async function restore(): Promise<string[]> {
  const { migrations } = config.kind === "pglite" ? await restorePglite(config, backup, decide) : await restorePostgres(config, backup, decide);
  if (header.instanceSecret !== null && header.instanceSecret !== currentSecret) await writeInstanceSecret(header.instanceSecret);
  return migrations;
}

const outcome = await restore().then(
  (migrations) => ({ migrations }),
  (error: unknown) => ({ error }),
);
if ("error" in outcome) {
  if (outcome.error instanceof BackupError) fail(outcome.error.message);
  exitOnConfigError(outcome.error, heading);
}
console.log(`Restored ${path.basename(file)} (made ${header.createdAt} from ${header.source}) into ${target}.`);
if (header.instanceSecret !== null) console.log(`  Instance secret restored to ${secretFile()} (mode 600).`);
else console.log("  The backup holds no instance secret (the source had none in its data directory; NEXTAUTH_SECRET set?): use the source's NEXTAUTH_SECRET here.");
if (header.instanceSecret !== null && process.env.NEXTAUTH_SECRET?.trim()) {
  console.log("  NEXTAUTH_SECRET is set in the environment and overrides the restored instance secret.");
}
const pending = knownMigrations().filter((m) => !outcome.migrations.includes(m));
console.log(`  Start the portal with npm start${pending.length ? ` (it applies ${pending.length} newer migration(s) first: ${pending.join(", ")})` : ""}.`);
process.exit(0);
