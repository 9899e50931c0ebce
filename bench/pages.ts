// Issues 5 and 15: how fast the portal's pages are, against the framework's own floor on this machine. A production
// build serves a seeded database (1,000 organisations × 3 members, 200 notices, one addressed to all 1,000);
// autocannon measures (a) a constant route handler, (b) the vendor notice page as a signed-in vendor and (c) the
// maintainer tracking matrix of the 1,000-organisation notice: a fixed number of requests at 16 connections (about
// SECONDS long, sized by a warm-up) with the server's CPU read from the OS before and after, then a short run at one
// connection for the p50. CPU per view comes first: on a shared machine it is the figure other work disturbs least. The SQL statements of one view of each
// page are counted by the server itself (FOREWARN_COUNT_QUERIES=1) on the 1,000-organisation notice and on a
// 3-organisation one: the two must be equal. Any answer other than 2xx during a run fails the bench — a page that
// redirects to sign-in is fast and worthless.
// An empty server-rendered page (/bench/floor, only in a bench server) is measured too: what every page costs before
// it reads anything. Its ratio to (a) is the best b/a any server-rendered page can reach on this machine.
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import autocannon, { type Result } from "autocannon";
import { createScratchDatabase, pointProcessAt, type DatabaseKind, type ScratchDatabase } from "./scratch-database.ts";
import { printTable, writeResult, type Row, type Target } from "./report.ts";
import { parseFlags, SetupError } from "./cli.ts";
import { commandCpuMs, startBenchServer, type BenchServer } from "./pages-server.ts";
import type { Seeded } from "./pages-seed.ts";
import { buildIfStale } from "../scripts/lib/build.ts";
import { monotonicUs, printProfiles, profilingEnv, summariseProfile, type ProfileWindow } from "./pages-profile.ts";

const CONNECTIONS = 16;
/** Rough length of each measured run at 16 connections (the request count is fixed from the warm-up's rate). */
const SECONDS = Number(process.env.BENCH_PAGES_SECONDS ?? 8);
const WARM_UP_SECONDS = 3;
const WARM_UP_VIEWS = 2_000;
/** The run at one connection, for the p50 of one request at a time. */
const SINGLE_SECONDS = 4;
/** Issue 15: against the empty page measured in the same run. */
const TARGETS = { vendorThroughput: 0.5, vendorCpu: 2, trackingThroughput: 0.33, queries: 6 };

type Measured = {
  /** Answers per second at 16 connections, from the start to the last answer (load()). */
  rps: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
  non_2xx: number;
  errors: number;
  timeouts: number;
  /** Server CPU (its process group, user + system) per answered request of the 16-connection run. */
  cpu_ms_per_view: number;
  /**
   * CPU of this process (autocannon: the load generator, on the same cores) per answered request: it reads every
   * byte of every answer, so a larger page takes more of the machine from the server at 16 connections.
   */
  client_cpu_ms_per_view: number;
  /** CPU of every PostgreSQL process on this machine per answered request (the server's database; ~0 on PGlite). */
  postgres_cpu_ms_per_view: number;
  /** p50 with one connection: one request at a time. */
  p50_1_connection_ms: number;
};

type PageName = "bare" | "empty_page" | "vendor_notice" | "tracking_matrix";

export async function pages(args: string[]): Promise<boolean> {
  const flags = parseFlags("pages", args, ["--postgres", "--pglite", "--profile"]);
  // Neither flag: both databases, each in a process of its own (lib code opens its database once per process).
  if (!flags["--postgres"] && !flags["--pglite"]) return bothDatabases(flags["--profile"]);
  const kind: DatabaseKind = flags["--postgres"] ? "postgresql" : "pglite";
  if ((await buildIfStale()) !== 0) throw new SetupError("the production build failed (see above)");

  let db: ScratchDatabase | undefined;
  let server: BenchServer | undefined;
  const profileDir = flags["--profile"] ? await mkdtemp(path.join(os.tmpdir(), "forewarn-bench-profile-")) : null;
  const windows: ProfileWindow[] = [];
  try {
    db = await createScratchDatabase(kind);
    pointProcessAt(db);
    const seeded = await seed();
    server = await startBenchServer({ ...db.env, ...(profileDir ? profilingEnv(profileDir) : {}) });
    const ok = await measure(server, seeded, db.kind, windows);
    if (profileDir) {
      // The profile is written as the server exits.
      await server.stop();
      const profiles = summariseProfile(profileDir, windows);
      printProfiles(profiles);
      console.log(`Wrote ${await writeResult(`pages-profile-${kind}`, { database: kind, profiles })} (raw profiles in ${profileDir})`);
    }
    return ok;
  } finally {
    await server?.stop();
    await db?.dispose();
  }
}

