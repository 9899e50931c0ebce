// The two ends of `npm run db:move`: the source opened so that it cannot change (PGlite: the portal's lock held and a
// private copy of the directory opened; PostgreSQL: one read-only snapshot), and the target created, migrated and
// given pg-boss's schema the way the portal's own start would.
import { existsSync } from "node:fs";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PgBoss, fromPglite } from "pg-boss";
import { MoveError, pgliteConn, postgresConn, type Conn } from "./move-copy.ts";
import { capitalise } from "./backup-contents.ts";
import { applyMigrations } from "./migrate.ts";
import { DataDirInUseError, lockDataDir, pgliteOptions } from "../../lib/server/db/pglite.ts";
import { pgliteConfig, redactUrl, type PgliteConfig } from "../../lib/server/db/config.ts";

export type Side = { kind: "pglite"; config: PgliteConfig } | { kind: "postgresql"; url: string };

export const describeSide = (side: Side) =>
  side.kind === "pglite" ? `the embedded database in ${side.config.dataDir}` : `the PostgreSQL database ${redactUrl(side.url)}`;

export type Opened = { db: Conn; pglite?: PGlite; close(): Promise<void> };

async function lock(config: PgliteConfig): Promise<() => Promise<void>> {
  try {
    return await lockDataDir(config);
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    throw new MoveError(
      `${capitalise(describeSide({ kind: "pglite", config }))} is in use by another Forewarn process${error.holder}. Stop the portal ` +
        `first (npm start, npm run worker, or any npm run db:… on FOREWARN_DATA_DIR=${config.dataDir}), then move again. Nothing was changed.`,
    );
  }
}

/**
 * The source, read-only. PGlite writes to its directory whenever it opens one (recovery, checkpoints), so the
 * portal's directory is never opened: it is locked (no portal can start meanwhile) and a copy is read instead.
 */
export async function openSource(side: Side): Promise<Opened> {
  if (side.kind === "postgresql") {
    const db = await postgresConn(side.url, describeSide(side));
    try {
      const others = await db.query<{ name: string; n: number }>(
        `SELECT coalesce(nullif(application_name, ''), 'a client') AS name, count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' GROUP BY 1 ORDER BY 1`,
      );
      if (others.length) {
        throw new MoveError(
          `${capitalise(describeSide(side))} is in use (${others.map((o) => `${o.n} connection(s) of ${o.name}`).join(", ")}). Stop the ` +
            `portal and its workers first, so that nothing changes while it moves, then move again. Nothing was changed.`,
        );
      }
      await db.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      await db.query("SET LOCAL TimeZone = 'UTC'");
    } catch (error) {
      await db.close();
      throw error;
    }
    return { db, close: () => db.close() };
  }
  const { config } = side;
  const release = await lock(config);
  const copy = await mkdtemp(path.join(tmpdir(), "forewarn-move-"));
  try {
    if (!existsSync(path.join(config.pgliteDir, "PG_VERSION"))) {
      throw new MoveError(`There is no embedded database in ${config.dataDir} yet (FOREWARN_DATA_DIR): nothing to move.`);
    }
    await cp(config.pgliteDir, copy, { recursive: true });
    const pglite = await PGlite.create(pgliteOptions(copy));
    await pglite.query("SET TimeZone = 'UTC'");
    const db = pgliteConn(pglite);
    return {
      db,
      close: async () => {
        await pglite.close().catch(() => undefined);
        await rm(copy, { recursive: true, force: true });
        await release();
      },
    };
  } catch (error) {
    await rm(copy, { recursive: true, force: true });
    await release();
    throw error;
  }
}

/** Opens the target as it is (it may not exist yet: a new PGlite directory is made by the migration). */
export async function openTarget(side: Side): Promise<Opened> {
  if (side.kind === "postgresql") {
    const db = await postgresConn(side.url, describeSide(side));
    await db.query("SET TimeZone = 'UTC'");
    return { db, close: () => db.close() };
  }
  const release = await lock(side.config);
  try {
    const pglite = await PGlite.create(pgliteOptions(side.config.pgliteDir));
    await pglite.query("SET TimeZone = 'UTC'");
    return {
      db: pgliteConn(pglite),
      pglite,
      close: async () => {
        await pglite.close().catch(() => undefined);
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

export function targetSide(arg: string, cwd: string): Side {
  if (/^postgres(ql)?:\/\//.test(arg)) return { kind: "postgresql", url: arg };
  return { kind: "pglite", config: pgliteConfig(path.resolve(cwd, arg)) };
}

/** `npm run db:migrate` against the target: the schema of this checkout, applied the way `npm start` applies it. */
export async function migrateTarget(side: Side): Promise<void> {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, FOREWARN_DATA_DIR: process.env.FOREWARN_DATA_DIR };
  if (side.kind === "postgresql") process.env.DATABASE_URL = side.url;
  else {
    delete process.env.DATABASE_URL;
    process.env.FOREWARN_DATA_DIR = side.config.dataDir;
  }
  try {
    const outcome = await applyMigrations(() => undefined);
    if (!outcome.ok) throw new MoveError(`Migrating ${describeSide(side)} failed: ${outcome.message}`);
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** pg-boss's schema on the target, created by pg-boss itself (as the portal's first start does); no queue is run. */
export async function installBoss(side: Side, target: Opened): Promise<void> {
  const common = { schema: "pgboss", supervise: false, schedule: false, application_name: "forewarn-move" } as const;
  const boss =
    side.kind === "postgresql"
      ? new PgBoss({ ...common, connectionString: side.url, max: 2 })
      : new PgBoss({ ...common, db: fromPglite(target.pglite!), backend: "pglite" });
  boss.on("error", () => undefined);
  await boss.start();
  await boss.stop({ graceful: false });
}
