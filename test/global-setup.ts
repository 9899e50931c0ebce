// Integration suite set-up: one migrated PGlite image and one migrated PostgreSQL template per run, made with the
// real `prisma migrate deploy`, copied cheaply for every test file.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { migrateDeploy } from "./cli";
import { TEST_ADMIN_URL, createDatabase, urlFor, dropDatabase, dropDatabasesWithPrefix, listDatabases, unreachableReason } from "./postgres";

/** Databases of runs that died before their teardown (run ids start with a base-36 timestamp). */
async function dropAbandonedDatabases(): Promise<void> {
  const cutoff = Date.now() - 2 * 3_600_000;
  for (const name of await listDatabases("forewarn_t_")) {
    const started = parseInt(name.slice("forewarn_t_".length, "forewarn_t_".length + 8), 36);
    if (Number.isFinite(started) && started < cutoff) await dropDatabase(name);
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    runId: string;
    pgliteImage: string;
    pgliteMigratedDir: string;
    pgAvailable: boolean;
    pgTemplate: string;
  }
}

function banner(lines: string[]): void {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const bar = "!".repeat(width);
  console.warn(`\n${bar}\n${lines.map((l) => `! ${l.padEnd(width - 4)} !`).join("\n")}\n${bar}\n`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const work = await mkdtemp(path.join(tmpdir(), "forewarn-int-"));

  // PGlite: migrate a data directory with the CLI, then keep a tarball image that each test file loads in memory.
  const dataDir = path.join(work, "pglite-template");
  await migrateDeploy({ FOREWARN_DATA_DIR: dataDir });
  const template = await PGlite.create({ dataDir: path.join(dataDir, "pglite") });
  const image = await template.dumpDataDir("none");
  await template.close();
  const imagePath = path.join(work, "pglite-image.tar");
  await writeFile(imagePath, Buffer.from(await image.arrayBuffer()));

  // PostgreSQL: a template database migrated by the CLI; each test file clones it.
  const pgTemplate = `forewarn_t_${runId}_tpl`;
  const unreachable = await unreachableReason();
  if (unreachable) {
    const lines = [
      "PostgreSQL is not reachable: the PostgreSQL half of the integration suite is SKIPPED.",
      `Tried ${TEST_ADMIN_URL.replace(/:[^:@/]*@/, ":***@")}: ${unreachable}`,
      "Set FOREWARN_TEST_DATABASE_URL, or start the server (see README).",
    ];
    if (process.env.FOREWARN_REQUIRE_POSTGRES === "1") {
      throw new Error(`FOREWARN_REQUIRE_POSTGRES=1 but ${lines[0]} ${lines[1]}`);
    }
    banner(lines);
  } else {
    await dropAbandonedDatabases();
    await createDatabase(pgTemplate);
    await migrateDeploy({ DATABASE_URL: urlFor(pgTemplate) });
  }

  project.provide("runId", runId);
  project.provide("pgliteImage", imagePath);
  project.provide("pgliteMigratedDir", dataDir);
  project.provide("pgAvailable", !unreachable);
  project.provide("pgTemplate", pgTemplate);

  return async () => {
    if (!unreachable) await dropDatabasesWithPrefix(`forewarn_t_${runId}_`);
    await rm(work, { recursive: true, force: true });
    if (unreachable) banner(["Reminder: the PostgreSQL half of the integration suite was SKIPPED."]);
  };
}
