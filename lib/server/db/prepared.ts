import "server-only";
// Hot, fixed statements as named prepared statements on PGlite (issue 15). PGlite's query() sends every statement
// unnamed, so PostgreSQL parses and plans it again on every call: for the vendor notice's scoped read that was
// ~5 of its ~7 ms of CPU per view, in the server's own thread, and ~1.5 of the session read's 2 ms (measured with
// bench/pages-statements.ts). A named statement is parsed once per PGlite instance and, after a few executions,
// keeps a generic plan (the statements here look rows up by key, where the generic plan is the custom one).
//
// The statement goes to PGlite the way its own query() sends it — parse, describe, bind, describe, execute, sync —
// under the same two locks query() takes (transaction, then query), so it never runs inside another caller's open
// transaction, and with the same durability (synced to the file system after the Sync, as query() does).
// Results come back as $queryRaw's would for these columns (timestamptz → Date, json → parsed, text, booleans).
// On PostgreSQL the statement goes to a small pool of its own as a named statement too (node-postgres prepares it
// once per connection), which spares the server its parse and plan and this process Prisma's raw-query path; for a
// test database given without its instance or URL, through Prisma as before.
import { createHash } from "node:crypto";
import { parse, protocol, type PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { Prisma } from "@/generated/prisma/client";
import { getDb, getDirectDatabase } from "./client.ts";
import { countStatement } from "./query-count.ts";
import { postgresConnection } from "./adapter.ts";
import { readDatabaseConfig } from "./config.ts";

type BackendMessage = Awaited<ReturnType<PGlite["execProtocol"]>>["messages"][number];

/**
 * Named statements of each instance: text → parameter types. Bounded: only fixed texts belong here. On globalThis,
 * as the instance itself is (pglite.ts): Next loads this module once per bundle (pages, actions, route handlers), and
 * every copy must know what the shared instance already holds, or a second copy prepares a name again ("already
 * exists", 42P05).
 */
const prepared: WeakMap<PGlite, Map<string, number[]>> = ((globalThis as { __forewarnPrepared?: WeakMap<PGlite, Map<string, number[]>> }).__forewarnPrepared ??= new WeakMap());
const MAX_STATEMENTS = 64;

/** Rows of a read with a fixed SQL text (only the values vary), outside any transaction (never with a tx client). */
export async function queryPrepared<T>(sql: Prisma.Sql): Promise<T[]> {
  const target = await getDirectDatabase();
  if (!target) return getDb().$queryRaw<T[]>(sql);
  countStatement();
  if (target.kind === "postgresql") return (await poolFor(target.url).query({ name: statementName(sql.text), text: sql.text, values: sql.values })).rows as T[];
  return runNamed<T>(target.pglite, sql.text, sql.values);
}

/** Rows affected by a write with a fixed SQL text, committed (and synced) before this returns. */
export async function executePrepared(sql: Prisma.Sql): Promise<number> {
  const target = await getDirectDatabase();
  if (!target) return getDb().$executeRaw(sql);
  countStatement();
  if (target.kind === "postgresql") return (await poolFor(target.url).query({ name: statementName(sql.text), text: sql.text, values: sql.values })).rowCount ?? 0;
  let affected = 0;
  await runNamed(target.pglite, sql.text, sql.values, (n) => (affected = n));
  return affected;
}

/** One pool per database URL, beside Prisma's (its connections each prepare a statement on first use). */
const pools: Map<string, pg.Pool> = ((globalThis as { __forewarnPreparedPools?: Map<string, pg.Pool> }).__forewarnPreparedPools ??= new Map());

function poolFor(url: string): pg.Pool {
  let pool = pools.get(url);
  if (!pool) {
    // Connected as Prisma's pool is (adapter.ts): the same fields of the URL, the same TLS settings.
    const config = readDatabaseConfig({ DATABASE_URL: url });
    if (config.kind !== "postgresql") throw new Error("prepared statements: not a PostgreSQL URL");
    pool = new pg.Pool({ ...postgresConnection(config), max: 5, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000, allowExitOnIdle: true });
    // An idle connection the server ended (restart, a dropped test database): the pool replaces it on next use.
    pool.on("error", () => undefined);
    pools.set(url, pool);
  }
  return pool;
}

export function statementName(text: string): string {
  return `fw_${createHash("sha256").update(text).digest("hex").slice(0, 32)}`;
}

async function runNamed<T>(pglite: PGlite, text: string, values: unknown[], affected?: (n: number) => void): Promise<T[]> {
  const statements = prepared.get(pglite) ?? new Map<string, number[]>();
  prepared.set(pglite, statements);
  // Past the bound, an unnamed statement: as query() would send it.
  const name = statements.has(text) || statements.size < MAX_STATEMENTS ? statementName(text) : "";
  const send = async (message: Uint8Array, sync = false) => (await pglite.execProtocol(message, { syncToFs: sync })).messages;
  return pglite._runExclusiveTransaction(() =>
    pglite._runExclusiveQuery(async () => {
      const messages: BackendMessage[] = [];
      let parsedNow = false;
      let types = name ? statements.get(text) : undefined;
      try {
        if (!types) {
          try {
            await send(protocol.serialize.parse({ name, text }));
            parsedNow = name !== "";
          } catch (error) {
            // Prepared already on this instance by a copy of this module that kept its own list (42P05): the name is
            // the text's hash, so the statement is this one. Ends the failed exchange, then describes it.
            if ((error as { code?: string }).code !== "42P05") throw error;
            await send(protocol.serialize.sync(), false);
          }
          types = parse.parseDescribeStatementResults(await send(protocol.serialize.describe({ type: "S", name })));
          if (name) statements.set(text, types);
          parsedNow = false;
        }
        const params = values.map((value, i) => {
          if (value === null || value === undefined) return null;
          const serialize = pglite.serializers[types![i]!];
          return serialize ? serialize(value) : String(value);
        });
        messages.push(...(await send(protocol.serialize.bind({ statement: name, values: params as string[] }))));
        messages.push(...(await send(protocol.serialize.describe({ type: "P" }))));
        messages.push(...(await send(protocol.serialize.execute({}))));
      } catch (error) {
        if (error instanceof Error) Object.assign(error, { query: text });
        throw error;
      } finally {
        // Ends the extended-protocol exchange (and an error's "skip until Sync"), then syncs as query() does.
        messages.push(...(await send(protocol.serialize.sync(), true)));
        // A statement parsed but never described: drop it, so the next call prepares it afresh.
        if (parsedNow) await send(protocol.serialize.close({ type: "S", name }), false).then(() => send(protocol.serialize.sync(), true)).catch(() => undefined);
      }
      const [result] = parse.parseResults(messages, pglite.parsers);
      affected?.(result?.affectedRows ?? 0);
      return (result?.rows ?? []) as T[];
    }),
  );
}
