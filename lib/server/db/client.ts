import "server-only";
// The one Prisma client of this process, created on first use (never at import: `next build` must not open the
// database). Only lib/*/data.ts may import this module (enforced by ESLint).
import { PrismaClient } from "@/generated/prisma/client";
import { readDatabaseConfig, type DatabaseConfig } from "./config.ts";
import { createAdapterFactory } from "./adapter.ts";
import { openPglite } from "./pglite.ts";
import { withQueryCounting } from "./query-count.ts";
import type { PGlite } from "@electric-sql/pglite";

export type Db = PrismaClient;

type Holder = {
  client?: PrismaClient;
  config?: DatabaseConfig;
  override?: DbOverride;
};
const holder: Holder = ((globalThis as { __forewarnDb?: Holder }).__forewarnDb ??= {});

/**
 * Interactive transactions under load (issue 15). Prisma's defaults (maxWait 2 s to start, timeout 5 s to finish) turn
 * a burst into errors: 20 concurrent acknowledgements queue for the pool's connections (PostgreSQL) or for PGlite's one
 * transaction lock, each holding its place while it waits on the same unique key, and on a loaded 2-core machine the
 * last ones started after more than 2 s and failed ("Unable to start a transaction in the given time"). Prisma 6's
 * maxWait does not shorten the wait (the start is awaited whatever happens; a late one is then rolled back), so a
 * short one only throws away work that already waited its turn: starting late is queueing, not failure. The timeout
 * stays a bound, because a transaction that never ends holds PGlite's only lock or a connection and its row locks;
 * 30 s is far above what a transaction here takes on a busy machine (the directory import sets its own, longer one).
 */
export const TRANSACTION_OPTIONS = { maxWait: 60_000, timeout: 30_000 } as const;

export function createPrismaClient(adapter: ReturnType<typeof createAdapterFactory>): PrismaClient {
  return new PrismaClient({
    adapter,
    transactionOptions: TRANSACTION_OPTIONS,
    // Secret columns never leave the data layer unless a function asks for them by name.
    omit: { user: { totpSecret: true }, session: { totpPendingSecret: true }, apiToken: { tokenHash: true }, calendarFeed: { secretHash: true } },
  });
}

export function getDatabaseConfig(): DatabaseConfig {
  return (holder.config ??= readDatabaseConfig());
}

export function getDatabaseKind(): DatabaseConfig["kind"] {
  return holder.override?.kind ?? getDatabaseConfig().kind;
}

export function getDb(): PrismaClient {
  if (holder.override) return holder.override.client;
  holder.client ??= createPrismaClient(withQueryCounting(createAdapterFactory(getDatabaseConfig())));
  return holder.client;
}

/** A test's own database; `pglite` or `url` let the job engine reach the same database. */
export type DbOverride = { client: PrismaClient; kind: DatabaseConfig["kind"]; pglite?: PGlite | undefined; url?: string | undefined };

/** The database behind getDb(), to reach directly: PGlite's instance, or PostgreSQL's URL. */
export type DirectDatabase = { kind: "pglite"; pglite: PGlite } | { kind: "postgresql"; url: string };

/**
 * The database behind getDb() for what reaches it beside Prisma (the job engine, prepared statements); null for a test
 * database given without its instance or URL.
 */
export async function getDirectDatabase(): Promise<DirectDatabase | null> {
  const override = holder.override;
  if (override) {
    if (override.pglite) return { kind: "pglite", pglite: override.pglite };
    if (override.url) return { kind: "postgresql", url: override.url };
    return null;
  }
  const config = getDatabaseConfig();
  if (config.kind === "pglite") return { kind: "pglite", pglite: await openPglite(config) };
  return { kind: "postgresql", url: config.url };
}

/**
 * Where the job engine (pg-boss) keeps its queues: the same database as everything else, so that a job can be
 * queued in the transaction of the change that needs it. PGlite is shared in-process (one connection, the lock
 * is this process's); PostgreSQL gets its own small pool.
 */
export async function getJobDatabase(): Promise<DirectDatabase> {
  const target = await getDirectDatabase();
  if (!target) throw new Error("useDbForTests: pass the test database's pglite instance or url to use the job engine");
  return target;
}

/** Integration tests run the real data functions against a database they created (PGlite or PostgreSQL). */
export function useDbForTests(override: DbOverride | undefined): void {
  if (!process.env.VITEST) throw new Error("useDbForTests is for the test suite only");
  holder.override = override;
}
