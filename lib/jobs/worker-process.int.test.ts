// Workers as separate processes (`npm run worker`): killed with -9 in the middle of a provider call and restarted,
// and two of them draining one PostgreSQL queue. Counted at the fake Resend server: every recipient gets exactly
// one email.
import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient, useDbForTests as pointDataLayerAt, type Db } from "@/lib/server/db/client";
import { createAdapterFactory } from "@/lib/server/db/adapter";
import { pgliteConfig, readDatabaseConfig } from "@/lib/server/db/config";
import { closePglite, openPglite } from "@/lib/server/db/pglite";
import { resetConfigForTests } from "@/lib/server/config";
import { stopJobEngine } from "@/lib/jobs/engine";
import { queueEmails } from "@/lib/mail/data";
import { startFakeResend, type FakeResend } from "@/test/fake-resend";
import { childEnv, ROOT } from "@/test/cli";
import { createDatabase, dropDatabase, urlFor } from "@/test/postgres";

const SETTINGS = { RESEND_API_KEY: "re_test", FOREWARN_JOB_RETRY_DELAY_SECONDS: "1", FOREWARN_JOB_MONITOR_SECONDS: "1", FOREWARN_MAIL_RATE_PER_SECOND: "0" };
let fake: FakeResend;
let work: string;

beforeAll(async () => {
  fake = await startFakeResend();
  work = await mkdtemp(path.join(tmpdir(), "forewarn-workers-"));
  Object.assign(process.env, SETTINGS);
  resetConfigForTests();
});
afterAll(async () => {
  for (const key of Object.keys(SETTINGS)) delete process.env[key];
  resetConfigForTests();
  await fake.close();
  await rm(work, { recursive: true, force: true });
});

type Target = { env: Record<string, string>; open(): Promise<Db>; close(client: Db): Promise<void>; dispose(): Promise<void> };

async function pgliteTarget(): Promise<Target> {
  const dataDir = path.join(work, `pglite-${Date.now()}`);
  await cp(inject("pgliteMigratedDir"), dataDir, { recursive: true });
  const config = pgliteConfig(dataDir);
  return {
    env: { FOREWARN_DATA_DIR: dataDir },
    async open() {
      const client = createPrismaClient(createAdapterFactory(config));
      pointDataLayerAt({ client, kind: "pglite", pglite: await openPglite(config) });
      return client;
    },
    // Only one process may hold the directory: the test lets go of it while a worker runs.
    async close(client) {
      await stopJobEngine(1_000);
      pointDataLayerAt(undefined);
      await client.$disconnect();
      await closePglite(config.pgliteDir);
    },
    async dispose() {},
  };
}

async function postgresTarget(): Promise<Target> {
  const name = `forewarn_t_${inject("runId")}_${process.pid}_workers_${Date.now() % 100_000}`;
  await createDatabase(name, inject("pgTemplate"));
  const url = urlFor(name);
  return {
    env: { DATABASE_URL: url },
    async open() {
      const client = createPrismaClient(createAdapterFactory(readDatabaseConfig({ DATABASE_URL: url }), { pool: { max: 2 } }));
      pointDataLayerAt({ client, kind: "postgresql", url });
      return client;
    },
    async close(client) {
      await stopJobEngine(1_000);
      pointDataLayerAt(undefined);
      await client.$disconnect();
    },
    dispose: () => dropDatabase(name),
  };
}

