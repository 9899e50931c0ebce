// Backup and restore of the embedded database: PGlite's own dumpDataDir() / loadDataDir (a gzipped tarball of the
// data directory, every schema included). Both hold the directory's lock the whole time, like every other process
// that opens it: while the portal runs they refuse instead of copying (or replacing) files under it.
import { existsSync, openAsBlob, readFileSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { BackupError, type RestorePlan, type Source, type VerifiedBackup } from "./backup-file.ts";
import { appliedMigrations, capitalise, countRows, describeContents, type Query } from "./backup-contents.ts";
import { root } from "./env.ts";
import { DataDirInUseError, lockDataDir, pgliteOptions } from "../../lib/server/db/pglite.ts";
import type { PgliteConfig } from "../../lib/server/db/config.ts";

export function installedPgliteVersion(): string {
  const file = path.join(root, "node_modules", "@electric-sql", "pglite", "package.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

export function describePglite(config: PgliteConfig): string {
  return `the embedded database in ${config.dataDir}`;
}

async function lock(config: PgliteConfig, doing: string): Promise<() => Promise<void>> {
  try {
    return await lockDataDir(config);
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    throw new BackupError(
      `${capitalise(describePglite(config))} is in use by another Forewarn process${error.holder}. Stop the portal first ` +
        `(npm start, npm run worker, or any npm run db:… on FOREWARN_DATA_DIR=${config.dataDir}), then ${doing} again. ` +
        `Nothing was changed.`,
    );
  }
}

const queryOf = (pg: PGlite): Query => async (sql) => (await pg.query<Record<string, unknown>>(sql)).rows;

export async function openPgliteSource(config: PgliteConfig): Promise<Source> {
  const release = await lock(config, "run the backup");
  let pg: PGlite | undefined;
  try {
    if (!existsSync(path.join(config.pgliteDir, "PG_VERSION"))) {
      throw new BackupError(`There is no embedded database in ${config.dataDir} yet (FOREWARN_DATA_DIR): nothing to back up.`);
    }
    pg = await PGlite.create(pgliteOptions(config.pgliteDir));
    const query = queryOf(pg);
    const [version] = await query("SHOW server_version");
    const header: Source["header"] = {
      engine: "pglite",
      payload: "pglite-datadir-tar-gzip",
      serverVersion: String(version?.server_version ?? ""),
      pgliteVersion: installedPgliteVersion(),
      migrations: await appliedMigrations(query),
      source: describePglite(config),
      rows: await countRows(query),
    };
    // A checkpoint first: the image then needs no WAL replay to open.
    await pg.exec("CHECKPOINT");
    const image = await pg.dumpDataDir("gzip");
    await pg.close();
    pg = undefined;
    return {
      header,
      writePayload: async (sink) => sink.write(new Uint8Array(await image.arrayBuffer())),
      close: release,
    };
  } catch (error) {
    await pg?.close().catch(() => undefined);
    await release();
    throw error;
  }
}

/**
 * Loads the image into a staging directory beside the live one, checks that it opens, and only then swaps the two
 * directories: a backup that cannot be loaded leaves the current database as it was.
 */
export async function restorePglite(
  config: PgliteConfig,
  backup: VerifiedBackup,
  decide: (plan: RestorePlan) => Promise<void>,
): Promise<{ migrations: string[] }> {
  const release = await lock(config, "run the restore");
  const staging = path.join(config.dataDir, "pglite.restoring");
  const replaced = path.join(config.dataDir, "pglite.replaced");
  try {
    const replaces: string[] = [];
    if (existsSync(path.join(config.pgliteDir, "PG_VERSION"))) {
      const current = await PGlite.create(pgliteOptions(config.pgliteDir));
      try {
        const rows = await countRows(queryOf(current));
        if (Object.keys(rows).length > 0) replaces.push(`${describePglite(config)} (${describeContents(rows)})`);
      } finally {
        await current.close();
      }
    }
    // Throws (nothing changed) when the operator did not agree to replace what is there.
    await decide({ target: describePglite(config), replaces });

    await rm(staging, { recursive: true, force: true });
    let migrations: string[];
    try {
      const image = (await openAsBlob(backup.file)).slice(backup.payloadStart, backup.payloadStart + backup.payloadBytes);
      const loaded = await PGlite.create({ ...pgliteOptions(staging), loadDataDir: image });
      try {
        migrations = await appliedMigrations(queryOf(loaded));
      } finally {
        await loaded.close();
      }
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      const reason = error instanceof Error ? error.message : String(error);
      throw new BackupError(
        `The backup's database could not be opened (${reason}). It was made with PGlite ${backup.header.pgliteVersion ?? "?"} ` +
          `(PostgreSQL ${backup.header.serverVersion}); this install has PGlite ${installedPgliteVersion()}: restore it with the ` +
          `Forewarn version that made it. Nothing was changed.`,
      );
    }

    await rm(replaced, { recursive: true, force: true });
    const hadCurrent = existsSync(config.pgliteDir);
    if (hadCurrent) await rename(config.pgliteDir, replaced);
    try {
      await rename(staging, config.pgliteDir);
    } catch (error) {
      if (hadCurrent) await rename(replaced, config.pgliteDir);
      throw error;
    }
    await rm(replaced, { recursive: true, force: true });
    return { migrations };
  } finally {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    await release();
  }
}
