// npm run db:move -- postgres://… [--force] [--secret-file FILE] — move the embedded database (FOREWARN_DATA_DIR) to
// PostgreSQL, so that several instances can share it. And back: with DATABASE_URL set, `npm run db:move -- DIR`
// moves the PostgreSQL database into a new embedded data directory. See README "Moving to PostgreSQL".
//
// Every row of every table moves (the app's tables, pg-boss's queued jobs, sessions, the outbox, attachments' bytes,
// the audit log), inside one transaction on the target; the target is migrated first, and success is reported only
// after every table compared equal (rows and content) and the audit chain verified on the target. The source is
// only read. Why not pg_dump: there is none for PGlite that PostgreSQL 15 loads (see scripts/backup.ts).
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { loadDotEnv } from "./lib/env.ts";
import { appliedMigrations, capitalise, describeContents, knownMigrations, readInstanceSecret, secretFile } from "./lib/backup-contents.ts";
import { MoveError, SET_UP_BY_TARGET, checkChain, copyRows, digestAll, listTables, type Conn } from "./lib/move-copy.ts";
import { describeSide, installBoss, migrateTarget, openSource, openTarget, targetSide, type Opened, type Side } from "./lib/move-sides.ts";
import { exitOnConfigError, readDatabaseConfig, redactUrl, stopWithMessage } from "../lib/server/db/config.ts";

loadDotEnv();
const heading = "Cannot move.";
const fail = (message: string): never => stopWithMessage(message, heading);
const usage = "usage: npm run db:move -- postgres://USER:PASSWORD@HOST/DATABASE [--force] [--secret-file FILE]";

const args = process.argv.slice(2).filter((a) => a !== "--");
const force = args.includes("--force");
const secretAt = args.indexOf("--secret-file");
const secretArg = secretAt >= 0 ? args[secretAt + 1] : undefined;
if (secretAt >= 0 && (!secretArg || secretArg.startsWith("-"))) fail(`--secret-file needs a file name. ${usage}`);
const rest = args.filter((a, i) => a !== "--force" && (secretAt < 0 || (i !== secretAt && i !== secretAt + 1)));
if (rest.length !== 1 || rest[0]!.startsWith("-")) fail(`${usage} (got ${args.map((a) => redactUrl(a)).join(" ") || "nothing"}).`);
const cwd = process.env.INIT_CWD ?? process.cwd();
const secretOut = secretArg ? path.resolve(cwd, secretArg) : undefined;

const config = (() => {
  try {
    return readDatabaseConfig();
  } catch (error) {
    return exitOnConfigError(error, heading);
  }
})();
const source: Side = config.kind === "pglite" ? { kind: "pglite", config } : { kind: "postgresql", url: config.url };
const target = targetSide(rest[0]!, cwd);
if (source.kind === target.kind) {
  fail(
    source.kind === "pglite"
      ? `Give a PostgreSQL URL to move the embedded database to (postgres://…). To copy an embedded database, use npm run backup and npm run restore. ${usage}`
      : `This Forewarn already uses PostgreSQL (DATABASE_URL). To move it into an embedded database, give a directory (npm run db:move -- ./data-embedded); to copy it to another PostgreSQL database, use npm run backup and npm run restore.`,
  );
}

/** Rows the target may hold before a move: what migrating it and starting pg-boss make by themselves. */
const BOOKKEEPING = new Set([...SET_UP_BY_TARGET, "pgboss.bam", "pgboss.warning", "pgboss.instance"]);

async function targetContents(): Promise<Record<string, number>> {
  if (target.kind === "pglite" && !(await import("node:fs")).existsSync(path.join(target.config.pgliteDir, "PG_VERSION"))) return {};
  const opened = await openTarget(target);
  try {
    const counts: Record<string, number> = {};
    for (const [key, { rows }] of await digestAll(opened.db, await listTables(opened.db))) if (!BOOKKEEPING.has(key) && rows > 0) counts[key] = rows;
    return counts;
  } finally {
    await opened.close();
  }
}

const queryOf = (db: Conn) => (sql: string) => db.query(sql);
const bossVersion = async (db: Conn) =>
  (await db.query<{ v: string | null }>(`SELECT CASE WHEN to_regclass('pgboss.version') IS NULL THEN NULL ELSE (SELECT max(version)::text FROM pgboss.version) END AS v`))[0]?.v ?? null;

