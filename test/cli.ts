// Runs the project's own scripts (Prisma CLI wrapper, start-up) in a child process, capturing output.
import { spawn } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** Environment for a child: inherited, minus database settings, plus the given ones. */
export function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.DATABASE_URL;
  delete env.FOREWARN_DATA_DIR;
  delete env.VITEST;
  delete env.VITEST_POOL_ID;
  delete env.VITEST_WORKER_ID;
  delete env.NODE_ENV;
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env as NodeJS.ProcessEnv;
}

/**
 * `nodeArgs` go before the script, as an npm script would pass them (e.g. `--conditions=react-server --import tsx`).
 * `timeoutMs` only stops a hung script (exit code null): a Prisma CLI run takes ~5 s on a quiet machine, a minute on
 * a loaded one.
 */
export function runScript(script: string, args: string[], env: Record<string, string | undefined>, timeoutMs = 180_000, nodeArgs: string[] = []): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, script), ...args], { cwd: ROOT, env: childEnv(env) });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export async function migrateDeploy(env: Record<string, string | undefined>): Promise<void> {
  const result = await runScript("scripts/prisma.ts", ["migrate", "deploy"], env, 300_000);
  if (result.code !== 0) throw new Error(`migrate deploy failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
}
