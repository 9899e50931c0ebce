// The engine-neutral half of `npm run db:move`: two open databases (PGlite or PostgreSQL, either side), the tables
// both hold, a copy of every row inside one transaction on the target, and a comparison afterwards.
//
// Rows travel as JSON made by the database itself (to_jsonb(row) on the source, jsonb_populate_recordset on the
// target): every type's own text form, so bytea, enums, arrays, timestamps with their microseconds and numerics
// arrive exactly, without a mapping of ours per type. Foreign keys are dropped for the copy and added back before
// the commit (PostgreSQL checks every row then), so the order of the tables does not matter and self-references
// cannot trip it; user triggers are off for the copy only (AuditEvent's append-only guard stays in place).
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { verifyEvents, type ChainCheck } from "../../lib/audit/chain.ts";

export class MoveError extends Error {}

export type Conn = {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
};

export function pgliteConn(pglite: PGlite): Conn {
  return {
    query: async <T,>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
    close: () => pglite.close(),
  };
}

export async function postgresConn(url: string, describe: string): Promise<Conn> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000, application_name: "forewarn-move" });
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message || String((error as { code?: string }).code) : String(error);
    throw new MoveError(`Could not connect to ${describe} (${reason}). Check the URL, that the database exists and that the user may connect. Nothing was changed.`);
  }
  return {
    query: async <T,>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    close: () => client.end(),
  };
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

export type Table = { schema: string; name: string; key: string; sql: string };

/** Tables copied row by row. The migrations' ledger and pg-boss's version are made by the target's set-up instead. */
export const SET_UP_BY_TARGET = new Set(["public._prisma_migrations", "pgboss.version"]);

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`;

/** Every plain table (partitions included, partitioned parents not: their rows live in the partitions). */
export async function listTables(db: Conn): Promise<Table[]> {
  const rows = await db.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r' AND ${USER_SCHEMAS} ORDER BY 1, 2`,
  );
  return rows.map((r) => ({ ...r, key: `${r.schema}.${r.name}`, sql: `${ident(r.schema)}.${ident(r.name)}` }));
}

export type TableDigest = { rows: number; digest: string };

/**
 * Row count and a digest of every row's content (order-independent), read the same way on both sides. Sessions
 * use UTC, so timestamps render alike; the JSON text of a row is what both engines agree on.
 */
export async function digestTable(db: Conn, table: Table): Promise<TableDigest> {
  const [row] = await db.query<{ rows: number; digest: string | null }>(
    `SELECT count(*)::int AS rows, md5(string_agg(h, '' ORDER BY h)) AS digest
     FROM (SELECT md5(to_jsonb(t)::text) AS h FROM ${table.sql} t) s`,
  );
  return { rows: Number(row?.rows ?? 0), digest: row?.digest ?? "" };
}

export async function digestAll(db: Conn, tables: Table[]): Promise<Map<string, TableDigest>> {
  const digests = new Map<string, TableDigest>();
  for (const table of tables) digests.set(table.key, await digestTable(db, table));
  return digests;
}

type Column = { name: string; type: string; identity: string };