type Summary = { counts: Record<string, number>; tables: number; chain: number };

async function move(opened: Opened[]): Promise<Summary> {
  const from = await openSource(source);
  opened.push(from);
  const applied = await appliedMigrations(queryOf(from.db));
  const known = knownMigrations();
  const unknown = applied.filter((m) => !known.includes(m));
  if (unknown.length) throw new MoveError(`${capitalise(describeSide(source))} was made by a newer Forewarn (migrations ${unknown.join(", ")} are not in this checkout). Update Forewarn first. Nothing was changed.`);
  const pending = known.filter((m) => !applied.includes(m));
  if (pending.length) {
    throw new MoveError(`${capitalise(describeSide(source))} has ${pending.length} migration(s) to apply first (${pending.join(", ")}): run npm run db:migrate (the portal stopped), then move again. Nothing was changed.`);
  }
  const sourceChain = await checkChain(from.db);
  if (!sourceChain.ok && !force) {
    throw new MoveError(
      `The audit chain of ${describeSide(source)} does not verify (event ${sourceChain.brokenAt}: ${sourceChain.reason}). Look into it first ` +
        `(Audit log → Verify chain). To move it as it is, run again with --force: the target will hold the same chain. Nothing was changed.`,
    );
  }

  const present = await targetContents();
  if (Object.keys(present).length && !force) {
    throw new MoveError(
      `${capitalise(describeSide(target))} is not empty (${describeContents(present)}). Nothing was changed. To replace ` +
        `everything it holds with the moved instance, run: npm run db:move -- ${redactUrl(rest[0]!)} --force`,
    );
  }
  console.log(`Migrating ${describeSide(target)}…`);
  await migrateTarget(target);
  const to = await openTarget(target);
  opened.push(to);

  const sourceTables = await listTables(from.db);
  if (sourceTables.some((t) => t.schema === "pgboss")) {
    await installBoss(target, to);
    const [a, b] = [await bossVersion(from.db), await bossVersion(to.db)];
    if (a !== b) throw new MoveError(`The job queue's schema differs (pg-boss schema ${a} in the source, ${b} here): start the portal once on the source so pg-boss updates it, stop it, then move again. The target was migrated; no rows were copied.`);
  }
  const targetKeys = new Set((await listTables(to.db)).map((t) => t.key));
  const missing = sourceTables.filter((t) => !targetKeys.has(t.key)).map((t) => t.key);
  if (missing.length) throw new MoveError(`The target has no table for ${missing.join(", ")} after its set-up. Nothing was copied.`);
  const tables = sourceTables.filter((t) => !SET_UP_BY_TARGET.has(t.key));

  console.log(`Copying ${tables.length} tables…`);
  await copyRows(from.db, to.db, tables, (table, rows) => {
    if (process.env.FOREWARN_VERBOSE === "1") console.log(`  ${table.key}: ${rows} rows`);
  }).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MoveError(`Copying failed (${reason}). The target's transaction was rolled back: it holds the migrated schema and none of the rows. The source is unchanged.`);
  });

  console.log("Verifying…");
  const [expected, got] = [await digestAll(from.db, tables), await digestAll(to.db, tables)];
  const differ = tables.filter((t) => expected.get(t.key)!.digest !== got.get(t.key)!.digest || expected.get(t.key)!.rows !== got.get(t.key)!.rows);
  if (differ.length) {
    throw new MoveError(
      `Verification failed: ${differ.map((t) => `${t.key} (${expected.get(t.key)!.rows} rows in the source, ${got.get(t.key)!.rows} on the target${expected.get(t.key)!.rows === got.get(t.key)!.rows ? ", content differs" : ""})`).join("; ")}. ` +
        `Do not use the target; the source is unchanged. Run FOREWARN_VERBOSE=1 npm run db:move -- … --force to try again.`,
    );
  }
  const targetMigrations = await appliedMigrations(queryOf(to.db));
  if (targetMigrations.join() !== applied.join()) throw new MoveError(`Verification failed: the target's migrations (${targetMigrations.length}) differ from the source's (${applied.length}). Do not use the target.`);
  const targetChain = await checkChain(to.db);
  if (JSON.stringify(targetChain) !== JSON.stringify(sourceChain)) {
    throw new MoveError(`Verification failed: the audit chain on the target ${targetChain.ok ? "verifies" : `breaks at event ${targetChain.brokenAt}`} but the source's ${sourceChain.ok ? "verifies" : `breaks at event ${sourceChain.brokenAt}`}. Do not use the target.`);
  }
  if (!targetChain.ok) throw new MoveError(`Moved as asked (--force), but the audit chain still breaks at event ${targetChain.brokenAt}, as it did in the source.`);
  return { counts: Object.fromEntries([...got].map(([k, v]) => [k, v.rows])), tables: tables.length, chain: targetChain.checked };
}