/**
 * PGlite then PostgreSQL, one after the other (never side by side: they would share the CPU). pages.json keeps the
 * PGlite run's fields at the top (as before) and adds each database's result under its name.
 */
async function bothDatabases(profile: boolean): Promise<boolean> {
  const runner = path.join(import.meta.dirname, "run.ts");
  const results: Record<string, unknown> = {};
  let ok = true;
  for (const kind of ["pglite", "postgresql"] as const) {
    const child = spawnSync(process.execPath, [...process.execArgv, runner, "pages", kind === "pglite" ? "--pglite" : "--postgres", ...(profile ? ["--profile"] : [])], { stdio: "inherit" });
    if (child.status !== 0) ok = false;
    try {
      results[kind] = JSON.parse(await readFile(path.join(import.meta.dirname, "results", `pages-${kind}.json`), "utf8"));
    } catch {
      results[kind] = null;
      ok = false;
    }
  }
  const pglite = (results.pglite ?? {}) as Record<string, unknown>;
  console.log(`Wrote ${await writeResult("pages", { ...pglite, pglite: results.pglite, postgresql: results.postgresql })}`);
  return ok;
}

/** Seeds through this process's own Prisma client, then closes it: on PGlite the server needs the directory's lock. */
async function seed(): Promise<Seeded> {
  const { getDb, getDatabaseConfig } = await import("@/lib/server/db/client");
  const { closePglite } = await import("@/lib/server/db/pglite");
  const { seedPages } = await import("./pages-seed.ts");
  const prisma = getDb();
  try {
    return await seedPages(prisma);
  } finally {
    await prisma.$disconnect();
    const config = getDatabaseConfig();
    if (config.kind === "pglite") await closePglite(config.pgliteDir);
  }
}

/** One GET that must answer 200 with every expected text in the body (redirects are not followed: they fail). */
async function expectPage(url: string, cookie: string | undefined, texts: string[]): Promise<void> {
  const response = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200) throw new SetupError(`${url} answered ${response.status}${response.headers.get("location") ? ` → ${response.headers.get("location")}` : ""}, not 200`);
  const missing = texts.filter((t) => !body.includes(t));
  if (missing.length) throw new SetupError(`${url} answered 200 without ${missing.map((t) => JSON.stringify(t)).join(", ")}`);
}

/**
 * SQL statements of one page view, read from the server's counter around it (nothing else runs meanwhile). The
 * least of three views: a session is touched at most once a minute, and that write belongs to no page.
 */
async function queriesPerView(server: BenchServer, url: string, cookie: string, texts: string[]): Promise<number> {
  const counts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const before = await server.queryCount();
    await expectPage(url, cookie, texts);
    counts.push((await server.queryCount()).statements - before.statements);
  }
  return Math.min(...counts);
}

type Run = { connections: number } & ({ seconds: number } | { amount: number });

/** A run's result, with its answers per second measured from its start to its last answer. */
type Loaded = Result & { answersPerSecond: number };

/**
 * autocannon's own requests/s is the mean of per-second samples, and a fixed-amount run ends at the first sample tick
 * after its last answer: up to a second of idle time counted in (one run of ~8 s, up to 12% low, by chance). So the
 * rate is taken here: answers over the time from the start to the last answer.
 */
async function load(url: string, cookie: string | undefined, run: Run): Promise<Loaded> {
  const size = "amount" in run ? { amount: run.amount } : { duration: run.seconds };
  const started = performance.now();
  let last = started;
  const result = await autocannon({ url, connections: run.connections, ...size, headers: cookie ? { cookie } : {}, timeout: 30 }).on("response", () => (last = performance.now()));
  return { ...result, answersPerSecond: last > started ? result.requests.total / ((last - started) / 1000) : 0 };
}

/**
 * Warm-up, then a fixed number of requests at 16 connections with the server's CPU read before and after (every
 * request has finished when autocannon returns, so the CPU between the samples is theirs and the idle server's),
 * then the p50 at one connection.
 */
