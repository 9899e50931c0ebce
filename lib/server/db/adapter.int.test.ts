import { expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";

describeEachDatabase("driver adapters run scripts whole", (db) => {
  it("a script that fails half-way leaves nothing behind (one transaction)", async () => {
    const adapter = await db.factory.connect();
    try {
      await expect(
        adapter.executeScript(`CREATE TABLE "half_applied" (x int); INSERT INTO "half_applied" VALUES (1); SELECT 1/0;`),
      ).rejects.toThrow();
      const [row] = await db.client.$queryRaw<Array<{ exists: boolean }>>`SELECT to_regclass('public.half_applied') IS NOT NULL AS "exists"`;
      expect(row!.exists).toBe(false);
    } finally {
      await adapter.dispose();
    }
  });

  it("keeps semicolons inside function bodies and strings", async () => {
    const adapter = await db.factory.connect();
    try {
      await adapter.executeScript(`
        CREATE FUNCTION forewarn_test_semicolons() RETURNS text AS $$ BEGIN RETURN 'a;b'; END; $$ LANGUAGE plpgsql;
        CREATE TABLE "semi" (v text DEFAULT 'x;y');`);
      const [row] = await db.client.$queryRaw<Array<{ v: string }>>`SELECT forewarn_test_semicolons() AS v`;
      expect(row!.v).toBe("a;b");
    } finally {
      await adapter.executeScript(`DROP TABLE IF EXISTS "semi"; DROP FUNCTION IF EXISTS forewarn_test_semicolons();`);
      await adapter.dispose();
    }
  });
});
