// `npm run bench -- pages --profile`: where the server's CPU goes per view. The bench server runs with V8's sampling
// profiler (node --cpu-prof, written when it exits); the bench notes the monotonic clock around each page's measured
// run, and the samples inside that window are summed by where their code lives (PGlite, React/Next's render, Prisma,
// the app's own bundle, GC…) and by function, divided by the views answered. V8 stamps samples with the same
// monotonic clock as process.hrtime (CLOCK_MONOTONIC on Linux), so the bench's windows line up with the server's.
// Only the server's main thread is sampled: PGlite runs there (WebAssembly); PostgreSQL's own processes do not.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };

export type ProfileWindow = { page: string; fromUs: number; toUs: number; views: number };
export type PageProfile = {
  page: string;
  views: number;
  /** Sampled CPU (not idle) in the window, per view. */
  sampled_ms_per_view: number;
  categories: Array<{ name: string; ms_per_view: number; share: number }>;
  functions: Array<{ name: string; ms_per_view: number }>;
};

/** Microseconds on the monotonic clock V8 stamps its samples with. */
export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

/** NODE_OPTIONS for a server that writes its profile to `dir` when it exits. */
export function profilingEnv(dir: string): Record<string, string> {
  return { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --cpu-prof --cpu-prof-dir=${dir} --cpu-prof-interval=500`.trim() };
}

function category(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (functionName === "(garbage collector)") return "garbage collection";
  if (functionName === "(program)") return "V8/native (program)";
  if (/pglite/i.test(url)) return "PGlite (wasm + js)";
  if (/prisma/i.test(url)) return "Prisma";
  if (/app-page(-turbo)?\.runtime/.test(url) || /react-dom|react-server-dom/.test(url)) return "React render (Next app-page runtime)";
  if (/next\/dist/.test(url)) return "Next (server, routing, proxy)";
  if (/\.next\/server/.test(url)) return "app bundle (.next/server)";
  if (/node_modules\/pg(-|\/)/.test(url)) return "pg driver";
  if (url.startsWith("node:") || url === "") return "Node internals / native";
  return `other: ${url.replace(/.*node_modules\//, "")}`;
}

function frameName(frame: CallFrame): string {
  const file = frame.url.replace(/^file:\/\//, "").replace(/.*node_modules\//, "").replace(/.*\.next\//, ".next/");
  return `${frame.functionName || "(anonymous)"} ${file}:${frame.lineNumber + 1}`;
}

/** The largest profile in the directory: the Next server's (start.ts and migrations write small ones). */
function serverProfile(dir: string): CpuProfile {
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  if (!files.length) throw new Error(`no .cpuprofile in ${dir} (did the server exit cleanly?)`);
  const largest = files.map((f) => path.join(dir, f)).sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
  return JSON.parse(readFileSync(largest, "utf8")) as CpuProfile;
}

export function summariseProfile(dir: string, windows: ProfileWindow[], top = 25): PageProfile[] {
  const profile = serverProfile(dir);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  return windows.map((w) => {
    const categories = new Map<string, number>();
    const functions = new Map<string, number>();
    let at = profile.startTime;
    let total = 0;
    profile.samples.forEach((id, i) => {
      at += profile.timeDeltas[i] ?? 0;
      // A sample stands for the interval up to the next one.
      const span = profile.timeDeltas[i + 1] ?? 0;
      if (at < w.fromUs || at > w.toUs) return;
      const frame = byId.get(id)!.callFrame;
      if (frame.functionName === "(idle)") return;
      total += span;
      const c = category(frame);
      categories.set(c, (categories.get(c) ?? 0) + span);
      const f = frameName(frame);
      functions.set(f, (functions.get(f) ?? 0) + span);
    });
    const perView = (us: number) => Math.round((us / 1000 / Math.max(1, w.views)) * 100) / 100;
    const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
    return {
      page: w.page,
      views: w.views,
      sampled_ms_per_view: perView(total),
      categories: sorted(categories).map(([name, us]) => ({ name, ms_per_view: perView(us), share: Math.round((us / Math.max(1, total)) * 1000) / 10 })),
      functions: sorted(functions).slice(0, top).map(([name, us]) => ({ name, ms_per_view: perView(us) })),
    };
  });
}

export function printProfiles(profiles: PageProfile[]): void {
  for (const p of profiles) {
    console.log(`\nprofile — ${p.page}: ${p.sampled_ms_per_view} ms sampled CPU per view (main thread, ${p.views} views)`);
    for (const c of p.categories.slice(0, 12)) console.log(`  ${String(c.ms_per_view).padStart(7)} ms  ${String(c.share).padStart(5)}%  ${c.name}`);
    console.log("  top functions (self time per view):");
    for (const f of p.functions.slice(0, 15)) console.log(`  ${String(f.ms_per_view).padStart(7)} ms  ${f.name}`);
  }
}
