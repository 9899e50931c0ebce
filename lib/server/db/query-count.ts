// Counting SQL statements, for `npm run bench -- pages`: "the number of queries per page must not grow with the
// number of organisations" is checked by reading this counter around one page view. Off unless
// FOREWARN_COUNT_QUERIES=1 when the process starts: then, and only then, the Prisma client's driver adapter is wrapped
// (production keeps the bare adapter, no overhead) and GET /api/health/queries answers instead of 404.
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";

export type QueryCount = { statements: number; transactions: number };

const counter: QueryCount = ((globalThis as { __forewarnQueryCount?: QueryCount }).__forewarnQueryCount ??= { statements: 0, transactions: 0 });

export function queryCountingEnabled(): boolean {
  return process.env.FOREWARN_COUNT_QUERIES === "1";
}

/** The process's totals since it started (null when counting is off). */
export function readQueryCount(): QueryCount | null {
  return queryCountingEnabled() ? { ...counter } : null;
}

/** Statements (queryRaw / executeRaw, in or out of a transaction) and transactions started, counted per object. */
function counting<T extends SqlDriverAdapter | Transaction>(target: T): T {
  return new Proxy(target, {
    get(obj, prop) {
      const value: unknown = Reflect.get(obj, prop, obj);
      if (typeof value !== "function") return value;
      const fn = value as (...args: unknown[]) => unknown;
      if (prop === "queryRaw" || prop === "executeRaw") {
        return (...args: unknown[]) => {
          counter.statements += 1;
          return fn.apply(obj, args);
        };
      }
      if (prop === "startTransaction") {
        return async (...args: unknown[]) => {
          counter.transactions += 1;
          return counting((await fn.apply(obj, args)) as Transaction);
        };
      }
      return fn.bind(obj);
    },
  });
}

/** The factory as given when counting is off; otherwise one whose connections count what they run. */
export function withQueryCounting(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  if (!queryCountingEnabled()) return factory;
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => counting(await factory.connect()),
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}

/** A statement sent to the database outside the Prisma adapter (prepared.ts), counted like the adapter's. */
export function countStatement(): void {
  if (queryCountingEnabled()) counter.statements += 1;
}