function startWorker(target: Target, concurrency = 1): ChildProcess & { output: string } {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(ROOT, "scripts", "worker.ts")], {
    cwd: ROOT,
    env: childEnv({ ...SETTINGS, ...target.env, RESEND_BASE_URL: fake.url, FOREWARN_WORKER_CONCURRENCY: String(concurrency) }),
  }) as ChildProcess & { output: string };
  child.output = "";
  child.stdout!.on("data", (d: Buffer) => (child.output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (child.output += d.toString()));
  return child;
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

async function waitFor(check: () => boolean, what: string, timeoutMs = 180_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const recipients = (n: number, subject: string) => Array.from({ length: n }, (_, i) => ({ to: `r${i}@org${i % 97}.example`, subject, text: "link only" }));

const kinds = [
  { kind: "pglite", available: true, make: pgliteTarget },
  { kind: "postgresql", available: inject("pgAvailable"), make: postgresTarget },
] as const;

for (const { kind, available, make } of kinds) {
  (available ? describe : describe.skip)(`worker processes [${kind}]`, () => {
    it("kill -9 while the provider holds a batch it accepted, restart: 250 recipients, each exactly once", async () => {
      const target = await make();
      try {
        const subject = `crash ${kind}`;
        let client = await target.open();
        await queueEmails({ purpose: "test", label: "Crash", emails: recipients(250, subject) });
        await target.close(client);

        // The second provider call is accepted but never answered: the worker dies before it can record it.
        const start = fake.calls;
        fake.onRequest = (n) => n === start + 2 && fake.script("hang");
        const held = fake.held;
        const first = startWorker(target);
        await waitFor(() => fake.held > held, "the second batch to be accepted and held");
        first.kill("SIGKILL");
        await exited(first);
        fake.onRequest = undefined;

        const second = startWorker(target);
        // Third batch, plus the replay of the one whose answer was lost (same key: the first answer comes back).
        await waitFor(() => fake.calls >= start + 4, `the restarted worker to finish (${second.output})`);
        await waitFor(() => second.output.includes("working jobs"), "worker start");
        await new Promise((r) => setTimeout(r, 1_500));
        second.kill("SIGTERM");
        await exited(second);

        const mine = fake.messages.filter((m) => m.subject === subject);
        expect(mine).toHaveLength(250);
        expect(new Set(mine.map((m) => m.to[0])).size).toBe(250);
        client = await target.open();
        expect(await client.outboxEmail.groupBy({ by: ["status"], _count: { _all: true } })).toEqual([{ status: "SENT", _count: { _all: 250 } }]);
        // The replayed batch kept its provider ids: delivery events will find every row.
        expect(await client.outboxEmail.count({ where: { providerId: null } })).toBe(0);
        await target.close(client);
      } finally {
        await target.dispose();
      }
    }, 300_000);
  });
}

(inject("pgAvailable") ? describe : describe.skip)("worker processes [postgresql, two at once]", () => {
  // Two processes on one PGlite directory are impossible by design (the lock refuses the second), so this case is
  // PostgreSQL's: several app instances or `npm run worker` processes sharing one queue.
  it("two workers drain 1,000 emails: each sent exactly once, ten provider calls", async () => {
    const target = await postgresTarget();
    try {
      const subject = "two workers";
      const client = await target.open();
      // Queued as ten sends of one batch each (the same ten batches one send of 1,000 makes): one transaction writing
      // 1,000 emails ran past Prisma's 5 s transaction limit on a loaded machine, and the set-up is not under test.
      const all = recipients(1000, subject);
      for (let i = 0; i < all.length; i += 100) await queueEmails({ purpose: "test", label: "Two", emails: all.slice(i, i + 100) });
      await target.close(client);
      const start = fake.calls;
      const workers = [startWorker(target, 2), startWorker(target, 2)];
      await waitFor(() => fake.messages.filter((m) => m.subject === subject).length >= 1000, "1,000 emails");
      await new Promise((r) => setTimeout(r, 1_000));
      for (const w of workers) w.kill("SIGTERM");
      await Promise.all(workers.map(exited));
      const mine = fake.messages.filter((m) => m.subject === subject);
      expect(mine).toHaveLength(1000);
      expect(new Set(mine.map((m) => m.to[0])).size).toBe(1000);
      expect(fake.calls - start).toBe(10);
      const check = await target.open();
      expect(await check.outboxEmail.count({ where: { status: "SENT" } })).toBe(1000);
      await target.close(check);
    } finally {
      await target.dispose();
    }
  }, 300_000);
});
