// A migration that fails is rolled back whole and reported in one line; once fixed, the next run applies it
// (Prisma alone would refuse every later start with P3009).
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { ROOT, runScript } from "@/test/cli";

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "forewarn-migrate-"));
  await cp(path.join(ROOT, "prisma", "migrations"), path.join(work, "migrations"), { recursive: true });
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

// Three runs of the migration CLI: about 35 s on a quiet machine, minutes under load.
it("a failed migration leaves nothing behind, says why in one line, and is applied once fixed", { timeout: 600_000 }, async () => {
  const env = { FOREWARN_DATA_DIR: path.join(work, "data"), FOREWARN_MIGRATIONS_DIR: path.join(work, "migrations") };
  expect((await runScript("scripts/migrate.ts", [], env)).code).toBe(0);
  const bad = path.join(work, "migrations", "29990101000000_broken");
  await mkdir(bad);
  await writeFile(path.join(bad, "migration.sql"), 'CREATE TABLE "Half" (x int);\nSELEC 1;\n');

  const failed = await runScript("scripts/migrate.ts", [], env);
  expect(failed.code).toBe(1);
  expect(failed.stderr).toMatch(/Migration 29990101000000_broken failed and was rolled back completely: ERROR: syntax error at or near "SELEC"/);
  expect(failed.stderr).not.toMatch(/schema-engine|\.rs:\d+/);

  const db = await PGlite.create({ dataDir: path.join(work, "data", "pglite") });
  const { rows } = await db.query(`SELECT to_regclass('public."Half"') AS t`);
  await db.close();
  expect(rows).toEqual([{ t: null }]);

  await writeFile(path.join(bad, "migration.sql"), 'CREATE TABLE "Half" (x int);\n');
  const fixed = await runScript("scripts/migrate.ts", [], env);
  expect(fixed.stdout).toMatch(/rolled back completely; trying it again/);
  expect(fixed.stdout).toMatch(/Applied: 29990101000000_broken/);
  expect(fixed.code).toBe(0);
});
