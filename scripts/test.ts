// npm test — unit, integration (PGlite + PostgreSQL) and browser tests; a summary with each step's time at the end.
// The steps share nothing but the machine (each integration file and each browser pass has its own database, the
// browser passes their own ports), so they run in two lines side by side: build then browser tests, unit then
// integration tests (output of the second line prefixed "[int] ", of the build "[build] "). FOREWARN_TEST_SERIAL=1
// runs them one after the other instead. FOREWARN_TEST_HOGS=2 runs two CPU hogs beside the whole suite, to
// show it passes on a busy machine (issue 15); the summary then says how much CPU they took.
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { loadDotEnv, root } from "./lib/env.ts";
import { run, runPrefixed } from "./lib/run.ts";
import { buildIfStale } from "./lib/build.ts";
import { ensureChromium, ensureGpg } from "./lib/chromium.ts";
import { startHogs } from "./lib/hogs.ts";

loadDotEnv();
process.env.NEXT_TELEMETRY_DISABLED = "1";
const started = Date.now();
const results = path.join(root, "test-results");
rmSync(results, { recursive: true, force: true });
await ensureChromium();
await ensureGpg();
const hogCount = Number(process.env.FOREWARN_TEST_HOGS ?? 0);
if (!Number.isInteger(hogCount) || hogCount < 0 || hogCount > 16) {
  console.error(`✖ FOREWARN_TEST_HOGS must be a whole number from 0 to 16 (got "${process.env.FOREWARN_TEST_HOGS}").`);
  process.exit(1);
}
const hogs = hogCount > 0 ? startHogs(hogCount) : null;
if (hogs) console.log(`[test] ${hogCount} CPU hog${hogCount === 1 ? "" : "s"} spinning beside the suite`);

const vitest = path.join(root, "node_modules", ".bin", "vitest");
const outcome: Record<string, number> = {};
const seconds: Record<string, number> = {};
async function step(name: string, body: () => Promise<number>): Promise<number> {
  const t0 = Date.now();
  console.log(`\n━━ ${name} ━━`);
  outcome[name] = await body();
  seconds[name] = Math.round((Date.now() - t0) / 1000);
  console.log(`━━ ${name}: ${outcome[name] === 0 ? "ok" : "FAILED"} (${seconds[name]} s) ━━`);
  return outcome[name];
}
const vitestStep = (project: "unit" | "int", prefix?: string) => {
  const args = ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=test-results/${project}.json`];
  return prefix === undefined ? run(vitest, args) : runPrefixed(vitest, args, {}, prefix);
};
const buildStep = () => step("build", () => buildIfStale("[build] "));
// A failed build fails the browser tests without running them (its output above says why).
const e2eStep = async (built: Promise<number>) => {
  if ((await built) === 0) await step("e2e", () => run(process.execPath, [path.join(root, "scripts", "e2e.ts")]));
  else outcome.e2e = 1;
};

if (process.env.FOREWARN_TEST_SERIAL === "1") {
  await step("unit", () => vitestStep("unit"));
  await step("integration", () => vitestStep("int"));
  await e2eStep(buildStep());
} else {
  // Side by side: the build with the unit tests, then the browser tests (as soon as the build is there) with the
  // integration tests (as soon as the unit tests are done). Two lines of work instead of four steps in a row.
  const built = buildStep();
  await Promise.all([
    step("unit", () => vitestStep("unit")).then(() => step("integration", () => vitestStep("int", "[int] "))),
    e2eStep(built),
  ]);
}
const names = ["build", "unit", "integration", "e2e"];

// Count tests from the reporters' JSON, so the closing line reports tests, not steps.
let passed = 0;
let failedTests = 0;
let skipped = 0;
for (const file of ["unit.json", "int.json"]) {
  const p = path.join(results, file);
  if (!existsSync(p)) continue;
  const report = JSON.parse(readFileSync(p, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  passed += report.numPassedTests;
  failedTests += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
for (const kind of ["pglite", "postgresql"]) {
  const p = path.join(results, `e2e-${kind}.json`);
  if (!existsSync(p)) continue;
  const stats = (JSON.parse(readFileSync(p, "utf8")) as { stats: { expected: number; unexpected: number; skipped: number; flaky: number } }).stats;
  passed += stats.expected + stats.flaky;
  failedTests += stats.unexpected;
  skipped += stats.skipped;
}

const failedSteps = Object.entries(outcome).filter(([, code]) => code !== 0).map(([name]) => name);
const shown = (name: string) => `${name}: ${outcome[name] === 0 ? "ok" : "FAILED"}${seconds[name] === undefined ? "" : ` (${seconds[name]} s)`}`;
console.log(`\n━━ summary ━━ ${names.map(shown).join(" · ")}`);
if (hogs) console.log(hogs.stop());
console.log(`${passed} passed, ${failedTests} failed, ${skipped} skipped, in ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(failedSteps.length > 0 ? 1 : 0);
