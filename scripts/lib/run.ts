// Child processes for scripts: inherit the terminal, fail loudly, forward Ctrl-C.
import { spawn, type SpawnOptions } from "node:child_process";
import path from "node:path";
import { root, prismaOfflineEnv } from "./env.ts";

export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", cwd: root, ...options });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 128 + 1 : 1));
    });
  });
}

export async function runOrExit(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  const code = await run(command, args, options);
  if (code !== 0) process.exit(code);
}

/** The Prisma CLI on this Node, offline, with the timer preload. */
export function prisma(args: string[], options: SpawnOptions = {}): Promise<number> {
  return run(
    process.execPath,
    [
      "--import",
      path.join(root, "scripts", "lib", "unref-timers.ts"),
      path.join(root, "node_modules", "prisma", "build", "index.js"),
      ...args,
    ],
    { ...options, env: { ...process.env, ...prismaOfflineEnv(), ...options.env } },
  );
}

export function bin(name: string): string {
  return path.join(root, "node_modules", ".bin", name);
}