async function columnsOf(db: Conn, table: Table): Promise<Column[]> {
  // Generated columns are computed by the target; identity columns take the source's values.
  return db.query<Column>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attidentity::text AS identity
     FROM pg_attribute a WHERE a.attrelid = ${literal(table.sql)}::regclass AND a.attnum > 0 AND NOT a.attisdropped
     AND a.attgenerated = '' ORDER BY a.attnum`,
  );
}

type ForeignKey = { table: string; name: string; definition: string };

async function foreignKeys(db: Conn): Promise<ForeignKey[]> {
  const rows = await db.query<{ schema: string; table: string; name: string; definition: string }>(
    `SELECT n.nspname AS schema, c.relname AS table, con.conname AS name, pg_get_constraintdef(con.oid) AS definition
     FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE con.contype = 'f' AND con.conparentid = 0 AND ${USER_SCHEMAS} ORDER BY 1, 2, 3`,
  );
  return rows.map((r) => ({ table: `${ident(r.schema)}.${ident(r.table)}`, name: r.name, definition: r.definition }));
}

type SequenceState = { sql: string; value: string | null };

async function sequences(db: Conn): Promise<SequenceState[]> {
  const rows = await db.query<{ schema: string; name: string; value: string | null }>(
    `SELECT schemaname AS schema, sequencename AS name, last_value::text AS value FROM pg_sequences n
     WHERE ${USER_SCHEMAS.replaceAll("n.nspname", "n.schemaname")} ORDER BY 1, 2`,
  );
  return rows.map((r) => ({ sql: `${ident(r.schema)}.${ident(r.name)}`, value: r.value }));
}

/** Rows per round trip: a few for tables holding files (attachments of up to tens of MB), more for the rest. */
const pageSize = (columns: Column[]) => (columns.some((c) => c.type === "bytea") ? 4 : 500);

export type CopyProgress = (table: Table, rows: number) => void;

/**
 * Replaces the target's rows of `tables` with the source's, in one transaction: all of it commits or none.
 * The source is only read.
 */
export async function copyRows(source: Conn, target: Conn, tables: Table[], progress: CopyProgress = () => undefined): Promise<void> {
  const keys = await foreignKeys(target);
  await target.query("BEGIN");
  try {
    for (const fk of keys) await target.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${ident(fk.name)}`);
    for (const table of tables) await target.query(`ALTER TABLE ${table.sql} DISABLE TRIGGER USER`);
    if (tables.length) await target.query(`TRUNCATE ${tables.map((t) => t.sql).join(", ")}`);
    for (const table of tables) {
      const columns = await columnsOf(target, table);
      const list = columns.map((c) => ident(c.name)).join(", ");
      const overriding = columns.some((c) => c.identity === "a") ? "OVERRIDING SYSTEM VALUE" : "";
      const page = pageSize(columns);
      let copied = 0;
      for (;;) {
        // The source is read-only while we read it (a snapshot on PostgreSQL, a private copy for PGlite): ctid order
        // with an offset pages through it exactly once.
        const rows = await source.query<{ j: string }>(`SELECT to_jsonb(t)::text AS j FROM ${table.sql} t ORDER BY ctid LIMIT ${page} OFFSET ${copied}`);
        if (rows.length === 0) break;
        await target.query(
          `INSERT INTO ${table.sql} (${list}) ${overriding} SELECT ${list} FROM jsonb_populate_recordset(NULL::${table.sql}, $1::text::jsonb)`,
          [`[${rows.map((r) => r.j).join(",")}]`],
        );
        copied += rows.length;
        if (rows.length < page) break;
      }
      progress(table, copied);
    }
    // The source's sequences as they were (not just max(id)+1): ids handed out and rolled back stay unused.
    const targetSequences = new Set((await sequences(target)).map((s) => s.sql));
    for (const seq of await sequences(source)) {
      if (!targetSequences.has(seq.sql)) continue;
      if (seq.value === null) await target.query(`ALTER SEQUENCE ${seq.sql} RESTART`);
      else await target.query(`SELECT setval(${literal(seq.sql)}, ${literal(seq.value)}::bigint, true)`);
    }
    for (const table of tables) await target.query(`ALTER TABLE ${table.sql} ENABLE TRIGGER USER`);
    for (const fk of keys) await target.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${ident(fk.name)} ${fk.definition}`);
    await target.query("COMMIT");
  } catch (error) {
    await target.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

export type AuditRow = { seq: string; occurredAt: string; actorId: string | null; actorEmail: string | null; action: string; targetType: string | null; targetId: string | null; ipAddress: string | null; details: string; prevHash: string | null; hash: string };

/** Recomputes the audit chain (lib/audit/chain.ts) from the rows as stored. */
export async function checkChain(db: Conn): Promise<ChainCheck> {
  let prev: string | null = null;
  let checked = 0;
  for await (const page of auditEvents(db)) {
    const events = page.map((r) => ({ ...r, seq: BigInt(r.seq), occurredAt: new Date(r.occurredAt), details: JSON.parse(r.details) as unknown }));
    const result = verifyEvents(events, prev, checked);
    if (!result.ok) return result;
    checked = result.checked;
    prev = page.at(-1)!.hash;
  }
  return { ok: true, checked };
}

/** The audit log oldest first, in pages, with every field as text (both drivers parse types differently). */
async function* auditEvents(db: Conn): AsyncGenerator<AuditRow[]> {
  let after = "0";
  for (;;) {
    const rows = await db.query<AuditRow>(
      `SELECT seq::text AS seq, to_json("occurredAt")#>>'{}' AS "occurredAt", "actorId", "actorEmail", action, "targetType",
              "targetId", "ipAddress", details::text AS details, "prevHash", hash
       FROM public."AuditEvent" WHERE seq > ${literal(after)}::bigint ORDER BY seq LIMIT 1000`,
    );
    if (rows.length) yield rows;
    if (rows.length < 1000) return;
    after = rows.at(-1)!.seq;
  }
}
