// The production server for `npm run bench -- pages`, started the way an operator starts it (`npm start`: migrations,
// then Next behind scripts/serve.ts) on the scratch database, with the background workers off (jobs would add load and
// queries of their own) and the SQL statement counter on (lib/server/db/query-count.ts).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import path from "node:path";
import { SetupError } from "./cli.ts";
import type { QueryCount } from "../lib/server/db/query-count.ts";

const root = path.resolve(import.meta.dirname, "..");
/**
 * Ports this bench may use (others belong to other checkouts' servers and tests): 3450-3499, or the range
 * FOREWARN_BENCH_PORTS names ("3500-3599") when several checkouts bench on one machine.
 */
const PORTS = (() => {
  const match = /^(\d+)-(\d+)$/.exec(process.env.FOREWARN_BENCH_PORTS ?? "");
  return match ? { from: Number(match[1]), to: Number(match[2]) } : { from: 3450, to: 3499 };
})();
const READY_TIMEOUT_MS = 180_000;

export type BenchServer = {
  url: string;
  queryCount(): Promise<QueryCount>;
  /** CPU time (user + system, ms) the server's process group has used so far, read from the OS. */
  cpuMs(): number;
  stop(): Promise<void>;
};

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * Every live process's /proc/<pid>/stat: its command name (field 2, in parentheses, may hold spaces) and the fields
 * after it (fields[0] is field 3, state). Linux only: elsewhere the bench cannot say.
 */
function* processStats(): Generator<{ command: string; fields: string[] }> {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // Gone meanwhile.
    }
    yield { command: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), fields: stat.slice(stat.lastIndexOf(")") + 2).split(" ") };
  }
}

/**
 * utime + stime of every live process in the group (the start script, Next and anything they run), plus what their
 * exited children used (cutime + cstime).
 */
export function processGroupCpuMs(pgid: number): number {
  let ticks = 0;
  // pgrp is field 5, utime 14, stime 15, cutime 16, cstime 17.
  for (const { fields } of processStats()) if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  return (ticks * 1000) / CLOCK_TICKS;
}

/** utime + stime of every live process whose command is `name` (e.g. "postgres": the cluster's backends), in ms. */
export function commandCpuMs(name: string): number {
  let ticks = 0;
  for (const { command, fields } of processStats()) if (command === name) ticks += Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once("error", () => resolve(false))
      .once("listening", () => probe.close(() => resolve(true)))
      .listen(port, "0.0.0.0");
  });
}

async function freePort(): Promise<number> {
  for (let port = PORTS.from; port <= PORTS.to; port++) if (await portIsFree(port)) return port;
  throw new SetupError(`no free port between ${PORTS.from} and ${PORTS.to}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startBenchServer(databaseEnv: Record<string, string>): Promise<BenchServer> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  // Its own process group, so that stopping it also stops the Next server start.ts runs as its child.
  const child = spawn(process.execPath, [path.join(root, "scripts", "start.ts")], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      ...databaseEnv,
      PORT: String(port),
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      FOREWARN_WORKER: "off",
      FOREWARN_COUNT_QUERIES: "1",
      FOREWARN_ADMIN_EMAILS: "",
      NODE_ENV: "production",
    },
  });
  let log = "";
  const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-8_000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);

  const stop = async () => {
    if (child.pid === undefined || (await exited(child, 0))) return;
    process.kill(-child.pid, "SIGTERM");
    if (!(await exited(child, 15_000))) process.kill(-child.pid, "SIGKILL");
    await exited(child, 5_000);
  };

  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new SetupError(`the server exited (${child.exitCode}) before answering:\n${log}`);
    try {
      if ((await fetch(`${url}/api/ping`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() - started > READY_TIMEOUT_MS) {
      await stop();
      throw new SetupError(`the server did not answer on ${url} within ${READY_TIMEOUT_MS / 1000} s:\n${log}`);
    }
    await sleep(250);
  }

  return {
    url,
    async queryCount() {
      const response = await fetch(`${url}/api/health/queries`);
      if (!response.ok) throw new SetupError(`the query counter answered ${response.status} (is FOREWARN_COUNT_QUERIES honoured?)`);
      return (await response.json()) as QueryCount;
    },
    cpuMs: () => processGroupCpuMs(child.pid!),
    stop,
  };
}
