// The Prisma driver adapter for the configured database. Used by the app's client and by prisma.config.ts (CLI).
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PGlite } from "@electric-sql/pglite";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
} from "@prisma/driver-adapter-utils";
import { DriverAdapterError } from "@prisma/driver-adapter-utils";
import type { DatabaseConfig } from "./config.ts";
import { isPgError, mapPgError } from "./driver-errors.ts";
import { openPglite } from "./pglite.ts";

type AdapterInternals = SqlDriverAdapter & { onError(error: unknown): never };

/**
 * Both adapters get migration scripts wrong, in different ways:
 * - pglite-prisma-adapter 0.6 does not await `exec()` in `executeScript`, so a failing migration counts as applied;
 * - @prisma/adapter-pg splits scripts on every ";" (breaking function bodies and string literals) and runs the
 *   pieces one by one, so a failure leaves a half-applied migration;
 * - both send argument-less `executeRaw` through the extended protocol, which refuses several statements: the
 *   migration engine relies on that for shadow databases (only patched for migrations; the app keeps the
 *   extended protocol, one statement per call).
 * Here a script goes to the database whole, through the simple query protocol: PostgreSQL runs it as one implicit
 * transaction, so a migration applies completely or not at all. Errors are mapped the adapter's own way.
 */
function sendScriptsWhole(
  adapter: SqlDriverAdapter,
  runScript: (sql: string) => Promise<number>,
  forMigrations: boolean,
): SqlDriverAdapter {
  const internals = adapter as AdapterInternals;
  const executeRaw = adapter.executeRaw.bind(adapter);
  internals.executeScript = async (script: string) => {
    try {
      await runScript(script);
    } catch (error) {
      internals.onError(error);
    }
  };
  if (!forMigrations) return adapter;
  internals.executeRaw = async (query: SqlQuery) => {
    if (query.args.length > 0) return executeRaw(query);
    try {
      return await runScript(query.sql);
    } catch (error) {
      return internals.onError(error);
    }
  };
  return adapter;
}

const patchedPrototypes = new WeakSet<object>();

/** Map PGlite errors as @prisma/adapter-pg does (see driver-errors.ts), for the adapter and its transactions. */
function mapPgliteErrors(adapter: SqlDriverAdapter): void {
  // The adapter and its transaction class share PGliteQueryable.prototype, which defines onError.
  let proto: object | null = Object.getPrototypeOf(adapter);
  while (proto && !Object.prototype.hasOwnProperty.call(proto, "onError")) proto = Object.getPrototypeOf(proto);
  if (!proto || patchedPrototypes.has(proto)) return;
  patchedPrototypes.add(proto);
  (proto as AdapterInternals).onError = (error: unknown): never => {
    if (isPgError(error)) throw new DriverAdapterError(mapPgError(error) as never);
    throw error;
  };
}

const bytesPatched = new WeakSet<object>();

/**
 * Prisma hands `Bytes` arguments to adapters as base64 strings; @prisma/adapter-pg turns them into buffers,
 * pglite-prisma-adapter 0.6 does not (PGlite then refuses them: "Invalid input for bytea type"). Done here the way
 * adapter-pg does it, for the adapter and its transactions.
 */
function mapPgliteBytesArgs(adapter: SqlDriverAdapter): void {
  let proto: object | null = Object.getPrototypeOf(adapter);
  while (proto && !Object.prototype.hasOwnProperty.call(proto, "performIO")) proto = Object.getPrototypeOf(proto);
  if (!proto || bytesPatched.has(proto)) return;
  bytesPatched.add(proto);
  const performIO = (proto as { performIO(query: SqlQuery): Promise<unknown> }).performIO;
  (proto as { performIO(query: SqlQuery): Promise<unknown> }).performIO = function (this: unknown, query: SqlQuery) {
    const args = query.args.map((arg, i) => {
      if (query.argTypes[i]?.scalarType !== "bytes") return arg;
      if (typeof arg === "string") return Buffer.from(arg, "base64");
      if (Array.isArray(arg) && arg.every((n) => typeof n === "number")) return Buffer.from(arg as number[]);
      return arg;
    });
    return performIO.call(this, { ...query, args });
  };
}

function patchPgliteAdapter(adapter: SqlDriverAdapter, pglite: PGlite, forMigrations: boolean): SqlDriverAdapter {
  mapPgliteErrors(adapter);
  mapPgliteBytesArgs(adapter);
  const runScript = async (sql: string) => {
    const results = await pglite.exec(sql);
    return results.reduce((sum, r) => sum + (r.affectedRows ?? 0), 0);
  };
  return sendScriptsWhole(adapter, runScript, forMigrations);
}

