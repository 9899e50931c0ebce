// The embedded database: one PGlite instance per data directory per process, guarded by an exclusive lock.
// Two processes on one PGlite directory do not fail on their own: each keeps its own view and one's writes vanish.
// So every process takes the lock before opening the directory and refuses to start without it.
//
// The lock (proper-lockfile) is never taken over while its holder lives: PGlite runs synchronous WebAssembly that
// can block the event loop (and so the lock's refresh timer) for long stretches, so an mtime-based staleness window
// alone could hand a live directory to a second process. The holder's pid and host are written beside the lock; a
// lock whose holder on this host is gone (kill -9, crash) is reclaimed at once.
import { mkdir, access, writeFile, rm, readFile } from "node:fs/promises";
import { constants, readFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { PGlite, types, type PGliteOptions } from "@electric-sql/pglite";
import lockfile from "proper-lockfile";
import { ConfigError, type PgliteConfig } from "./config.ts";

type Opened = { pglite: PGlite; release: () => Promise<void> };

// Kept on globalThis so that Next's dev reloads and the Prisma CLI's double adapter() call share one instance.
const registry: Map<string, Promise<Opened>> = ((globalThis as { __forewarnPglite?: Map<string, Promise<Opened>> })
  .__forewarnPglite ??= new Map());

/** Only a lock whose holder cannot be checked (another host) is considered stale, and only after a day. */
const LOCK_STALE_MS = 24 * 3_600_000;

/** How PGlite is opened. Exported so a test pins it: durability is never relaxed. */
export function pgliteOptions(dataDir: string): PGliteOptions {
  return {
    dataDir,
    // Never relaxedDurability: a write we confirmed must survive kill -9.
    relaxedDurability: false,
    // PGlite >= 0.4 re-opening a directory arms a repeating progress timer that keeps CLIs alive forever.
    startParams: [...PGlite.defaultStartParams, "-c", "log_startup_progress_interval=0"],
    // PGlite's own bytea serializer maps every byte to a two-letter string and joins them: storing one 10 MB patch
    // took 10–14 s of CPU (measured), the bulk of a 23–30 s upload. Node's hex encoder writes the same text at once.
    serializers: { [types.BYTEA]: byteaHex },
  };
}

/** A bytea parameter as PostgreSQL's hex input format (`\x0aff…`). */
export function byteaHex(value: unknown): string {
  if (!(value instanceof Uint8Array)) throw new TypeError("Invalid input for bytea type");
  return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex")}`;
}

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

type Owner = { pid: number; host: string; since: string };

function ownerFile(config: PgliteConfig): string {
  return `${config.lockPath}.owner.json`;
}

async function readOwner(config: PgliteConfig): Promise<Owner | null> {
  try {
    return JSON.parse(await readFile(ownerFile(config), "utf8")) as Owner;
  } catch {
    return null;
  }
}

/**
 * Whether a process still runs. A killed process whose parent has not collected it yet (a zombie: in a container
 * whose first process does not reap, that can be forever) answers signal 0 but will never write again: it counts as
 * gone, or a crash would leave the directory locked for good.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state …"; comm may hold spaces and parentheses, so the state follows the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    // No /proc (macOS) or the process just went: signal 0 said it was there.
    return true;
  }
}

/** Another live process holds the directory's lock (commands that must not run beside the portal say so). */
export class DataDirInUseError extends ConfigError {
  /** " (process 123 on host, since …)", or "" when the holder is unknown. */
  readonly holder: string;
  constructor(message: string, holder: string) {
    super("FOREWARN_DATA_DIR", message);
    this.holder = holder;
  }
}

function inUse(config: PgliteConfig, owner: Owner | null): DataDirInUseError {
  const who = owner ? ` (process ${owner.pid} on ${owner.host}, since ${owner.since})` : "";
  return new DataDirInUseError(
    `The embedded database in FOREWARN_DATA_DIR (${config.dataDir}) is in use by another Forewarn process${who}. ` +
      `Stop the other process (npm start, npm run db:…, a test run), or point FOREWARN_DATA_DIR at another directory.`,
    who,
  );
}

/** Takes the directory's lock for this process; returns its release. Throws ConfigError when another holds it. */
export async function lockDataDir(config: PgliteConfig): Promise<() => Promise<void>> {
  await ensureWritableDir(config.dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const release = await lockfile.lock(config.dataDir, {
        lockfilePath: config.lockPath,
        realpath: false,
        stale: LOCK_STALE_MS,
        update: 60_000,
        // Losing the lock means another process may now write the same files: stop before anything is lost.
        onCompromised: (error) => {
          console.error(`[forewarn] lost the lock on the embedded database (${config.lockPath}): ${error.message}. Exiting.`);
          process.exit(70);
        },
      });
      const owner: Owner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
      await writeFile(ownerFile(config), JSON.stringify(owner));
      return async () => {
        await rm(ownerFile(config), { force: true });
        await release();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
      const owner = await readOwner(config);
      // The holder died without releasing (kill -9, power loss): reclaim once; never while it lives.
      if (attempt === 0 && owner && owner.host === hostname() && owner.pid !== process.pid && !processAlive(owner.pid)) {
        await rm(config.lockPath, { recursive: true, force: true });
        await rm(ownerFile(config), { force: true });
        continue;
      }
      throw inUse(config, owner);
    }
  }
  throw inUse(config, await readOwner(config));
}

export function openPglite(config: PgliteConfig): Promise<PGlite> {
  let opened = registry.get(config.pgliteDir);
  if (!opened) {
    opened = (async () => {
      const release = await lockDataDir(config);
      try {
        const pglite = await PGlite.create(pgliteOptions(config.pgliteDir));
        return { pglite, release };
      } catch (error) {
        await release().catch(() => undefined);
        throw error;
      }
    })();
    registry.set(config.pgliteDir, opened);
    opened.catch(() => registry.delete(config.pgliteDir));
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
