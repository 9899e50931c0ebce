// The same migrations must give the same schema on both databases, and instances that start together against one
// PostgreSQL must apply each migration exactly once.
import { describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { runScript } from "@/test/cli";
import { createDatabase, urlFor, dropDatabase } from "@/test/postgres";
import { listShippedMigrations } from "./migrations";

// Catalog names are cast to text: Prisma's adapters do not read PostgreSQL's `name` type.
const CATALOG_QUERIES = {
  columns: `SELECT table_name::text, column_name::text, data_type::text, udt_name::text, is_nullable::text,
              column_default::text, character_maximum_length, datetime_precision
            FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`,
  indexes: `SELECT indexname::text AS name, indexdef::text AS def FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`,
  // PostgreSQL 18 (PGlite) also lists NOT NULL as constraints (contype 'n'); 15 does not. Nullability is compared
  // through information_schema.columns instead.
  constraints: `SELECT conname::text AS name, pg_get_constraintdef(oid)::text AS def FROM pg_constraint
                WHERE connamespace = 'public'::regnamespace AND contype <> 'n' ORDER BY 1`,
  enums: `SELECT t.typname::text AS type, e.enumlabel::text AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
          ORDER BY 1, e.enumsortorder`,
  triggers: `SELECT tgname::text AS name, pg_get_triggerdef(oid)::text AS def FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1`,
  functions: `SELECT proname::text AS name, prosrc::text AS body FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1`,
} as const;

async function describeSchema(db: TestDatabase): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {};
  for (const [key, sql] of Object.entries(CATALOG_QUERIES)) result[key] = await db.client.$queryRawUnsafe(sql);
  return result;
}

const pg = inject("pgAvailable");

describe.skipIf(!pg)(pg ? "migrations" : "migrations — SKIPPED, PostgreSQL not reachable", () => {
  it("produce the same schema on PGlite and PostgreSQL", async () => {
    const pglite = await createTestDatabase("pglite");
    const postgres = await createTestDatabase("postgresql");
    try {
      const [a, b] = [await describeSchema(pglite), await describeSchema(postgres)];
      expect((a.columns as unknown[]).length).toBeGreaterThan(20);
      expect((a.triggers as unknown[]).length).toBeGreaterThan(0);
      expect(a).toEqual(b);
    } finally {
      await pglite.dispose();
      await postgres.dispose();
    }
  });

  it("are applied once when two instances start together on one PostgreSQL", async () => {
    const name = `forewarn_t_${inject("runId")}_race`;
    await createDatabase(name);
    try {
      const env = { DATABASE_URL: urlFor(name) };
      const [a, b] = await Promise.all([
        runScript("scripts/prisma.ts", ["migrate", "deploy"], env, 120_000),
        runScript("scripts/prisma.ts", ["migrate", "deploy"], env, 120_000),
      ]);
      expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
      const client = await import("pg").then(({ default: pg }) => new pg.Client({ connectionString: urlFor(name) }));
      await client.connect();
      const { rows } = await client.query(
        `SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL GROUP BY 1 ORDER BY 1`,
      );
      await client.end();
      const shipped = await listShippedMigrations();
      expect(rows).toEqual(shipped.map((migration_name) => ({ migration_name, n: 1 })));
    } finally {
      await dropDatabase(name);
    }
  });
});
