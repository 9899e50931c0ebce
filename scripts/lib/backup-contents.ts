// What a database holds, asked the same way on PGlite and PostgreSQL: the tables and their rows (to say exactly what
// a restore would replace), the applied migrations (so a restore never leaves `npm start` facing an unknown one),
// and the instance secret kept beside the embedded database.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { rename, writeFile, mkdir, chmod } from "node:fs/promises";
import path from "node:path";
import { root } from "./env.ts";
import { DEFAULT_DATA_DIR } from "../../lib/server/db/config.ts";

export type Query = (sql: string) => Promise<Array<Record<string, unknown>>>;

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`;

/** "the embedded database in …" starts a sentence in some messages. */
export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every schema the app (or pg-boss) made, whether or not it holds tables. */
export async function userSchemas(query: Query): Promise<string[]> {
  const rows = await query(`SELECT n.nspname AS name FROM pg_namespace n WHERE ${USER_SCHEMAS} ORDER BY 1`);
  return rows.map((r) => String(r.name));
}

/** Exact row counts of every table outside the system schemas, as { "schema.table": rows }. */
export async function countRows(query: Query): Promise<Record<string, number>> {
  const tables = await query(
    `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND ${USER_SCHEMAS} ORDER BY 1, 2`,
  );
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const [row] = await query(`SELECT count(*)::int AS n FROM ${quote(String(t.schema))}.${quote(String(t.name))}`);
    counts[`${String(t.schema)}.${String(t.name)}`] = Number(row?.n ?? 0);
  }
  return counts;
}

/** "public: 26 tables, 57 rows (Organisation 3, Notice 1, AuditEvent 12, …); pgboss: …" */
export function describeContents(counts: Record<string, number>): string {
  const bySchema = new Map<string, Array<[string, number]>>();
  for (const [key, n] of Object.entries(counts)) {
    const dot = key.indexOf(".");
    const list = bySchema.get(key.slice(0, dot)) ?? [];
    list.push([key.slice(dot + 1), n]);
    bySchema.set(key.slice(0, dot), list);
  }
  return [...bySchema]
    .map(([schema, tables]) => {
      const rows = tables.reduce((sum, [, n]) => sum + n, 0);
      const biggest = tables.filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).slice(0, 6);
      const detail = biggest.length ? ` (${biggest.map(([t, n]) => `${t} ${n}`).join(", ")}${tables.filter(([, n]) => n > 0).length > biggest.length ? ", …" : ""})` : "";
      return `schema ${schema}: ${tables.length} tables, ${rows} rows${detail}`;
    })
    .join("; ");
}

export async function appliedMigrations(query: Query): Promise<string[]> {
  const [exists] = await query(`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS ok`);
  if (!exists?.ok) return [];
  const rows = await query(
    `SELECT migration_name AS name FROM public._prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows.map((r) => String(r.name));
}

/** The migrations of this checkout (the folder `npm start` applies). */
export function knownMigrations(): string[] {
  const dir = process.env.FOREWARN_MIGRATIONS_DIR ?? path.join(root, "prisma", "migrations");
  return existsSync(dir) ? readdirSync(dir).filter((name) => existsSync(path.join(dir, name, "migration.sql"))).sort() : [];
}

/** Migrations in the backup that this checkout does not have: restoring would leave a schema `npm start` cannot manage. */
export function unknownMigrations(migrations: string[]): string[] {
  const known = new Set(knownMigrations());
  return migrations.filter((m) => !known.has(m));
}

export function secretFile(): string {
  return path.join(process.env.FOREWARN_DATA_DIR?.trim() || DEFAULT_DATA_DIR, "instance-secret");
}

export function readInstanceSecret(): string | null {
  const file = secretFile();
  return existsSync(file) ? readFileSync(file, "utf8").trim() : null;
}

/** Replaces the instance secret atomically, readable by this user only. */
export async function writeInstanceSecret(secret: string): Promise<void> {
  const file = secretFile();
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.restoring-${process.pid}`;
  await writeFile(partial, secret + "\n", { mode: 0o600 });
  await chmod(partial, 0o600);
  await rename(partial, file);
}
