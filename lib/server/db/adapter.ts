// The Prisma driver adapter for the configured database. Used by the app's client and by prisma.config.ts (CLI).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PGlite } from "@electric-sql/pglite";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
} from "@prisma/driver-adapter-utils";
import type { DatabaseConfig } from "./config.ts";
import { openPglite } from "./pglite.ts";

type PgliteAdapterInternals = SqlDriverAdapter & { onError(error: unknown): never };

/**
 * pglite-prisma-adapter 0.6 has two defects that matter for migrations:
 * - `executeScript` does not await `exec()`, so a failing migration is reported as applied;
 * - argument-less `executeRaw` goes through the extended protocol, which refuses several statements at once.
 * Both go through `pglite.exec()` here, with errors mapped the adapter's way.
 */
function patchPgliteAdapter(adapter: SqlDriverAdapter, pglite: PGlite): SqlDriverAdapter {
  const internals = adapter as PgliteAdapterInternals;
  const executeRaw = adapter.executeRaw.bind(adapter);
  internals.executeScript = async (script: string) => {
    try {
      await pglite.exec(script);
    } catch (error) {
      internals.onError(error);
    }
  };
  internals.executeRaw = async (query: SqlQuery) => {
    if (query.args.length > 0) return executeRaw(query);
    try {
      const results = await pglite.exec(query.sql);
      return results.reduce((sum, r) => sum + (r.affectedRows ?? 0), 0);
    } catch (error) {
      return internals.onError(error);
    }
  };
  return adapter;
}

class PgliteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "pglite-prisma-adapter";
  readonly #open: () => Promise<PGlite>;
  constructor(open: () => Promise<PGlite>) {
    this.#open = open;
  }
  async connect(): Promise<SqlDriverAdapter> {
    const pglite = await this.#open();
    return patchPgliteAdapter(await new PrismaPGlite(pglite).connect(), pglite);
  }
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const shadow = await PGlite.create({ dataDir: "memory://" });
    const adapter = patchPgliteAdapter(await new PrismaPGlite(shadow).connect(), shadow);
    return adapter;
  }
}

export function createAdapterFactory(
  config: DatabaseConfig,
  options: { pool?: { max?: number; idleTimeoutMillis?: number } } = {},
): SqlMigrationAwareDriverAdapterFactory {
  if (config.kind === "pglite") {
    return new PgliteAdapterFactory(() => openPglite(config));
  }
  return new PrismaPg({
    host: config.host,
    port: config.port,
    user: config.user,
    password: config.password,
    database: config.database,
    ...sslFromUrl(config.url),
    connectionTimeoutMillis: 5_000,
    max: options.pool?.max ?? 10,
    idleTimeoutMillis: options.pool?.idleTimeoutMillis ?? 30_000,
  });
}

/** Memory-only PGlite for tests: same adapter, same patches. */
export function createPgliteAdapterFactory(pglite: PGlite): SqlMigrationAwareDriverAdapterFactory {
  return new PgliteAdapterFactory(async () => pglite);
}

// Host, port, user and database are passed separately (not as connectionString): with a connectionString, the
// migration engine's shadow database silently reuses the main one.
function sslFromUrl(raw: string): { ssl?: boolean | { rejectUnauthorized: boolean } } {
  const mode = new URL(raw).searchParams.get("sslmode");
  if (!mode || mode === "disable") return {};
  if (mode === "no-verify") return { ssl: { rejectUnauthorized: false } };
  return { ssl: true };
}
