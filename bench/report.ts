// How a bench reports: a small table on the terminal, with PASS/FAIL beside each target, and a JSON file in
// bench/results/ that CI or a later run can compare against.
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";

export type Target = { ok: boolean; rule: string };
export type Row = [label: string, value: string | number, target?: Target];

export function printTable(title: string, rows: Row[]): void {
  const width = Math.max(...rows.map(([label]) => label.length));
  const values = rows.map(([, value]) => String(value));
  const valueWidth = Math.max(...values.map((v) => v.length));
  console.log(`\n${title}`);
  rows.forEach(([label, , target], i) => {
    const verdict = target ? `  ${target.ok ? "PASS" : "FAIL"} (${target.rule})` : "";
    console.log(`  ${label.padEnd(width)}  ${values[i]!.padStart(valueWidth)}${verdict}`);
  });
  console.log("");
}

/** Written to a .tmp file first, then renamed: a reader never sees half a result. */
export async function writeResult(name: string, result: Record<string, unknown>): Promise<string> {
  const dir = path.join(import.meta.dirname, "results");
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  await writeFile(`${file}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
  return file;
}

/** Peak resident set size, sampled on a timer (the event loop may be busy, so samples can be late, not lost). */
export function sampleRss(everyMs = 50): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024);
    },
  };
}
