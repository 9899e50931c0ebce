// Issue 5: the server is killed with SIGKILL in the middle of a burst of acknowledgements. Every acknowledgement whose
// POST got a success answer must be stored after the restart — an answer is a promise the data is durable.
// A production server of its own, on a scratch database (the shared one stays up for the other tests).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { admin, urlFor } from "../scripts/lib/postgres";
import { DB_KIND, E2E_PORTS } from "./support";

const VENDORS = 120;
const IN_FLIGHT = 12;
/** The kill comes once this many acknowledgements were answered, with more still on the wire. */
const KILL_AFTER = 25;

type Seeded = { noticeId: string; maintainer: string; vendors: Array<{ userId: string; token: string }> };

async function scratchDatabase(): Promise<{ env: NodeJS.ProcessEnv; dispose(): Promise<void> }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.FOREWARN_DATA_DIR;
  if (DB_KIND === "pglite") {
    const dir = await mkdtemp(path.join(tmpdir(), "forewarn-crash-"));
    return { env: { ...env, FOREWARN_DATA_DIR: dir }, dispose: () => rm(dir, { recursive: true, force: true }) };
  }
  const database = `forewarn_e2e_${randomBytes(4).toString("hex")}_crash`;
  await admin(`CREATE DATABASE "${database}"`);
  return { env: { ...env, DATABASE_URL: urlFor(database) }, dispose: async () => void (await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)) };
}

/** Runs a TypeScript script of the project to completion; its last output line is JSON. */
function script(env: NodeJS.ProcessEnv, args: string[]): unknown {
  const child = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", ...args], { env, encoding: "utf8", timeout: 120_000 });
  if (child.status !== 0) throw new Error(`${args.join(" ")} failed:\n${child.stdout}\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1)!);
}

function startServer(env: NodeJS.ProcessEnv, port: number): { child: ChildProcess; output: () => string } {
  let output = "";
  // Its own process group, so that SIGKILL reaches start.ts and the server it runs at once, with no chance to clean up.
  const child = spawn(process.execPath, ["scripts/start.ts"], { env: { ...env, PORT: String(port), NEXTAUTH_URL: `http://localhost:${port}` }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

async function healthy(base: string, server: { output: () => string }): Promise<void> {
  await expect
    .poll(async () => (await fetch(`${base}/api/health`).catch(() => null))?.status, { timeout: 120_000, intervals: [250] })
    .toBe(200)
    .catch((error: Error) => {
      throw new Error(`the server never became healthy:\n${server.output()}\n${error.message}`);
    });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

test("kill -9 during a burst of acknowledgements: every answered acknowledgement survives the restart", async () => {
  test.setTimeout(300_000);
  const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-turbopack/client.node.js") as {
    encodeReply: (value: unknown) => Promise<string | FormData>;
  };
  const manifest = JSON.parse(readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  const [actionId] = Object.entries(manifest.node).find(([, a]) => a.exportedName === "acknowledgeNoticeAction")!;

  const database = await scratchDatabase();
  const port = E2E_PORTS.spare;
  const base = `http://localhost:${port}`;
  let server: ReturnType<typeof startServer> | undefined;
  try {
    // The schema first, then the data, each by a process of its own before the server holds the database.
    const migrate = spawnSync(process.execPath, ["scripts/migrate.ts"], { env: database.env, encoding: "utf8" });
    expect(migrate.status, migrate.stderr).toBe(0);
    const seeded = script(database.env, ["e2e/fixtures/burst-database.ts", "seed", String(VENDORS)]) as Seeded;

    server = startServer(database.env, port);
    await healthy(base, server);

    const acknowledge = async (token: string): Promise<"ok" | "refused" | "no answer"> => {
      const form = new FormData();
      form.append("noticeId", seeded.noticeId);
      try {
        const response = await fetch(`${base}/vendor/notices/${seeded.noticeId}`, {
          method: "POST",
          headers: { "Next-Action": actionId, Accept: "text/x-component", cookie: `next-auth.session-token=${token}` },
          body: (await encodeReply([null, form])) as FormData,
          redirect: "manual",
        });
        const body = await response.text();
        return response.status === 200 && body.includes('"ok":true') ? "ok" : "refused";
      } catch {
        return "no answer";
      }
    };

    // The burst: IN_FLIGHT at a time; the server dies under it once KILL_AFTER have been answered.
    const answers = new Map<string, "ok" | "refused" | "no answer">();
    const queue = [...seeded.vendors];
    let succeeded = 0;
    let killed = false;
    const running = server;
    const kill = () => {
      if (killed) return;
      killed = true;
      process.kill(-running.child.pid!, "SIGKILL");
    };
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        for (let vendor = queue.shift(); vendor; vendor = queue.shift()) {
          const answer = await acknowledge(vendor.token);
          answers.set(vendor.userId, answer);
          if (answer === "ok" && ++succeeded >= KILL_AFTER) kill();
        }
      }),
    );
    kill();
    await exited(running.child);
    const answered = [...answers].filter(([, a]) => a === "ok").map(([id]) => id);
    expect(answered.length, "acknowledgements answered before the kill").toBeGreaterThanOrEqual(KILL_AFTER);
    expect([...answers.values()].filter((a) => a === "refused"), "nothing was refused before the kill").toEqual([]);
    expect([...answers.values()].filter((a) => a === "no answer").length, "the kill came in the middle of the burst").toBeGreaterThan(0);

    // Restart on the same database (the crashed process left its lock and its files as they were).
    server = startServer(database.env, port);
    await healthy(base, server);
    const late = seeded.vendors.find((v) => answers.get(v.userId) !== "ok")!;
    expect(await acknowledge(late.token), "the restarted server takes acknowledgements").toBe("ok");
    process.kill(-server.child.pid!, "SIGTERM");
    await exited(server.child);
    server = undefined;

    const stored = script(database.env, ["e2e/fixtures/burst-database.ts", "check", seeded.noticeId]) as { rows: string[]; recipients: string[] };
    for (const userId of [...answered, late.userId]) {
      expect(stored.rows, `the acknowledgement of ${userId}, answered before the kill`).toContain(userId);
      expect(stored.recipients, `the organisation of ${userId} counts as acknowledged`).toContain(userId);
    }
    // Nothing stored that nobody asked for.
    const attempted = new Set([...answers.keys(), late.userId]);
    expect(stored.rows.filter((id) => !attempted.has(id))).toEqual([]);
  } finally {
    if (server?.child.pid) {
      try {
        process.kill(-server.child.pid, "SIGKILL");
      } catch {
        // already gone
      }
      await exited(server.child);
    }
    await database.dispose();
  }
});
