import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDatabase, createTestDatabase } from "@/test/db";
import { useDbForTests } from "@/lib/server/db/client";
import { listShippedMigrations } from "@/lib/server/db/migrations";
import { setStartupState } from "@/lib/server/startup-state";
import { getJobEngine, stopJobEngine } from "@/lib/jobs/engine";
import { getHealth } from "./data";

// Readiness needs a finished start-up and a running job engine: this process plays one with FOREWARN_WORKER=off
// (the engine runs, this process only queues), unless a test says otherwise.
beforeEach(() => setStartupState({ state: "done", workers: "off" }));
afterEach(() => setStartupState({ state: "starting", workers: "on" }));

describeEachDatabase("getHealth", (db) => {
  it("is ready when every shipped migration is applied, start-up finished and the job engine runs", async () => {
    await getJobEngine();
    const health = await getHealth();
    const shipped = await listShippedMigrations();
    expect(health).toEqual({
      status: "ok",
      database: {
        kind: db.kind,
        reachable: true,
        migrations: { state: "up-to-date", applied: shipped.length, shipped: shipped.length, pending: [], failed: [], unknown: [] },
      },
      startup: { state: "done", workers: "off" },
      jobs: { state: "queuing" },
    });
  });

  it("is not ready while start-up is still running, after it failed, or once the job engine stopped", async () => {
    await getJobEngine();
    setStartupState({ state: "starting", workers: "on" });
    expect(await getHealth()).toMatchObject({ status: "unavailable", database: { reachable: true }, startup: { state: "starting" } });
    setStartupState({ state: "failed", workers: "on", problem: "Start-up failed while starting the background job engine; see the server log." });
    expect(await getHealth()).toMatchObject({ status: "unavailable", startup: { state: "failed" } });
    // A worker process (FOREWARN_WORKER=on) whose engine runs without its workers is not ready either.
    setStartupState({ state: "done", workers: "on" });
    expect(await getHealth()).toMatchObject({ status: "unavailable", jobs: { state: "queuing" } });
    setStartupState({ state: "done", workers: "off" });
    expect((await getHealth()).status).toBe("ok");
    await stopJobEngine(1_000); // shutting down: a load balancer should stop sending requests
    expect(await getHealth()).toMatchObject({ status: "unavailable", jobs: { state: "stopped" } });
  });

  it("reports a migration the database has but this build does not ship as 'ahead', and is still ready", async () => {
    await getJobEngine();
    await db.client.$executeRaw`
      INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
      VALUES ('test-ahead', 'x', '99991231000000_from_the_future', now(), 1)`;
    try {
      const health = await getHealth();
      expect(health.status).toBe("ok");
      expect(health.database.reachable && health.database.migrations).toMatchObject({ state: "ahead", unknown: ["99991231000000_from_the_future"] });
    } finally {
      await db.client.$executeRaw`DELETE FROM "_prisma_migrations" WHERE id = 'test-ahead'`;
    }
  });

  it("reports every migration as pending on a database that was never migrated, and is not ready", async () => {
    await getJobEngine();
    await db.client.$executeRawUnsafe(`ALTER TABLE "_prisma_migrations" RENAME TO "_prisma_migrations_hidden"`);
    try {
      const health = await getHealth();
      expect(health.status).toBe("unavailable");
      expect(health.database.reachable && health.database.migrations.state).toBe("pending");
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
      expect(await getHealth()).toMatchObject({ status: "unavailable", database: { kind: db.kind, reachable: false } });
    } finally {
      useDbForTests({ client: db.client, kind: db.kind, pglite: db.pglite, url: db.url });
    }
  });
});
