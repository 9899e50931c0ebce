// Tools the tests take from Debian: Chromium for the browser tests (Playwright cannot download its own browser here)
// and gpg, the independent OpenPGP implementation the signing tests verify every email and document with. Installed
// with apt-get when missing and running as root (a fresh machine); otherwise a clear message says how.
import { existsSync } from "node:fs";
import { run } from "./run.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

async function ensureDebianTool(binary: string, debianPackage: string, why: string, elsewhere: string): Promise<void> {
  if (existsSync(binary)) return;
  const root = process.getuid?.() === 0;
  if (!root || !existsSync("/usr/bin/apt-get")) {
    console.error(`\n✖ ${why} need ${binary}.\n  Install it with: sudo apt-get install -y ${debianPackage}\n${elsewhere}`);
    process.exit(1);
  }
  console.log(`[test] ${binary} is missing: installing Debian's ${debianPackage} package…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if ((await run("apt-get", ["update", "-q"], { env })) !== 0 || (await run("apt-get", ["install", "-y", "-q", debianPackage], { env })) !== 0) {
    console.error(`\n✖ Installing ${debianPackage} with apt-get failed (see above).\n`);
    process.exit(1);
  }
}

export function ensureChromium(): Promise<void> {
  return ensureDebianTool(CHROMIUM, "chromium", "The browser tests", "  (or set CHROMIUM_PATH to another Chromium binary).\n");
}

export function ensureGpg(): Promise<void> {
  return ensureDebianTool("/usr/bin/gpg", "gnupg", "The signing tests (every email and CSAF document verified with gpg)", "");
}
