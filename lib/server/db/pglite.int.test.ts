// The embedded database's process rules: one process per data directory, and a confirmed write survives kill -9.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childEnv, migrateDeploy, ROOT, runScript } from "@/test/cli";
import { closePglite, openPglite } from "./pglite";
import { pgliteConfig } from "./config";

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "forewarn-pglite-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

// Each test runs the Prisma CLI or a child process several times: about 20 s on a quiet machine, minutes under load.
const SLOW = { timeout: 600_000 };

describe("one process per PGlite directory", SLOW, () => {
  it("refuses a second process with a message naming FOREWARN_DATA_DIR, and lets it in once the first is gone", async () => {
    const dataDir = path.join(work, "locked");
    await migrateDeploy({ FOREWARN_DATA_DIR: dataDir });
    const config = pgliteConfig(dataDir);
    await openPglite(config);
    try {
      const second = await runScript("scripts/prisma.ts", ["migrate", "status"], { FOREWARN_DATA_DIR: dataDir });
      expect(second.code).not.toBe(0);
      expect(second.stdout + second.stderr).toMatch(/FOREWARN_DATA_DIR \(.*locked\) is in use by another Forewarn process/);
    } finally {
      await closePglite(config.pgliteDir);
    }
    const after = await runScript("scripts/prisma.ts", ["migrate", "status"], { FOREWARN_DATA_DIR: dataDir });
    expect(after.stdout).toMatch(/Database schema is up to date/);
    expect(after.code).toBe(0);
  });

  it("two migrations started at once on one directory: one waits out or is refused, nothing is corrupted", async () => {
    const dataDir = path.join(work, "race");
    const [a, b] = await Promise.all([
      runScript("scripts/prisma.ts", ["migrate", "deploy"], { FOREWARN_DATA_DIR: dataDir }),
      runScript("scripts/prisma.ts", ["migrate", "deploy"], { FOREWARN_DATA_DIR: dataDir }),
    ]);
    const results = [a, b];
    expect(results.some((r) => r.code === 0)).toBe(true);
    for (const r of results.filter((r) => r.code !== 0)) expect(r.stdout + r.stderr).toMatch(/in use by another Forewarn process/);
    const status = await runScript("scripts/prisma.ts", ["migrate", "status"], { FOREWARN_DATA_DIR: dataDir });
    expect(status.stdout).toMatch(/Database schema is up to date/);
  });
});

describe("durability", SLOW, () => {
  it("every write confirmed before kill -9 is there after restart", async () => {
    const dataDir = path.join(work, "durable");
    await migrateDeploy({ FOREWARN_DATA_DIR: dataDir });
    const child = spawn(process.execPath, [path.join(ROOT, "test/fixtures/pglite-writer.ts")], {
      cwd: ROOT,
      env: childEnv({ FOREWARN_DATA_DIR: dataDir }),
      stdio: ["pipe", "pipe", "inherit"],
    });
    const confirmed: string[] = [];
    let output = "";
    const exited = new Promise((resolve) => child.on("exit", resolve));
    await new Promise<void>((resolve, reject) => {
      child.on("error", reject);
      child.stdout!.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("ready") && confirmed.length === 0 && !output.includes("committed")) {
          for (let i = 0; i < 20; i++) child.stdin!.write(`org-${i}\n`);
        }
        for (const match of output.matchAll(/committed (\S+)\n/g)) if (!confirmed.includes(match[1]!)) confirmed.push(match[1]!);
        if (confirmed.length >= 10) {
          child.kill("SIGKILL");
          resolve();
        }
      });
    });
    await exited;
    // The dead holder's lock is reclaimed at once (its pid is gone): reopen the way the app does.
    const config = pgliteConfig(dataDir);
    const pglite = await openPglite(config);
    const { rows } = await pglite.query<{ name: string }>(`SELECT name FROM "Organisation"`);
    await closePglite(config.pgliteDir);
    const stored = new Set(rows.map((r) => r.name));
    for (const name of confirmed) expect(stored.has(name), `${name} was confirmed but is missing`).toBe(true);
  });
});