async function measurePage(server: BenchServer, name: PageName, url: string, cookie: string | undefined, windows: ProfileWindow[]): Promise<Measured> {
  process.stdout.write(`[bench] ${name}: warming up ${WARM_UP_SECONDS} s (at least ${WARM_UP_VIEWS} views), then ~${SECONDS} s at ${CONNECTIONS} connections and ${SINGLE_SECONDS} s at 1…\n`);
  const warm = await load(url, cookie, { connections: CONNECTIONS, seconds: WARM_UP_SECONDS });
  // Every page gets at least WARM_UP_VIEWS views before it is measured: a page that costs three times as much gets a
  // third of the views in the same seconds, and V8 had not finished optimizing its render (CPU per view kept falling
  // by ~10% over the next few thousand views), which counted the JIT's warm-up against the heavier pages only.
  if (warm.requests.total < WARM_UP_VIEWS) await load(url, cookie, { connections: CONNECTIONS, amount: WARM_UP_VIEWS - warm.requests.total });
  const amount = Math.max(CONNECTIONS * 4, Math.round(warm.answersPerSecond * SECONDS));
  const cpuBefore = server.cpuMs();
  const clientBefore = process.cpuUsage();
  const databaseBefore = commandCpuMs("postgres");
  const fromUs = monotonicUs();
  const result = await load(url, cookie, { connections: CONNECTIONS, amount });
  const cpu = server.cpuMs() - cpuBefore;
  const client = process.cpuUsage(clientBefore);
  const database = commandCpuMs("postgres") - databaseBefore;
  windows.push({ page: name, fromUs, toUs: monotonicUs(), views: result.requests.total });
  const single = await load(url, cookie, { connections: 1, seconds: SINGLE_SECONDS });
  const answered = result.requests.total;
  return {
    rps: Math.round(result.answersPerSecond),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    requests: result.latency.totalCount ?? answered,
    non_2xx: result.non2xx + single.non2xx,
    errors: result.errors + single.errors,
    timeouts: result.timeouts + single.timeouts,
    cpu_ms_per_view: answered > 0 ? Math.round((cpu / answered) * 10) / 10 : 0,
    client_cpu_ms_per_view: answered > 0 ? Math.round(((client.user + client.system) / 1000 / answered) * 100) / 100 : 0,
    postgres_cpu_ms_per_view: answered > 0 ? Math.round((database / answered) * 100) / 100 : 0,
    p50_1_connection_ms: single.latency.p50,
  };
}

