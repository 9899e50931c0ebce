// `npm start` with bad configuration stops before building or serving, with one message naming the setting and fix.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runScript } from "@/test/cli";
import { urlFor } from "@/test/postgres";
import { closePglite, openPglite } from "@/lib/server/db/pglite";
import { pgliteConfig } from "@/lib/server/db/config";

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "forewarn-start-"));
  await writeFile(path.join(work, "a-file"), "");
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function startWith(env: Record<string, string | undefined>) {
  const result = await runScript("scripts/start.ts", [], { PORT: "3999", ...env });
  return { ...result, output: result.stdout + result.stderr };
}

function expectOneClearStop(result: { code: number | null; output: string }, setting: string, fix: RegExp) {
  expect(result.code).toBe(1);
  expect(result.output.match(/Forewarn cannot start/g)).toHaveLength(1);
  expect(result.output).toContain(setting);
  expect(result.output).toMatch(fix);
  expect(result.output).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
}

describe("npm start refuses bad configuration", () => {
  it.each([
    ["a malformed DATABASE_URL", { DATABASE_URL: "postgres//nohost" }, /postgres:\/\/USER:PASSWORD@HOST:5432\/DATABASE/],
    ["another database's URL", { DATABASE_URL: "mysql://root@localhost/forewarn" }, /must start with postgres:\/\//],
    ["an unreachable server", { DATABASE_URL: "postgres://forewarn:pw@127.0.0.1:1/forewarn" }, /cannot reach PostgreSQL at 127\.0\.0\.1:1.*Start the PostgreSQL server/],
  ])("%s", async (_label, env, fix) => {
    const result = await startWith(env);
    expectOneClearStop(result, "DATABASE_URL", fix);
    expect(result.output).not.toContain(":pw@");
  });

  it.skipIf(!inject("pgAvailable"))("a database that does not exist", async () => {
    const result = await startWith({ DATABASE_URL: urlFor("forewarn_no_such_db") });
    expectOneClearStop(result, "DATABASE_URL", /does not exist.*createdb forewarn_no_such_db/);
  });

  it("an unwritable data directory", async () => {
    const result = await startWith({ FOREWARN_DATA_DIR: path.join(work, "a-file", "data") });
    expectOneClearStop(result, "FOREWARN_DATA_DIR", /is not a writable directory.*Point FOREWARN_DATA_DIR at a directory/);
  });

  it("a data directory another process holds", async () => {
    const config = pgliteConfig(path.join(work, "held"));
    await openPglite(config);
    try {
      const result = await startWith({ FOREWARN_DATA_DIR: path.join(work, "held") });
      expectOneClearStop(result, "FOREWARN_DATA_DIR", /in use by another Forewarn process.*Stop the other process/);
    } finally {
      await closePglite(config.pgliteDir);
    }
  });

  it("a PORT that is not a port", async () => {
    const result = await startWith({ FOREWARN_DATA_DIR: path.join(work, "port"), PORT: "http" });
    expectOneClearStop(result, "PORT", /PORT must be a TCP port number/);
  });
});
