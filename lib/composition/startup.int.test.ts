// Start-up under the race of several instances on one PostgreSQL (issue 15): two processes run the server's start-up
// at the same moment on a fresh database; both must become ready, and every first maintainer exists once. And a
// start-up that cannot finish leaves the process live but not ready.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { childEnv, ROOT } from "@/test/cli";
import { createDatabase, dropDatabase, urlFor } from "@/test/postgres";
import { describeEachDatabase, createTestDatabase } from "@/test/db";
import { createPrismaClient, useDbForTests } from "@/lib/server/db/client";
import { createAdapterFactory } from "@/lib/server/db/adapter";
import { readDatabaseConfig } from "@/lib/server/db/config";
import { resetConfigForTests } from "@/lib/server/config";
import { getStartupState, setStartupState } from "@/lib/server/startup-state";
import { getHealth } from "@/lib/health/data";
import { completeStartup } from "./startup";

const ADMINS = Array.from({ length: 12 }, (_, i) => `first-${i}@project.example`);

type Instance = { child: ChildProcessWithoutNullStreams; output: () => string; waitFor: (pattern: RegExp) => Promise<RegExpMatchArray> };

function startInstance(databaseUrl: string): Instance {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "test/fixtures/startup-instance.ts")], {
    cwd: ROOT,
    env: childEnv({ DATABASE_URL: databaseUrl, FOREWARN_ADMIN_EMAILS: ADMINS.join(","), NEXTAUTH_URL: "http://localhost:3999", NEXTAUTH_SECRET: "startup-race-test-secret-0123456789abcdef" }),
  });
  let output = "";
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  // Waits for a line, as long as the child lives: no fixed time, the test's own timeout bounds it.
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = output.match(pattern);
        if (match) {
          listeners.delete(check);
          resolve(match);
        }
      };
      child.on("exit", (code) => reject(new Error(`the instance exited (${code}) before printing ${pattern}:\n${output}`)));
      listeners.add(check);
      check();
    });
  return { child, output: () => output, waitFor };
}

describe.skipIf(!inject("pgAvailable"))("two instances starting together on one PostgreSQL", () => {
  const children: ChildProcessWithoutNullStreams[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill("SIGKILL");
  });

  it("both become ready, and each first maintainer exists once, audited once", { timeout: 300_000 }, async () => {
    const database = `forewarn_t_${inject("runId")}_startup_${process.pid}`;
    await createDatabase(database, inject("pgTemplate"));
    try {
      const instances = [startInstance(urlFor(database)), startInstance(urlFor(database))];
      children.push(...instances.map((i) => i.child));
      await Promise.all(instances.map((i) => i.waitFor(/^loaded$/m)));
      for (const i of instances) i.child.stdin.write("go\n");
      const healths = await Promise.all(instances.map(async (i) => JSON.parse((await i.waitFor(/^health (.*)$/m))[1]!) as { status: string }));
      for (const [n, health] of healths.entries()) {
        expect(health, instances[n]!.output()).toMatchObject({ status: "ok", startup: { state: "done" }, jobs: { state: "working" }, database: { reachable: true } });
      }
      for (const i of instances) i.child.stdin.write("stop\n");
      await Promise.all(instances.map((i) => new Promise((resolve) => (i.child.exitCode !== null ? resolve(null) : i.child.on("exit", resolve)))));

      const check = clientFor(database);
      try {
        const users = await check.user.findMany({ select: { email: true, role: true, status: true } });
        expect(users.map((u) => u.email).sort()).toEqual([...ADMINS].sort());
        expect(users.every((u) => u.role === "MAINTAINER" && u.status === "ACTIVE")).toBe(true);
        const audited = await check.auditEvent.findMany({ where: { action: "auth.maintainer.bootstrapped" }, select: { details: true } });
        expect(audited.map((e) => (e.details as { email: string }).email).sort()).toEqual([...ADMINS].sort());
      } finally {
        await check.$disconnect();
      }
    } finally {
      await dropDatabase(database);
    }
  });
});

/** A Prisma client on the database the instances started on. */
function clientFor(name: string) {
  return createPrismaClient(createAdapterFactory(readDatabaseConfig({ DATABASE_URL: urlFor(name) }), { pool: { max: 2 } }));
}

describeEachDatabase("a start-up that cannot finish", (db) => {
  afterEach(() => {
    delete process.env.FOREWARN_ADMIN_EMAILS;
    resetConfigForTests();
    setStartupState({ state: "starting", workers: "on" });
  });

  it("tries again, then leaves the process live but not ready, saying which step failed", async () => {
    process.env.FOREWARN_ADMIN_EMAILS = "first@project.example";
    resetConfigForTests();
    const doomed = await createTestDatabase(db.kind);
    await doomed.client.$queryRaw`SELECT 1`;
    await doomed.dispose(); // closes PGlite / drops the PostgreSQL database: every query fails from now on
    useDbForTests({ client: doomed.client, kind: db.kind });
    try {
      expect(await completeStartup({ attempts: 2, firstDelayMs: 10 })).toBe(false);
      expect(getStartupState()).toMatchObject({ state: "failed", problem: expect.stringMatching(/naming the first maintainers/) });
      expect((await getHealth()).status).toBe("unavailable");
    } finally {
      useDbForTests({ client: db.client, kind: db.kind, pglite: db.pglite, url: db.url });
    }
  });

  it("is ready once start-up finished on a healthy database", async () => {
    process.env.FOREWARN_ADMIN_EMAILS = "first@project.example";
    resetConfigForTests();
    expect((await getHealth()).status).toBe("unavailable"); // not started yet
    expect(await completeStartup({ attempts: 1 })).toBe(true);
    expect(await getHealth()).toMatchObject({ status: "ok", startup: { state: "done" }, jobs: { state: "working" } });
    expect(await db.client.user.count({ where: { email: "first@project.example", role: "MAINTAINER" } })).toBe(1);
  });
});
