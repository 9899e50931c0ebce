// Backup and restore on PostgreSQL with its own tools (Debian's postgresql-client): pg_dump --format=custom takes a
// consistent snapshot of every schema (the app's and pg-boss's) while the portal runs; pg_restore turns it back
// into SQL that psql applies in ONE transaction together with dropping what was there, so a restore that fails
// half-way leaves the target exactly as it was.
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { BackupError, payloadStream, type RestorePlan, type Source, type VerifiedBackup } from "./backup-file.ts";
import { appliedMigrations, countRows, describeContents, userSchemas, type Query } from "./backup-contents.ts";
import type { DatabaseConfig } from "../../lib/server/db/config.ts";
import { describePostgresError } from "../../lib/server/db/preflight.ts";

type PgConfig = Extract<DatabaseConfig, { kind: "postgresql" }>;

export function describePostgres(config: PgConfig): string {
  return `PostgreSQL ${config.redactedUrl}`;
}

/** The tools read the connection from the environment: the password never shows in a process list. */
function toolEnv(config: PgConfig): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PGHOST: config.host, PGPORT: String(config.port), PGDATABASE: config.database, PGCONNECT_TIMEOUT: "5" };
  if (config.user) env.PGUSER = config.user;
  if (config.password) env.PGPASSWORD = config.password;
  return env;
}

const INSTALL = "Install PostgreSQL's client tools (Debian/Ubuntu: sudo apt-get install -y postgresql-client)";

function tool(config: PgConfig, name: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(name, args, { env: toolEnv(config), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "ENOENT" ? new BackupError(`${name} was not found on PATH. ${INSTALL}; the backup needs pg_dump, pg_restore and psql.`) : error),
    );
    child.on("exit", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** pg_dump cannot dump a server newer than itself: say which client to install instead of its terse refusal. */
async function checkTool(config: PgConfig, name: string, serverMajor: number): Promise<string> {
  const { stdout } = await tool(config, name, ["--version"]);
  const version = stdout.match(/\) (\d+)(\.\d+)?/)?.slice(1).join("") ?? "";
  const major = Number(version.split(".")[0]);
  if (!(major >= serverMajor)) {
    throw new BackupError(`${name} ${version || "(unknown version)"} is older than the PostgreSQL server (${serverMajor}). ${INSTALL.replace("postgresql-client", `postgresql-client-${serverMajor}`)}.`);
  }
  return version;
}

async function withClient<T>(config: PgConfig, work: (query: Query) => Promise<T>): Promise<T> {
  const client = new pg.Client({ host: config.host, port: config.port, user: config.user, password: config.password, database: config.database, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(describePostgresError(error, config));
  }
  try {
    return await work(async (sql) => (await client.query<Record<string, unknown>>(sql)).rows);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const firstLines = (text: string) => text.trim().split("\n").slice(0, 6).join("\n  ");

export async function openPostgresSource(config: PgConfig): Promise<Source> {
  const facts = await withClient(config, async (query) => {
    const [v] = await query("SELECT current_setting('server_version') AS v, current_setting('server_version_num')::int AS n");
    return { serverVersion: String(v?.v), serverMajor: Math.floor(Number(v?.n) / 10_000), migrations: await appliedMigrations(query), rows: await countRows(query) };
  });
  const pgDumpVersion = await checkTool(config, "pg_dump", facts.serverMajor);
  const work = await mkdtemp(path.join(tmpdir(), "forewarn-backup-")); // mode 700
  const dump = path.join(work, "database.dump");
  try {
    const result = await tool(config, "pg_dump", ["--format=custom", "--file", dump]);
    if (result.code !== 0) throw new BackupError(`pg_dump failed:\n  ${firstLines(result.stderr)}\nNo backup was written.`);
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    throw error;
  }
  return {
    header: { engine: "postgresql", payload: "pg_dump-custom", serverVersion: facts.serverVersion, pgDumpVersion, migrations: facts.migrations, source: describePostgres(config), rows: facts.rows },
    writePayload: (sink) => sink.writeStream(createReadStream(dump)),
    close: () => rm(work, { recursive: true, force: true }),
  };
}

export async function restorePostgres(config: PgConfig, backup: VerifiedBackup, decide: (plan: RestorePlan) => Promise<void>): Promise<{ migrations: string[] }> {
  const serverMajor = await withClient(config, async (query) => Math.floor(Number((await query("SHOW server_version_num"))[0]?.server_version_num) / 10_000));
  await checkTool(config, "pg_restore", serverMajor);
  await checkTool(config, "psql", serverMajor);
  const work = await mkdtemp(path.join(tmpdir(), "forewarn-restore-")); // mode 700: the dump holds every secret column
  try {
    const dump = path.join(work, "database.dump");
    await pipeline(payloadStream(backup), createWriteStream(dump, { mode: 0o600 }));
    const listed = await tool(config, "pg_restore", ["--list", dump]);
    if (listed.code !== 0) {
      throw new BackupError(`pg_restore cannot read the backup's dump (made by pg_dump ${backup.header.pgDumpVersion ?? "?"}):\n  ${firstLines(listed.stderr)}\nNothing was changed.`);
    }

    const { schemas, replaces } = await withClient(config, async (query) => {
      const rows = await countRows(query);
      return { schemas: await userSchemas(query), replaces: Object.keys(rows).length ? [`${describePostgres(config)} (${describeContents(rows)})`] : [] };
    });
    await decide({ target: describePostgres(config), replaces });

    const script = path.join(work, "restore.sql");
    const rendered = await tool(config, "pg_restore", ["--no-owner", "--no-acl", "--file", script, dump]);
    if (rendered.code !== 0) throw new BackupError(`pg_restore failed:\n  ${firstLines(rendered.stderr)}\nNothing was changed.`);
    // Dropped and re-created in the same transaction as the restore (psql --single-transaction).
    const prelude = path.join(work, "prelude.sql");
    const drops = schemas.map((s) => `DROP SCHEMA IF EXISTS "${s.replaceAll('"', '""')}" CASCADE;`);
    // pg_dump leaves out the public schema itself unless it was changed; then the dump creates it.
    const createsPublic = /^\d+; \d+ \d+ SCHEMA - public /m.test(listed.stdout);
    await writeFile(prelude, [...drops, ...(createsPublic ? [] : ["CREATE SCHEMA public;"]), ""].join("\n"), { mode: 0o600 });
    const applied = await tool(config, "psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-f", prelude, "-f", script]);
    if (applied.code !== 0) {
      throw new BackupError(`The restore failed and was rolled back: ${describePostgres(config)} is as it was.\n  psql: ${firstLines(applied.stderr)}`);
    }
    return { migrations: backup.header.migrations };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
