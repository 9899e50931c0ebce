// A throw-away database for one bench run: embedded PGlite in a fresh temp directory (the default) or a scratch
// PostgreSQL database (--postgres), migrated by the project's own `scripts/migrate.ts`. Never ./data, never the
// DATABASE_URL of the project's .env: a bench writes thousands of rows and must not leave them anywhere that matters.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runScript } from "../test/cli.ts";
import { admin, TEST_ADMIN_URL, unreachableReason, urlFor } from "../scripts/lib/postgres.ts";
import { redactUrl } from "../lib/server/db/config.ts";
import { SetupError } from "./cli.ts";

export type DatabaseKind = "pglite" | "postgresql";

export type ScratchDatabase = {
  kind: DatabaseKind;
  /** Where it lives, safe to print. */
  where: string;
  /** The environment that points this process (and its children) at it. */
  env: Record<string, string>;
  dispose(): Promise<void>;
};

async function migrate(env: Record<string, string | undefined>): Promise<void> {
  const result = await runScript("scripts/migrate.ts", [], env, 180_000);
  if (result.code !== 0) throw new Error(`migrating the scratch database failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
}

async function scratchPglite(): Promise<ScratchDatabase> {
  const dir = await mkdtemp(path.join(tmpdir(), "forewarn-bench-"));
  // DATABASE_URL is set empty rather than unset: scripts load .env without overriding variables that are set, so a
  // DATABASE_URL there cannot take over; an empty one means "embedded database".
  const env = { FOREWARN_DATA_DIR: dir, DATABASE_URL: "" };
  try {
    await migrate(env);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { kind: "pglite", where: dir, env, dispose: () => rm(dir, { recursive: true, force: true }) };
}

async function scratchPostgres(): Promise<ScratchDatabase> {
  const why = await unreachableReason();
  if (why) throw new SetupError(`PostgreSQL is not reachable at ${redactUrl(TEST_ADMIN_URL)} (${why}). Set FOREWARN_TEST_DATABASE_URL to an admin URL.`);
  const name = `forewarn_bench_${process.pid}_${Date.now()}`;
  await admin(`CREATE DATABASE "${name}"`);
  const drop = async () => void (await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  const url = urlFor(name);
  try {
    await migrate({ DATABASE_URL: url });
  } catch (error) {
    await drop();
    throw error;
  }
  return { kind: "postgresql", where: redactUrl(url), env: { DATABASE_URL: url }, dispose: drop };
}

export function createScratchDatabase(kind: DatabaseKind): Promise<ScratchDatabase> {
  return kind === "pglite" ? scratchPglite() : scratchPostgres();
}

/** Points this process at the scratch database; lib code must be imported only after this (it reads env once). */
export function pointProcessAt(db: ScratchDatabase): void {
  delete process.env.DATABASE_URL;
  delete process.env.FOREWARN_DATA_DIR;
  for (const [key, value] of Object.entries(db.env)) if (value) process.env[key] = value;
}
