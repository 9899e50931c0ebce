// Child processes for scripts: inherit the terminal, fail loudly, forward Ctrl-C.
import { spawn, type SpawnOptions } from "node:child_process";
import { constants } from "node:os";
import path from "node:path";
import { root, prismaOfflineEnv } from "./env.ts";

export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", cwd: root, ...options });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
    for (const s of signals) process.on(s, forward);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? (signal ? 128 + (constants.signals[signal] ?? 1) : 1));
    });
  });
}

/** Like `run`, with the child's output piped through, each line prefixed (for commands that run side by side). */
export function runPrefixed(command: string, args: string[], options: SpawnOptions, prefix: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, ...options, stdio: ["ignore", "pipe", "pipe"] });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
    for (const s of signals) process.on(s, forward);
    for (const [stream, out] of [[child.stdout!, process.stdout], [child.stderr!, process.stderr]] as const) {
      let pending = "";
      stream.on("data", (chunk: Buffer) => {
        const lines = (pending + chunk.toString()).split("\n");
        pending = lines.pop()!;
        for (const line of lines) out.write(`${prefix}${line}\n`);
      });
      stream.on("end", () => pending && out.write(`${prefix}${pending}\n`));
    }
    child.on("error", reject);
    child.on("close", (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? (signal ? 128 + (constants.signals[signal] ?? 1) : 1));
    });
  });
}

/** The Prisma CLI on this Node, offline, with the timer preload. */
function prismaArgv(args: string[]): string[] {
  return ["--import", path.join(root, "scripts", "lib", "unref-timers.ts"), path.join(root, "node_modules", "prisma", "build", "index.js"), ...args];
}

export function prisma(args: string[], options: SpawnOptions = {}): Promise<number> {
  return run(process.execPath, prismaArgv(args), { ...options, env: { ...process.env, ...prismaOfflineEnv(), ...options.env } });
}


/** The Prisma CLI with its chatter captured: printed only when the command fails. */
export function prismaQuiet(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, prismaArgv(args), { cwd: root, env: { ...process.env, ...prismaOfflineEnv() }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}
