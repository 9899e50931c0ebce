// npm run backup [-- FILE] — write the whole instance (every schema of the database, pg-boss's included, and the
// generated instance secret) to one file; `npm run restore -- FILE` puts it back. See README "Backup and restore".
//
// Why the databases' own tools: each one copies everything the database holds, exactly, with no list of tables of
// ours to forget. Embedded: PGlite's dumpDataDir()/loadDataDir (a tarball of the data directory; restored by the
// same PGlite line) — @electric-sql/pglite-tools' WASM pg_dump was the alternative, but it pins another PGlite
// version, emits INSERT-only SQL and its PostgreSQL 17 output does not load into a PostgreSQL 15 anyway, so it would
// buy neither fidelity nor a cross-engine restore. PostgreSQL: pg_dump --format=custom (a consistent snapshot while
// the portal runs) and pg_restore + psql in one transaction, from Debian's postgresql-client (.ci/run installs it).
// Both go into one file with a version header and a sha256 (scripts/lib/backup-file.ts), checked before a restore.
import path from "node:path";
import { loadDotEnv } from "./lib/env.ts";
import { BackupError, FORMAT_VERSION, writeBackup, type Source } from "./lib/backup-file.ts";
import { describeContents, readInstanceSecret, secretFile } from "./lib/backup-contents.ts";
import { openPgliteSource } from "./lib/backup-pglite.ts";
import { openPostgresSource } from "./lib/backup-postgres.ts";
import { exitOnConfigError, readDatabaseConfig, stopWithMessage } from "../lib/server/db/config.ts";

loadDotEnv();
const heading = "Cannot back up.";
const fail = (message: string): never => stopWithMessage(message, heading);

const args = process.argv.slice(2).filter((a) => a !== "--");
const unknown = args.filter((a) => a.startsWith("-"));
if (unknown.length || args.length > 1) fail(`usage: npm run backup [-- FILE] (got ${args.join(" ")}).`);

const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z").replace("T", "-");
// npm runs scripts from the project root; a relative FILE means relative to where the operator typed the command.
const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), args[0] ?? `forewarn-backup-${stamp}.fwbackup`);

const config = (() => {
  try {
    return readDatabaseConfig();
  } catch (error) {
    return exitOnConfigError(error, heading);
  }
})();

let source: Source | undefined;
async function backup(): Promise<void> {
  source = config.kind === "pglite" ? await openPgliteSource(config) : await openPostgresSource(config);
  const instanceSecret = readInstanceSecret();
  const written = await writeBackup(
    file,
    { format: "forewarn-backup", version: FORMAT_VERSION, createdAt: new Date().toISOString(), ...source.header, instanceSecret },
    (sink) => source!.writePayload(sink),
  );
  console.log(`Backed up ${source.header.source} to ${file}`);
  console.log(`  ${describeContents(source.header.rows) || "no tables"}`);
  console.log(`  ${(written.bytes / 1_048_576).toFixed(1)} MB, sha256 ${written.sha256}`);
  console.log(
    `  The file holds every row of the database${instanceSecret ? ` and the instance secret (${secretFile()})` : ""}: ` +
      `it was written readable by you only (mode 600). Keep it as safe as the server.`,
  );
  if (process.env.NEXTAUTH_SECRET?.trim()) {
    console.log("  NEXTAUTH_SECRET is set in the environment and is NOT in the file: keep it with the backup (sessions need it).");
  }
}

// Errors are reported after the lock is released and temporary files are gone.
const failed = await backup().then(() => null, (error: unknown) => error);
await source?.close();
if (failed instanceof BackupError) fail(failed.message);
if (failed) exitOnConfigError(failed, heading);
process.exit(0);
