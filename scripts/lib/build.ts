// `next build` when the production build is missing or older than the sources. The fingerprint is a hash of the
// contents (not mtimes: a fresh clone has new mtimes, a branch switch may not).
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync, statSync } from "node:fs";
import path from "node:path";
import { root } from "./env.ts";
import { run, runPrefixed } from "./run.ts";

const INPUTS = [
  "app",
  "components",
  "lib",
  "generated",
  "public",
  "prisma/schema.prisma",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
  "instrumentation.ts",
  "proxy.ts",
];
const SKIP = /(^|\/)(node_modules|\.next)(\/|$)|\.test\.tsx?$/;
const stampFile = path.join(root, ".next", "forewarn-build.sha256");

function walk(rel: string, out: string[]): void {
  const abs = path.join(root, rel);
  if (!existsSync(abs) || SKIP.test(rel)) return;
  if (statSync(abs).isDirectory()) {
    for (const name of readdirSync(abs).sort()) walk(path.posix.join(rel, name), out);
  } else {
    out.push(rel);
  }
}

export function sourceFingerprint(): string {
  const files: string[] = [];
  for (const input of INPUTS) walk(input, files);
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(file).update("\0").update(readFileSync(path.join(root, file))).update("\0");
  }
  // Settings inlined at build time.
  hash.update(`NEXT_PUBLIC:${Object.entries(process.env).filter(([k]) => k.startsWith("NEXT_PUBLIC_")).sort().join(";")}`);
  return hash.digest("hex");
}

export function buildIsCurrent(): boolean {
  if (!existsSync(path.join(root, ".next", "BUILD_ID")) || !existsSync(stampFile)) return false;
  return readFileSync(stampFile, "utf8").trim() === sourceFingerprint();
}

/** `prefix`: the build's output goes line by line with that prefix (when it runs beside other commands). */
export async function build(prefix?: string): Promise<number> {
  const fingerprint = sourceFingerprint();
  const next = path.join(root, "node_modules", ".bin", "next");
  const options = { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } };
  const code = await (prefix === undefined ? run(next, ["build"], options) : runPrefixed(next, ["build"], options, prefix));
  if (code === 0) writeFileSync(stampFile, fingerprint + "\n");
  return code;
}

export async function buildIfStale(prefix?: string): Promise<number> {
  if (buildIsCurrent()) return 0;
  console.log(`${prefix ?? ""}[forewarn] production build missing or out of date: building (a few minutes the first time)…`);
  return build(prefix);
}
