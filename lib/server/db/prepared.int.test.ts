// Prepared statements (prepared.ts): the same rows as $queryRaw, one named statement per text on PGlite, an error
// that leaves the connection usable, and never a statement inside another caller's open transaction.
import { expect, it, vi } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { describeEachDatabase } from "@/test/db";
import { executePrepared, queryPrepared, statementName } from "./prepared";

const probe = (id: string) => Prisma.sql`
  SELECT ${id}::text AS "id", TIMESTAMPTZ '2026-12-04 10:00:00.123+00' AS "at", json_build_object('n', 1, 'list', json_build_array('a', 'b')) AS "doc",
         true AS "yes", NULL::text AS "nothing", ARRAY['x', 'y']::text[] AS "tags", 2.5::float8 AS "score"`;

describeEachDatabase("prepared statements", (db) => {
  it("answers what $queryRaw answers, and prepares each text once (PGlite)", async () => {
    const viaPrisma = await db.client.$queryRaw<unknown[]>(probe("a"));
    expect(await queryPrepared(probe("a"))).toEqual(viaPrisma);
    expect(await queryPrepared(probe("b"))).toEqual(await db.client.$queryRaw<unknown[]>(probe("b")));
    if (db.kind === "pglite") {
      const named = await db.pglite!.query<{ name: string }>(`SELECT "name" FROM pg_prepared_statements WHERE "name" = $1`, [statementName(probe("a").text)]);
      expect(named.rows).toHaveLength(1);
    }
  });

  it("a second copy of the module (Next loads one per bundle) uses the statement the first prepared", async () => {
    const sql = Prisma.sql`SELECT ${"copy"}::text AS "who"`;
    expect(await queryPrepared(sql)).toEqual([{ who: "copy" }]);
    vi.resetModules();
    const again = await import("./prepared");
    expect(await again.queryPrepared(sql)).toEqual([{ who: "copy" }]);
  });

  it("a statement the instance holds but this process's list lost is used, not prepared again (42P05)", async () => {
    const sql = Prisma.sql`SELECT ${"lost"}::text AS "who"`;
    expect(await queryPrepared(sql)).toEqual([{ who: "lost" }]);
    delete (globalThis as { __forewarnPrepared?: unknown }).__forewarnPrepared;
    vi.resetModules();
    const fresh = await import("./prepared");
    expect(await fresh.queryPrepared(sql)).toEqual([{ who: "lost" }]);
    expect(await fresh.queryPrepared(sql)).toEqual([{ who: "lost" }]);
  });

  it("a failing statement throws and the next one runs", async () => {
    await expect(queryPrepared(Prisma.sql`SELECT ${"not a number"}::int AS "n"`)).rejects.toThrow();
    await expect(queryPrepared(Prisma.sql`SELECT 1/${0}::int AS "n"`)).rejects.toThrow();
    expect(await queryPrepared<{ n: number }>(Prisma.sql`SELECT ${41}::int + 1 AS "n"`)).toEqual([{ n: 42 }]);
  });

  it("writes are committed when it returns, and never join another caller's open transaction", async () => {
    await db.client.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS "prepared_probe" ("id" int PRIMARY KEY, "name" text NOT NULL)`);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const transaction = db.client.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO "prepared_probe" ("id", "name") VALUES (1, 'In the transaction')`;
      entered();
      await held;
      throw new Error("rolled back");
    }, { timeout: 60_000 });
    await inside;
    // On PGlite (one connection) the read waits for the transaction; on PostgreSQL it runs beside it. Either way it
    // never sees the uncommitted row.
    const read = queryPrepared<{ name: string }>(Prisma.sql`SELECT "name" FROM "prepared_probe" WHERE "id" = ${1}`);
    release();
    await expect(transaction).rejects.toThrow("rolled back");
    expect(await read).toEqual([]);
    expect(await executePrepared(Prisma.sql`INSERT INTO "prepared_probe" ("id", "name") VALUES (${1}, ${"Committed"})`)).toBe(1);
    expect(await db.client.$queryRaw`SELECT "name" FROM "prepared_probe"`).toEqual([{ name: "Committed" }]);
    await db.client.$executeRawUnsafe(`DROP TABLE "prepared_probe"`);
  });
});
