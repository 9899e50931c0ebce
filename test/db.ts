// Runs a block of data-layer tests twice, on a fresh PGlite and on a fresh PostgreSQL database, through the real
// Prisma client and the real data functions. Tables are emptied before every test.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, beforeEach, describe, inject } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { createPrismaClient, useDbForTests, type Db } from "@/lib/server/db/client";
import { stopJobEngine } from "@/lib/jobs/engine";
import { createAdapterFactory, createPgliteAdapterFactory } from "@/lib/server/db/adapter";
import { readDatabaseConfig } from "@/lib/server/db/config";
import { pgliteOptions } from "@/lib/server/db/pglite";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { createDatabase, urlFor, dropDatabase } from "./postgres";

export type DatabaseKind = "pglite" | "postgresql";
export const DATABASE_KINDS: readonly DatabaseKind[] = ["pglite", "postgresql"];

export type TestDatabase = {
  kind: DatabaseKind;
  client: Db;
  /** The driver adapter factory behind `client` (for tests of the adapters themselves). */
  factory: SqlMigrationAwareDriverAdapterFactory;
  url?: string;
  /** The in-memory PGlite behind `client` (PGlite runs only). */
  pglite?: PGlite;
  dispose(): Promise<void>;
};

let counter = 0;

// The instance secret (NEXTAUTH_SECRET in production) keys the per-copy marks of vendor downloads (lib/tracing): every
// data-layer test that serves a vendor a file needs one, as every running instance has one.
process.env.NEXTAUTH_SECRET ??= "test-instance-secret";

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const image = await readFile(inject("pgliteImage"));
    // The app's serializers (lib/server/db/pglite.ts), so tests store files the way the app does.
    const pglite = await PGlite.create({ loadDataDir: new Blob([image]), serializers: pgliteOptions("").serializers! });
    const factory = createPgliteAdapterFactory(pglite);
    const client = createPrismaClient(factory);
    return {
      kind,
      client,
      factory,
      pglite,
      async dispose() {
        await client.$disconnect();
        await pglite.close();
      },
    };
  }
  const name = `forewarn_t_${inject("runId")}_${process.pid}_${++counter}`;
  await createDatabase(name, inject("pgTemplate"));
  const url = urlFor(name);
  const factory = createAdapterFactory(readDatabaseConfig({ DATABASE_URL: url }), { pool: { max: 4 } });
  const client = createPrismaClient(factory);
  return {
    kind,
    client,
    factory,
    url,
    async dispose() {
      await client.$disconnect();
      await dropDatabase(name);
    },
  };
}

export async function truncateAll(client: Db): Promise<void> {
  const tables = await client.$queryRaw<Array<{ tablename: string }>>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  if (tables.length === 0) return;
  const list = tables.map((t) => `"${t.tablename}"`).join(", ");
  await client.$executeRawUnsafe(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
}

/** `describe` twice: once per database. The PostgreSQL run is reported as skipped when no server is reachable. */
export function describeEachDatabase(name: string, body: (db: TestDatabase) => void): void {
  for (const kind of DATABASE_KINDS) {
    const available = kind === "pglite" || inject("pgAvailable");
    (available ? describe : describe.skip)(`${name} [${kind}]`, () => {
      const db = { kind } as TestDatabase;
      beforeAll(async () => {
        Object.assign(db, await createTestDatabase(kind));
        useDbForTests({ client: db.client, kind, pglite: db.pglite, url: db.url });
      });
      afterAll(async () => {
        // The job engine (if a test started it) is bound to this database.
        await stopJobEngine(1_000);
        useDbForTests(undefined);
        await db.dispose?.();
      });
      beforeEach(async () => {
        await truncateAll(db.client);
      });
      body(db);
    });
  }
}
