// The embedded database: one PGlite instance per data directory per process, guarded by an exclusive lock.
// Two processes on one PGlite directory do not fail on their own: each keeps its own view and one's writes vanish.
// So every process takes the lock before opening the directory and refuses to start without it.
import { mkdir, access, writeFile, rm } from "node:fs/promises";
import { constants } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import lockfile from "proper-lockfile";
import { ConfigError } from "./config.ts";

type Opened = { pglite: PGlite; release: () => Promise<void> };

// Kept on globalThis so that Next's dev reloads and the Prisma CLI's double adapter() call share one instance.
const registry: Map<string, Promise<Opened>> = ((globalThis as { __forewarnPglite?: Map<string, Promise<Opened>> })
  .__forewarnPglite ??= new Map());

/** How long a lock of a process that died (kill -9) blocks the directory. */
export const LOCK_STALE_MS = 10_000;

export async function ensureWritableDir(dir: string, setting = "FOREWARN_DATA_DIR"): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
    const probe = path.join(dir, `.write-probe-${process.pid}`);
    await writeFile(probe, "");
    await rm(probe, { force: true });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError(
      setting,
      `${setting} (${dir}) is not a writable directory (${reason}). Point ${setting} at a directory this user ` +
        `can write, or fix its permissions (e.g. chown/chmod).`,
    );
  }
}

async function acquireLock(dataDir: string, lockPath: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: lockPath,
      realpath: false,
      stale: LOCK_STALE_MS,
      update: LOCK_STALE_MS / 4,
      // Losing the lock means another process may now write the same files: stop before anything is lost.
      onCompromised: (error) => {
        console.error(`[forewarn] lost the lock on the embedded database (${lockPath}): ${error.message}. Exiting.`);
        process.exit(70);
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") {
      throw new ConfigError(
        "FOREWARN_DATA_DIR",
        `The embedded database in FOREWARN_DATA_DIR (${dataDir}) is in use by another Forewarn process ` +
          `(lock: ${lockPath}). Stop the other process (npm start, npm run db:…, a test run), or point ` +
          `FOREWARN_DATA_DIR at another directory. If no other process runs, the lock expires within ` +
          `${LOCK_STALE_MS / 1000} seconds.`,
      );
    }
    throw error;
  }
}

export function openPglite(opts: { dataDir: string; pgliteDir: string; lockPath: string }): Promise<PGlite> {
  let opened = registry.get(opts.pgliteDir);
  if (!opened) {
    opened = (async () => {
      await ensureWritableDir(opts.dataDir);
      const release = await acquireLock(opts.dataDir, opts.lockPath);
      try {
        const pglite = await PGlite.create({
          dataDir: opts.pgliteDir,
          // Never relaxedDurability: a write we confirmed must survive kill -9.
          relaxedDurability: false,
          // PGlite >= 0.4 re-opening a directory arms a repeating progress timer that keeps CLIs alive forever.
          startParams: [...PGlite.defaultStartParams, "-c", "log_startup_progress_interval=0"],
        });
        return { pglite, release };
      } catch (error) {
        await release().catch(() => undefined);
        throw error;
      }
    })();
    registry.set(opts.pgliteDir, opened);
    opened.catch(() => registry.delete(opts.pgliteDir));
  }
  return opened.then((o) => o.pglite);
}

/** Close the instance and release the lock (CLI commands and tests; the server keeps it until exit). */
export async function closePglite(pgliteDir: string): Promise<void> {
  const opened = registry.get(pgliteDir);
  if (!opened) return;
  registry.delete(pgliteDir);
  const { pglite, release } = await opened;
  await pglite.close();
  await release();
}
