// Issue 5: how fast the portal's pages are, against the framework's own ceiling on this machine. A production build
// serves a seeded database (1,000 organisations × 3 members, 200 notices, one addressed to all 1,000); autocannon
// (16 connections, 10 s each) measures (a) a constant route handler, (b) the vendor notice page as a signed-in vendor
// and (c) the maintainer tracking matrix of the 1,000-organisation notice. The SQL statements of one view of each
// page are counted by the server itself (FOREWARN_COUNT_QUERIES=1) on the 1,000-organisation notice and on a
// 3-organisation one: the two must be equal. Any answer other than 2xx during a run fails the bench — a page that
// redirects to sign-in is fast and worthless.
// An empty server-rendered page (/bench/floor, only in a bench server) is measured too: what every page costs before
// it reads anything. Its ratio to (a) is the best b/a any server-rendered page can reach on this machine.
import autocannon, { type Result } from "autocannon";
import { createScratchDatabase, pointProcessAt, type DatabaseKind, type ScratchDatabase } from "./scratch-database.ts";
import { printTable, writeResult, type Row } from "./report.ts";
import { parseFlags, SetupError } from "./cli.ts";
import { startBenchServer, type BenchServer } from "./pages-server.ts";
import type { Seeded } from "./pages-seed.ts";
import { buildIfStale } from "../scripts/lib/build.ts";

const CONNECTIONS = 16;
const SECONDS = 10;
const WARM_UP_SECONDS = 3;
const TARGETS = { ratio: 0.5, vendorP99: 100, trackingP99: 150 };

type Measured = { rps: number; p50_ms: number; p99_ms: number; requests: number; non_2xx: number; errors: number; timeouts: number };

export async function pages(args: string[]): Promise<boolean> {
  const flags = parseFlags("pages", args, ["--postgres"]);
  const kind: DatabaseKind = flags["--postgres"] ? "postgresql" : "pglite";
  if ((await buildIfStale()) !== 0) throw new SetupError("the production build failed (see above)");

  let db: ScratchDatabase | undefined;
  let server: BenchServer | undefined;
  try {
    db = await createScratchDatabase(kind);
    pointProcessAt(db);
    const seeded = await seed();
    server = await startBenchServer(db.env);
    return await measure(server, seeded, db.kind);
  } finally {
    await server?.stop();
    await db?.dispose();
  }
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

async function load(url: string, cookie: string | undefined, seconds: number): Promise<Measured> {
  const result: Result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: cookie ? { cookie } : {}, timeout: 30 });
  return {
    rps: Math.round(result.requests.average),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    requests: result.latency.totalCount ?? result.requests.total,
    non_2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

async function measure(server: BenchServer, seeded: Seeded, kind: DatabaseKind): Promise<boolean> {
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

  const runs: Array<[keyof typeof results, string, string | undefined]> = [
    ["bare", urls.bare, undefined],
    ["empty_page", urls.floor, undefined],
    ["vendor_notice", urls.vendor(big.id), vendor.cookie],
    ["tracking_matrix", urls.tracking(big.id), maintainer.cookie],
  ];
  const results = {} as Record<"bare" | "empty_page" | "vendor_notice" | "tracking_matrix", Measured>;
  for (const [name, url, cookie] of runs) {
    process.stdout.write(`[bench] ${name}: warming up ${WARM_UP_SECONDS} s, measuring ${SECONDS} s at ${CONNECTIONS} connections…\n`);
    await load(url, cookie, WARM_UP_SECONDS);
    results[name] = await load(url, cookie, SECONDS);
  }
  const { bare, empty_page: floor, vendor_notice: b, tracking_matrix: c } = results;
  const toBare = (m: Measured) => (bare.rps > 0 ? Math.round((m.rps / bare.rps) * 100) / 100 : 0);
  const ratio = toBare(b);
  const failures = (m: Measured) => m.non_2xx + m.errors + m.timeouts;

  const targets = {
    ratio: { ok: ratio >= TARGETS.ratio, rule: `≥ ${TARGETS.ratio}` },
    // A run in which no request finished has no latency to speak of (autocannon reports 0): that is a failure.
    vendorP99: { ok: b.requests > 0 && b.p99_ms < TARGETS.vendorP99, rule: `< ${TARGETS.vendorP99} ms` },
    trackingP99: { ok: c.requests > 0 && c.p99_ms < TARGETS.trackingP99, rule: `< ${TARGETS.trackingP99} ms` },
    vendorQueries: { ok: queries.vendor === queries.vendorSmall, rule: "same for 1,000 and 3 organisations" },
    trackingQueries: { ok: queries.tracking === queries.trackingSmall, rule: "same for 1,000 and 3 organisations" },
    answers: { ok: [bare, floor, b, c].every((m) => m.requests > 0 && failures(m) === 0), rule: "all 2xx, no errors or timeouts" },
  };
  const line = (m: Measured) => `${m.rps} req/s · p50 ${m.p50_ms} ms · p99 ${m.p99_ms} ms`;
  const rows: Row[] = [
    ["(a) bare route handler", line(bare)],
    ["    empty page, nothing read", line(floor)],
    ["    empty page / a: the best b/a a page can reach", toBare(floor)],
    ["(b) vendor notice", line(b)],
    ["    b/a", ratio, targets.ratio],
    ["    b p99 (ms)", b.p99_ms, targets.vendorP99],
    ["    SQL per view (1,000 / 3 orgs)", `${queries.vendor} / ${queries.vendorSmall}`, targets.vendorQueries],
    ["(c) tracking matrix, 1,000 orgs", line(c)],
    ["    c p99 (ms)", c.p99_ms, targets.trackingP99],
    ["    SQL per view (1,000 / 3 orgs)", `${queries.tracking} / ${queries.trackingSmall}`, targets.trackingQueries],
    ["non-2xx / errors / timeouts", [bare, floor, b, c].map((m) => `${m.non_2xx}/${m.errors}/${m.timeouts}`).join("  "), targets.answers],
    ["requests measured (a, empty, b, c)", [bare, floor, b, c].map((m) => m.requests).join(" / ")],
    ["database", kind],
  ];
  printTable(`pages — production build, ${CONNECTIONS} connections × ${SECONDS} s each (${kind}, node ${process.version})`, rows);
  const result = {
    bare,
    empty_page: { ...floor, ratio_to_bare: toBare(floor) },
    vendor_notice: { ...b, queries: queries.vendor, queries_3_organisations: queries.vendorSmall },
    tracking_matrix: { ...c, queries: queries.tracking, queries_3_organisations: queries.trackingSmall },
    ratio_b_a: ratio,
    connections: CONNECTIONS,
    seconds: SECONDS,
    organisations: big.organisations,
    database: kind,
    node: process.version,
  };
  console.log(`Wrote ${await writeResult("pages", result)}`);
  return Object.values(targets).every((t) => t.ok);
}
