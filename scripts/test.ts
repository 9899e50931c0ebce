// npm test — unit, integration (PGlite + PostgreSQL) and browser tests, in that order; a summary at the end.
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { loadDotEnv, root } from "./lib/env.ts";
import { run } from "./lib/run.ts";
import { ensureChromium, ensureGpg } from "./lib/chromium.ts";

loadDotEnv();
process.env.NEXT_TELEMETRY_DISABLED = "1";
const results = path.join(root, "test-results");
rmSync(results, { recursive: true, force: true });
await ensureChromium();
await ensureGpg();

const vitest = path.join(root, "node_modules", ".bin", "vitest");
const steps: Array<{ name: string; command: string; args: string[] }> = [
  { name: "unit", command: vitest, args: ["run", "--project", "unit", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/unit.json"] },
  { name: "integration", command: vitest, args: ["run", "--project", "int", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/int.json"] },
  { name: "e2e", command: process.execPath, args: [path.join(root, "scripts", "e2e.ts")] },
];

const outcome: Record<string, number> = {};
for (const step of steps) {
  console.log(`\n━━ ${step.name} ━━`);
  outcome[step.name] = await run(step.command, step.args);
}

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
console.log(`\n━━ summary ━━ ${steps.map((s) => `${s.name}: ${outcome[s.name] === 0 ? "ok" : "FAILED"}`).join(" · ")}`);
console.log(`${passed} passed, ${failedTests} failed, ${skipped} skipped`);
process.exit(failedSteps.length > 0 ? 1 : 0);
