// The browser tests use Debian's Chromium (Playwright cannot download its own browser here).
import { existsSync } from "node:fs";
import { run } from "./run.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function ensureChromium(): Promise<void> {
  if (existsSync(CHROMIUM)) return;
  const root = process.getuid?.() === 0;
  if (!root || !existsSync("/usr/bin/apt-get")) {
    console.error(
      `\n✖ The browser tests need Chromium at ${CHROMIUM}.\n  Install it with: sudo apt-get install -y chromium\n` +
        `  (or set CHROMIUM_PATH to another Chromium binary).\n`,
    );
    process.exit(1);
  }
  console.log("[test] Chromium is missing: installing Debian's chromium package…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if ((await run("apt-get", ["update", "-q"], { env })) !== 0 || (await run("apt-get", ["install", "-y", "-q", "chromium"], { env })) !== 0) {
    console.error("\n✖ Installing chromium with apt-get failed (see above).\n");
    process.exit(1);
  }
}