async function measure(server: BenchServer, seeded: Seeded, kind: DatabaseKind, windows: ProfileWindow[]): Promise<boolean> {
  const { vendor, maintainer, big, small } = seeded;
  const urls = {
    bare: `${server.url}/api/ping`,
    floor: `${server.url}/bench/floor`,
    vendor: (id: string) => `${server.url}/vendor/notices/${id}`,
    tracking: (id: string) => `${server.url}/maintainer/notices/${id}/tracking`,
  };
  // The full notice (its description, past the embargo terms) and the matrix with an organisation in it.
  const vendorTexts = (title: string) => [title, "read_extra", vendor.organisation];
  const trackingTexts = (title: string) => [title, seeded.firstOrganisation];

  await expectPage(urls.bare, undefined, ["ok"]);
  await expectPage(urls.floor, undefined, ["An empty page."]);
  for (const n of [big, small]) {
    await expectPage(urls.vendor(n.id), vendor.cookie, vendorTexts(n.title));
    await expectPage(urls.tracking(n.id), maintainer.cookie, trackingTexts(n.title));
  }
  const queries = {
    vendor: await queriesPerView(server, urls.vendor(big.id), vendor.cookie, vendorTexts(big.title)),
    vendorSmall: await queriesPerView(server, urls.vendor(small.id), vendor.cookie, vendorTexts(small.title)),
    tracking: await queriesPerView(server, urls.tracking(big.id), maintainer.cookie, trackingTexts(big.title)),
    trackingSmall: await queriesPerView(server, urls.tracking(small.id), maintainer.cookie, trackingTexts(small.title)),
  };

  const load1 = loadAverage();
  const runs: Array<[PageName, string, string | undefined]> = [
    ["bare", urls.bare, undefined],
    ["empty_page", urls.floor, undefined],
    ["vendor_notice", urls.vendor(big.id), vendor.cookie],
    ["tracking_matrix", urls.tracking(big.id), maintainer.cookie],
  ];
  const results = {} as Record<PageName, Measured>;
  for (const [name, url, cookie] of runs) results[name] = await measurePage(server, name, url, cookie, windows);
  const load2 = loadAverage();
  const { bare, empty_page: floor, vendor_notice: b, tracking_matrix: c } = results;
  const round2 = (x: number) => Math.round(x * 100) / 100;
  const toBare = (m: Measured) => (bare.rps > 0 ? round2(m.rps / bare.rps) : 0);
  const toEmpty = (m: Measured) => (floor.rps > 0 ? round2(m.rps / floor.rps) : 0);
  const cpuToEmpty = (m: Measured) => (floor.cpu_ms_per_view > 0 ? round2(m.cpu_ms_per_view / floor.cpu_ms_per_view) : 0);
  const failures = (m: Measured) => m.non_2xx + m.errors + m.timeouts;

  const sqlTarget = (big: number, smallCount: number): Target => ({ ok: big <= TARGETS.queries && big === smallCount, rule: `≤ ${TARGETS.queries}, same for 1,000 and 3 organisations` });
  const targets = {
    vendorCpu: { ok: b.requests > 0 && cpuToEmpty(b) <= TARGETS.vendorCpu, rule: `≤ ${TARGETS.vendorCpu}× the empty page's` },
    vendorThroughput: { ok: toEmpty(b) >= TARGETS.vendorThroughput, rule: `≥ ${TARGETS.vendorThroughput}× the empty page's` },
    trackingThroughput: { ok: toEmpty(c) >= TARGETS.trackingThroughput, rule: `≥ ${TARGETS.trackingThroughput}× the empty page's` },
    vendorQueries: sqlTarget(queries.vendor, queries.vendorSmall),
    trackingQueries: sqlTarget(queries.tracking, queries.trackingSmall),
    answers: { ok: [bare, floor, b, c].every((m) => m.requests > 0 && failures(m) === 0), rule: "all 2xx, no errors or timeouts" },
  };
  const line = (m: Measured) => `${m.cpu_ms_per_view} ms CPU/view (client ${m.client_cpu_ms_per_view}, postgres ${m.postgres_cpu_ms_per_view}) · ${m.rps} req/s · p50 ${m.p50_ms} ms (1 conn: ${m.p50_1_connection_ms} ms) · p99 ${m.p99_ms} ms`;
  const rows: Row[] = [
    ["(a) bare route handler", line(bare)],
    ["    empty page, nothing read", line(floor)],
    ["    empty page / a: the best b/a a page can reach", toBare(floor)],
    ["(b) vendor notice", line(b)],
    ["    b CPU per view / empty page's", cpuToEmpty(b), targets.vendorCpu],
    ["    b req/s / empty page's", toEmpty(b), targets.vendorThroughput],
    ["    SQL per view (1,000 / 3 orgs)", `${queries.vendor} / ${queries.vendorSmall}`, targets.vendorQueries],
    ["(c) tracking matrix, 1,000 orgs", line(c)],
    ["    c CPU per view / empty page's", cpuToEmpty(c)],
    ["    c req/s / empty page's", toEmpty(c), targets.trackingThroughput],
    ["    SQL per view (1,000 / 3 orgs)", `${queries.tracking} / ${queries.trackingSmall}`, targets.trackingQueries],
    ["non-2xx / errors / timeouts", [bare, floor, b, c].map((m) => `${m.non_2xx}/${m.errors}/${m.timeouts}`).join("  "), targets.answers],
    ["requests measured (a, empty, b, c)", [bare, floor, b, c].map((m) => m.requests).join(" / ")],
    ["load average (1 min) before / after", `${load1} / ${load2}`],
    ["database", kind],
  ];
  printTable(`pages — production build, ${CONNECTIONS} connections × ~${SECONDS} s each (${kind}, node ${process.version})`, rows);
  const result = {
    bare,
    empty_page: { ...floor, ratio_to_bare: toBare(floor) },
    vendor_notice: { ...b, ratio_to_empty: toEmpty(b), cpu_ratio_to_empty: cpuToEmpty(b), queries: queries.vendor, queries_3_organisations: queries.vendorSmall },
    tracking_matrix: { ...c, ratio_to_empty: toEmpty(c), cpu_ratio_to_empty: cpuToEmpty(c), queries: queries.tracking, queries_3_organisations: queries.trackingSmall },
    ratio_b_a: toBare(b),
    targets: Object.fromEntries(Object.entries(targets).map(([k, t]) => [k, t.ok])),
    load_average: [load1, load2],
    connections: CONNECTIONS,
    seconds: SECONDS,
    organisations: big.organisations,
    database: kind,
    node: process.version,
  };
  console.log(`Wrote ${await writeResult(`pages-${kind}`, result)}`);
  return Object.values(targets).every((t) => t.ok);
}

/** The 1-minute load average: what else the machine was doing while it measured. */
function loadAverage(): number {
  return Math.round(os.loadavg()[0]! * 100) / 100;
}