function patchPgAdapter(adapter: SqlDriverAdapter, forMigrations: boolean): SqlDriverAdapter {
  const pool = (adapter as SqlDriverAdapter & { underlyingDriver(): pg.Pool }).underlyingDriver();
  const runScript = async (sql: string) => {
    const result = (await pool.query(sql)) as pg.QueryResult | pg.QueryResult[];
    return (Array.isArray(result) ? result : [result]).reduce((sum, r) => sum + (r.rowCount ?? 0), 0);
  };
  return sendScriptsWhole(adapter, runScript, forMigrations);
}

class PgAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName: string;
  readonly #inner: PrismaPg;
  readonly #forMigrations: boolean;
  constructor(inner: PrismaPg, forMigrations: boolean) {
    this.#inner = inner;
    this.adapterName = inner.adapterName;
    this.#forMigrations = forMigrations;
  }
  async connect(): Promise<SqlDriverAdapter> {
    return patchPgAdapter(await this.#inner.connect(), this.#forMigrations);
  }
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return patchPgAdapter(await this.#inner.connectToShadowDb(), this.#forMigrations);
  }
}

class PgliteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "pglite-prisma-adapter";
  readonly #open: () => Promise<PGlite>;
  readonly #forMigrations: boolean;
  constructor(open: () => Promise<PGlite>, forMigrations: boolean) {
    this.#open = open;
    this.#forMigrations = forMigrations;
  }
  async connect(): Promise<SqlDriverAdapter> {
    const pglite = await this.#open();
    return patchPgliteAdapter(await new PrismaPGlite(pglite).connect(), pglite, this.#forMigrations);
  }
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    // In memory, discarded with the process: the CLI is short-lived.
    const shadow = await PGlite.create({ dataDir: "memory://" });
    return patchPgliteAdapter(await new PrismaPGlite(shadow).connect(), shadow, true);
  }
}

export type AdapterOptions = { forMigrations?: boolean; pool?: { max?: number; idleTimeoutMillis?: number } };

export function createAdapterFactory(config: DatabaseConfig, options: AdapterOptions = {}): SqlMigrationAwareDriverAdapterFactory {
  const forMigrations = options.forMigrations ?? false;
  if (config.kind === "pglite") {
    return new PgliteAdapterFactory(() => openPglite(config), forMigrations);
  }
  const inner = new PrismaPg({
    Client: CatalogTextClient,
    ...postgresConnection(config),
    connectionTimeoutMillis: 5_000,
    max: options.pool?.max ?? 10,
    idleTimeoutMillis: options.pool?.idleTimeoutMillis ?? 30_000,
  });
  return new PgAdapterFactory(inner, forMigrations);
}

/** Where and how to connect to PostgreSQL: Prisma's pool and the prepared statements' pool (prepared.ts) alike. */
export function postgresConnection(config: Extract<DatabaseConfig, { kind: "postgresql" }>): pg.PoolConfig {
  return { host: config.host, port: config.port, user: config.user, password: config.password, database: config.database, ...sslFromUrl(config.url) };
}

/** Memory-only PGlite for tests: same adapter, same patches. */
export function createPgliteAdapterFactory(pglite: PGlite): SqlMigrationAwareDriverAdapterFactory {
  return new PgliteAdapterFactory(async () => pglite, false);
}

// Prisma's pg adapter refuses PostgreSQL's catalog types `name` and `"char"` ("Column type 'name' could not be
// deserialized", prisma/prisma#27403), which migrate reads from pg_catalog. Their text form is plain text, so the
// columns are reported as text.
const CATALOG_AS_TEXT: Record<number, number> = { 18: 25, 19: 25, 1002: 1009, 1003: 1009 };

function reportCatalogTypesAsText(result: unknown): void {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const field of (r as pg.QueryResult | undefined)?.fields ?? []) {
      const text = CATALOG_AS_TEXT[field.dataTypeID];
      if (text !== undefined) field.dataTypeID = text;
    }
  }
}

class CatalogTextClient extends pg.Client {
  // pg's query() has many overloads (promise or callback); patch the result in both forms.
  override query(...args: unknown[]): never {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) => {
        if (!error) reportCatalogTypesAsText(result);
        (last as (e: unknown, r: unknown) => void)(error, result);
      };
    }
    const returned = (super.query as (...a: unknown[]) => unknown)(...args);
    if (returned && typeof (returned as Promise<unknown>).then === "function") {
      return (returned as Promise<unknown>).then((result) => {
        reportCatalogTypesAsText(result);
        return result;
      }) as never;
    }
    return returned as never;
  }
}

// Host, port, user and database are passed separately (not as connectionString): with a connectionString, the
// migration engine's shadow database silently reuses the main one.
function sslFromUrl(raw: string): { ssl?: boolean | { rejectUnauthorized: boolean } } {
  const mode = new URL(raw).searchParams.get("sslmode");
  if (!mode || mode === "disable") return {};
  if (mode === "no-verify") return { ssl: { rejectUnauthorized: false } };
  return { ssl: true };
}