/** Where the target instance gets the instance secret from; the secret itself is never printed. */
async function handOverSecret(): Promise<string[]> {
  const fromEnv = process.env.NEXTAUTH_SECRET?.trim();
  if (target.kind === "pglite") {
    if (!fromEnv) return ["Set NEXTAUTH_SECRET to the PostgreSQL instances' value when you start the embedded instance (it is not in the database)."];
    const file = path.join(target.config.dataDir, "instance-secret");
    await writeFile(file, fromEnv + "\n", { mode: 0o600 });
    return [`The instance secret (NEXTAUTH_SECRET of this environment) was written to ${file} (mode 600): the embedded instance reads it there.`];
  }
  const secret = fromEnv ?? readInstanceSecret();
  const where = fromEnv ? "NEXTAUTH_SECRET of this environment" : secretFile();
  if (!secret) return ["There is no instance secret yet (no NEXTAUTH_SECRET, no instance-secret file): set one NEXTAUTH_SECRET on every instance."];
  if (secretOut) {
    await writeFile(secretOut, secret + "\n", { mode: 0o600, flag: force ? "w" : "wx" }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "EEXIST") throw new MoveError(`${secretOut} already exists: the rows were moved and verified, but the secret was not written. Choose another --secret-file (or add --force to overwrite it).`);
      throw error;
    });
    return [`The instance secret (from ${where}) was written to ${secretOut} (mode 600). Give every instance NEXTAUTH_SECRET="$(cat ${secretOut})".`];
  }
  return [
    `Every instance on PostgreSQL needs the instance secret as NEXTAUTH_SECRET (sign-in links and sessions depend on it). It is in ${where}; it was not printed.`,
    fromEnv ? "Use the same NEXTAUTH_SECRET value on every instance." : `On this machine, with FOREWARN_DATA_DIR unchanged, npm start keeps reading it there; elsewhere set NEXTAUTH_SECRET="$(cat ${where})" (or run db:move with --secret-file FILE to write it where you choose).`,
  ];
}

const opened: Opened[] = [];
const outcome = await move(opened).then(
  (summary) => ({ summary }),
  (error: unknown) => ({ error }),
);
// Closed (the source's lock released, its private copy removed) before anything is reported.
for (const o of opened.reverse()) await o.close().catch(() => undefined);
if ("error" in outcome) {
  if (outcome.error instanceof MoveError) fail(outcome.error.message);
  exitOnConfigError(outcome.error, heading);
}
const { summary } = outcome as { summary: Summary };
const secret = await handOverSecret().catch((error: unknown) => (error instanceof MoveError ? fail(error.message) : exitOnConfigError(error, heading)));
const rows = Object.values(summary.counts).reduce((a, b) => a + b, 0);
console.log(`Moved ${describeSide(source)} to ${describeSide(target)}.`);
console.log(`  Verified: ${summary.tables} tables, ${rows} rows, identical row by row; the audit chain verifies (${summary.chain} events).`);
console.log(`  ${describeContents(summary.counts)}`);
console.log(`  The source was only read and is unchanged.`);
for (const line of secret) console.log(`  ${line}`);
console.log(
  target.kind === "postgresql"
    ? `  Next: set DATABASE_URL=${redactUrl(target.url)} (with its password) in .env or the service's environment and npm start. Keep ${source.kind === "pglite" ? source.config.dataDir : "the source"} until the new instance runs as it should.`
    : `  Next: unset DATABASE_URL, set FOREWARN_DATA_DIR=${target.config.dataDir} and npm start. Keep the PostgreSQL database until the embedded instance runs as it should.`,
);
process.exit(0);
