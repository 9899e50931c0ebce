import { expect, it } from "vitest";
import { describeEachDatabase, createTestDatabase } from "@/test/db";
import { useDbForTests } from "@/lib/server/db/client";
import { listShippedMigrations } from "@/lib/server/db/migrations";
import { getHealth } from "./data";

describeEachDatabase("getHealth", (db) => {
  it("reports the database kind and that every shipped migration is applied", async () => {
    const health = await getHealth();
    const shipped = await listShippedMigrations();
    expect(health).toEqual({
      status: "ok",
      database: {
        kind: db.kind,
        reachable: true,
        migrations: { state: "up-to-date", applied: shipped.length, shipped: shipped.length, pending: [], failed: [], unknown: [] },
      },
    });
  });

  it("reports a migration the database has but this build does not ship as 'ahead'", async () => {
    await db.client.$executeRaw`
      INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
      VALUES ('test-ahead', 'x', '99991231000000_from_the_future', now(), 1)`;
    try {
      const health = await getHealth();
      expect(health.status === "ok" && health.database.migrations).toMatchObject({ state: "ahead", unknown: ["99991231000000_from_the_future"] });
    } finally {
      await db.client.$executeRaw`DELETE FROM "_prisma_migrations" WHERE id = 'test-ahead'`;
    }
  });

  it("reports every migration as pending on a database that was never migrated", async () => {
    await db.client.$executeRawUnsafe(`ALTER TABLE "_prisma_migrations" RENAME TO "_prisma_migrations_hidden"`);
    try {
      const health = await getHealth();
      expect(health.status === "ok" && health.database.migrations.state).toBe("pending");
    } finally {
      await db.client.$executeRawUnsafe(`ALTER TABLE "_prisma_migrations_hidden" RENAME TO "_prisma_migrations"`);
    }
  });

  it("answers unavailable when the database is gone", async () => {
    const doomed = await createTestDatabase(db.kind);
    await doomed.client.$queryRaw`SELECT 1`;
    await doomed.dispose(); // closes PGlite / drops the PostgreSQL database
    useDbForTests({ client: doomed.client, kind: db.kind });
    try {
      expect(await getHealth()).toEqual({ status: "unavailable", database: { kind: db.kind, reachable: false } });
    } finally {
      useDbForTests({ client: db.client, kind: db.kind });
    }
  });
});
