// Issue 4: one notice fanned out to 3,000 contacts (1,000 organisations × 3 members) through the real outbox, the
// real pg-boss workers and the real Resend SDK, against the fake Resend with a realistic 20 ms answer time and the
// send rate limit lifted — so what is measured is Forewarn's own overhead, not Resend's 2 calls/second.
// Issue 15: then a notice sent by the real sendNotice to 10,000 organisations (30,000 contacts), quiet and again beside
// a CPU hog (one spinning child process per core), and to 1 organisation; every Prisma interactive transaction of this
// process (the send's freeze, its chunks, the workers' batches) is timed from the moment it is open (its callback
// starts, after BEGIN) to the moment it has committed (./transaction-timer.ts); on PostgreSQL the server's own view,
// pg_stat_activity's xact_start, is sampled beside it for every transaction of the database (pg-boss's included).
// Without --pglite or --postgres both databases run, each in a process of its own, and fanout.json holds both.
import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { QueuedEmail } from "@/lib/mail/data";
import { startFakeResend, type FakeResend } from "../test/fake-resend.ts";
import { createScratchDatabase, pointProcessAt, type DatabaseKind, type ScratchDatabase } from "./scratch-database.ts";
import { printTable, sampleRss, writeResult, type Row } from "./report.ts";
import { startCpuHog, timeTransactions, watchPostgresTransactions, type TransactionTimes } from "./transaction-timer.ts";
import { parseFlags } from "./cli.ts";
import { measureNotifications } from "./fanout-notifications.ts";

/** The issue-4 fan-out: the first 1,000 of the seeded organisations, through queueEmails. */
const ORGANISATIONS = 1_000;
/** The issue-15 send: every seeded organisation (BENCH_FANOUT_ORGANISATIONS for a quicker trial). */
const SEND_ORGANISATIONS = Number(process.env.BENCH_FANOUT_ORGANISATIONS ?? 10_000);
const MEMBERS_PER_ORGANISATION = 3;
const SUBJECT = "[EMBARGOED] FW-2026-0001 advance notice";
const TEXT = [
  "This is an advance notice under embargo. Do not share it outside your security team.",
  "",
  "Advisory: FW-2026-0001 (heap overflow in the archive parser, CVSS 8.1)",
  "Public disclosure: 2026-03-03 14:00 UTC",
  "Fixed in: 4.2.7 and 3.9.12. Patches are attached to the notice in the portal.",
  "",
  "Sign in to the portal to read the full notice and acknowledge it.",
].join("\n");
/** Long enough for every batch to be sent a few times over on a slow machine; then the run fails instead of hanging. */
const TIMEOUT_MS = 120_000;
const TARGETS = { apiCalls: 30, wallMs: 10_000 };
/** Issue 15: no database transaction longer than a second; ≤ 1 provider call per 100 emails. */
const SEND_TARGETS = { longestTransactionMs: 1_000 };
/** The big send must be fully delivered within this, or the run fails instead of hanging. */
const SEND_TIMEOUT_MS = 900_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function fanout(args: string[]): Promise<boolean> {
  const flags = parseFlags("fanout", args, ["--postgres", "--pglite", "--no-hog", "--sends-only", "--notifications-only"]);
  if (!flags["--postgres"] && !flags["--pglite"]) return bothDatabases((["--no-hog", "--sends-only", "--notifications-only"] as const).filter((f) => flags[f]));
  const kind: DatabaseKind = flags["--postgres"] ? "postgresql" : "pglite";
  hogRun = !flags["--no-hog"];
  sendsOnly = flags["--sends-only"] || flags["--notifications-only"];
  notificationsOnly = flags["--notifications-only"];

  const fake = await startFakeResend({ latencyMs: 20 });
  let db: ScratchDatabase | undefined;
  try {
    db = await createScratchDatabase(kind);
    pointProcessAt(db);
    // Set before lib code is imported: its settings are read once, on first use.
    Object.assign(process.env, { RESEND_API_KEY: "re_bench", RESEND_BASE_URL: fake.url, FOREWARN_MAIL_RATE_PER_SECOND: "0" });
    // The app's own worker settings (FOREWARN_WORKER_CONCURRENCY, default 2) unless the caller sets them.
    return await measure(fake, db);
  } finally {
    await fake.close();
    await db?.dispose();
  }
}

let hogRun = true;
/** --notifications-only: only the issue-15 whole-list notifications (./fanout-notifications.ts), not the sends. */
let notificationsOnly = false;
/** --sends-only: the issue-15 sends without the issue-4 fan-out before them (its 3,000 emails in one transaction). */
let sendsOnly = false;

/** Each database in a process of its own (lib code opens its database once per process); fanout.json holds both. */
async function bothDatabases(extra: string[]): Promise<boolean> {
  const results: Record<string, Record<string, unknown>> = {};
  let ok = true;
  for (const kind of ["pglite", "postgresql"] as const) {
    const child = spawnSync(process.execPath, [...process.execArgv, path.join(import.meta.dirname, "run.ts"), "fanout", kind === "pglite" ? "--pglite" : "--postgres", ...extra], { stdio: "inherit" });
    if (child.status !== 0) ok = false;
    const file = path.join(import.meta.dirname, "results", `fanout-${kind}.json`);
    results[kind] = JSON.parse(await readFile(file, "utf8").catch(() => "{}")) as Record<string, unknown>;
  }
  const longest = Math.max(...Object.values(results).map((r) => Number(r.longest_transaction_ms ?? Number.POSITIVE_INFINITY)));
  // The top-level fields are PGlite's (the default database), as before; both databases are under `databases`.
  const combined = { ...results.pglite, longest_transaction_ms: longest, databases: results };
  console.log(`Wrote ${await writeResult("fanout", combined)}`);
  return ok;
}

async function measure(fake: FakeResend, db: ScratchDatabase): Promise<boolean> {
  // The bench seeds and polls the database directly, as prisma/seed.ts does: it stands outside the app.
  const { getDb, getDatabaseConfig } = await import("@/lib/server/db/client");
  const { closePglite } = await import("@/lib/server/db/pglite");
  const { queueEmails } = await import("@/lib/mail/data");
  const { startAllWorkers } = await import("@/lib/composition/job-handlers");
  const { stopJobEngine } = await import("@/lib/jobs/engine");
  const { getConfig } = await import("@/lib/server/config");
  const prisma = getDb();
  const times = timeTransactions(prisma);
  const watch = db.kind === "postgresql" ? await watchPostgresTransactions(db.env.DATABASE_URL!) : null;
  try {
    const emails = await seed(prisma);

    // The app's workers are running before anyone sends a notice: their start-up is reported, not timed.
    const engineStart = performance.now();
    await startAllWorkers();
    const engineStartMs = Math.round(performance.now() - engineStart);

    if (sendsOnly) {
      const sends = await measureSends(fake, times, watch);
      console.log(`Wrote ${await writeResult(`fanout-${db.kind}`, { ...sends.fields, database: db.kind, concurrency: getConfig().jobs.concurrency, node: process.version, sends_only: true })}`);
      return sends.ok;
    }
    const rssBeforeMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
    const rss = sampleRss(50);
    const start = performance.now();
    await queueEmails({ purpose: "bench.fanout", label: "Bench fan-out", emails });
    const queuedMs = Math.round(performance.now() - start);
    while ((await prisma.outboxEmail.count({ where: { status: "QUEUED" } })) > 0) {
      if (performance.now() - start > TIMEOUT_MS) break;
      await sleep(25);
    }
    const wallMs = Math.round(performance.now() - start);
    const peakRssMb = rss.stop();

    const [queued, sent, failed] = await Promise.all(
      (["QUEUED", "SENT", "FAILED"] as const).map((status) => prisma.outboxEmail.count({ where: { status } })),
    );
    // The issue-4 figures are read before the issue-15 sends add their own calls and messages.
    const [apiCalls, received, duplicates] = [fake.calls, fake.messages.length, fake.duplicates().length];
    const sends = await measureSends(fake, times, watch);
    const result = {
      ...sends.fields,
      contacts: emails.length,
      api_calls: apiCalls,
      wall_ms: wallMs,
      duplicates,
      peak_rss_mb: peakRssMb,
      // Extra keys: enough to tell what a figure was measured on.
      sent_rows: sent,
      failed_rows: failed,
      queued_rows: queued,
      messages_received: received,
      queue_ms: queuedMs,
      rss_before_mb: rssBeforeMb,
      engine_start_ms: engineStartMs,
      database: db.kind,
      concurrency: getConfig().jobs.concurrency,
      node: process.version,
    };
    const targets = {
      apiCalls: { ok: result.api_calls <= TARGETS.apiCalls, rule: `≤ ${TARGETS.apiCalls}` },
      wallMs: { ok: result.wall_ms < TARGETS.wallMs, rule: `< ${TARGETS.wallMs}` },
      duplicates: { ok: result.duplicates === 0, rule: "== 0" },
      // Not a target of the issue, but a fast run that lost emails is no success.
      complete: { ok: queued === 0 && failed === 0 && received === emails.length, rule: "all sent" },
    };
    printTable(`fanout — 1 notice to ${emails.length} contacts (${db.kind}, concurrency ${result.concurrency}, fake Resend 20 ms)`, [
      ["contacts", result.contacts],
      ["api_calls", result.api_calls, targets.apiCalls],
      ["wall_ms", result.wall_ms, targets.wallMs],
      ["  of which queueEmails", result.queue_ms],
      ["duplicates", result.duplicates, targets.duplicates],
      ["peak_rss_mb", result.peak_rss_mb],
      ["  rss before queueEmails", result.rss_before_mb],
      ["sent / failed / queued", `${sent} / ${failed} / ${queued}`, targets.complete],
      ["engine start (untimed)", `${engineStartMs} ms`],
      ["database", db.kind],
      ["concurrency", result.concurrency],
    ]);
    console.log(`Wrote ${await writeResult(`fanout-${db.kind}`, result)}`);
    return Object.values(targets).every((t) => t.ok) && sends.ok;
  } finally {
    await watch?.stop();
    // Everything this process opened is closed, so it exits on its own (a lingering handle shows up as a hang).
    await stopJobEngine(5_000);
    await prisma.$disconnect();
    const config = getDatabaseConfig();
    if (config.kind === "pglite") await closePglite(config.pgliteDir);
  }
}

type Prisma = Awaited<ReturnType<typeof import("@/lib/server/db/client").getDb>>;

/**
 * SEND_ORGANISATIONS organisations with 3 active members each, written by SQL (seconds, not minutes); the issue-4
 * fan-out mails the members of the first 1,000. Not timed: a real directory already exists.
 */
async function seed(prisma: Prisma): Promise<QueuedEmail[]> {
  const n = Math.max(SEND_ORGANISATIONS, ORGANISATIONS);
  await prisma.$executeRaw`
    INSERT INTO "Organisation" (id, name, status, "updatedAt")
    SELECT 'bench-org-' || lpad(g::text, 5, '0'), 'Bench Distributor ' || lpad(g::text, 5, '0'), 'ACTIVE', now() FROM generate_series(1, ${n}::int) g`;
  await prisma.$executeRaw`
    INSERT INTO "User" (id, email, role, status, "updatedAt")
    SELECT 'bench-user-' || g || '-' || m, 'member' || m || '@distributor' || g || '.bench.example', 'VENDOR', 'ACTIVE', now()
    FROM generate_series(1, ${n}::int) g, generate_series(1, ${MEMBERS_PER_ORGANISATION}::int) m`;
  await prisma.$executeRaw`
    INSERT INTO "Membership" (id, "userId", "organisationId", "updatedAt")
    SELECT 'bench-membership-' || g || '-' || m, 'bench-user-' || g || '-' || m, 'bench-org-' || lpad(g::text, 5, '0'), now()
    FROM generate_series(1, ${n}::int) g, generate_series(1, ${MEMBERS_PER_ORGANISATION}::int) m`;
  await prisma.$executeRawUnsafe("ANALYZE");
  return Array.from({ length: ORGANISATIONS }, (_, i) =>
    Array.from({ length: MEMBERS_PER_ORGANISATION }, (_, m) => ({
      to: `member${m + 1}@distributor${i + 1}.bench.example`,
      subject: SUBJECT,
      text: TEXT,
      organisationId: `bench-org-${String(i + 1).padStart(5, "0")}`,
    })),
  ).flat();
}

type SendFigures = {
  organisations: number;
  contacts: number;
  send_ms: number;
  wall_ms: number;
  api_calls: number;
  messages_received: number;
  duplicates: number;
  recipients: number;
  outbox_emails: number;
  longest_transaction_ms: number;
  longest_transaction_at: string;
  transactions: number;
  longest_transaction_seen_by_postgresql_ms: number | null;
  emails_at_return: number;
  cpu_hog_processes: number;
};

/**
 * Issue 15: the real sendNotice, to every seeded organisation (quiet, then beside a CPU hog unless --no-hog) and to
 * one, each until every email of it reached the fake Resend; then the other whole-list notifications
 * (./fanout-notifications.ts; alone with --notifications-only).
 */
async function measureSends(fake: FakeResend, times: TransactionTimes, watch: Awaited<ReturnType<typeof watchPostgresTransactions>> | null): Promise<{ ok: boolean; fields: Record<string, unknown> }> {
  const { getDb } = await import("@/lib/server/db/client");
  const { createNoticeDraft, sendNotice } = await import("@/lib/notices/data");
  const { NoticeDraftSchema } = await import("@/lib/notices/schemas");
  const { maintainer } = await import("../test/viewers.ts");
  const prisma = getDb();
  const m = maintainer(await prisma.user.create({ data: { email: "bench-maintainer@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
  const request = { ip: "192.0.2.1", userAgent: "bench" };
  const inDays = (d: number) => new Date(Date.now() + d * 24 * 3_600_000).toISOString();

  async function send(label: string, opts: { organisationIds?: string[]; hog?: boolean }): Promise<SendFigures> {
    const draft = NoticeDraftSchema.parse({
      title: `Bench notice ${label}`,
      summary: "A crafted header overflows.",
      disclosureAt: inDays(5),
      ...(opts.organisationIds ? { audience: "SELECTED", organisationIds: opts.organisationIds } : {}),
    });
    const { id } = await createNoticeDraft(m, draft, request);
    const [calls, received] = [fake.calls, fake.messages.length];
    times.reset();
    watch?.reset();
    const hog = opts.hog ? startCpuHog() : null;
    try {
      const start = performance.now();
      const sent = await sendNotice(m, { noticeId: id, overrideReason: null }, request);
      const sendMs = Math.round(performance.now() - start);
      const emailsAtReturn = await prisma.outboxEmail.count({ where: { dispatch: { topic: `notice:${id}` } } });
      for (;;) {
        const [plan] = await prisma.noticeSend.findMany({ where: { noticeId: id }, select: { finishedAt: true, dispatchId: true } });
        const queued = plan ? await prisma.outboxEmail.count({ where: { dispatchId: plan.dispatchId, status: "QUEUED" } }) : 1;
        if (plan?.finishedAt && queued === 0) break;
        if (performance.now() - start > SEND_TIMEOUT_MS) break;
        await sleep(100);
      }
      const wallMs = Math.round(performance.now() - start);
      const subject = (await prisma.outboxEmail.findFirst({ where: { dispatch: { topic: `notice:${id}` } }, select: { subject: true } }))?.subject;
      const mine = fake.messages.slice(received).filter((e) => e.subject === subject);
      const perAddress = new Map<string, number>();
      for (const e of mine) for (const to of e.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
      return {
        organisations: sent.organisations,
        contacts: await prisma.outboxEmail.count({ where: { dispatch: { topic: `notice:${id}` } } }),
        send_ms: sendMs,
        wall_ms: wallMs,
        api_calls: fake.calls - calls,
        messages_received: mine.length,
        duplicates: [...perAddress.values()].filter((c) => c > 1).length,
        recipients: await prisma.noticeRecipient.count({ where: { noticeId: id } }),
        outbox_emails: await prisma.outboxEmail.count({ where: { dispatch: { topic: `notice:${id}` }, status: { in: ["SENT", "DELIVERED"] } } }),
        longest_transaction_ms: times.longest(),
        longest_transaction_at: times.longestAt(),
        transactions: times.count(),
        longest_transaction_seen_by_postgresql_ms: watch ? watch.longest() : null,
        emails_at_return: emailsAtReturn,
        cpu_hog_processes: hog?.processes ?? 0,
      };
    } finally {
      hog?.stop();
    }
  }

  const contacts = SEND_ORGANISATIONS * MEMBERS_PER_ORGANISATION;
  const notifying = () => measureNotifications(fake, times, watch, { organisations: SEND_ORGANISATIONS, contacts, hog: hogRun, timeoutMs: SEND_TIMEOUT_MS });
  if (notificationsOnly) {
    const notified = await notifying();
    return { ok: notified.ok, fields: { organisations: SEND_ORGANISATIONS, notifications: notified.fields } };
  }
  const quiet = await send("10k", {});
  const hog = hogRun ? await send("10k-hog", { hog: true }) : null;
  const one = await send("1", { organisationIds: ["bench-org-00001"] });
  const notified = await notifying();
  const check = (f: SendFigures, expected: { organisations: number; contacts: number }) => ({
    complete: { ok: f.recipients === expected.organisations && f.outbox_emails === expected.contacts && f.messages_received === expected.contacts, rule: `${expected.organisations} recipients, ${expected.contacts} sent` },
    apiCalls: { ok: f.api_calls <= Math.ceil(expected.contacts / 100), rule: `≤ ${Math.ceil(expected.contacts / 100)}` },
    duplicates: { ok: f.duplicates === 0, rule: "== 0" },
    longest: { ok: f.longest_transaction_ms <= SEND_TARGETS.longestTransactionMs, rule: `≤ ${SEND_TARGETS.longestTransactionMs}` },
  });
  const verdicts = [
    { label: `send to ${SEND_ORGANISATIONS} organisations`, f: quiet, t: check(quiet, { organisations: SEND_ORGANISATIONS, contacts }) },
    ...(hog ? [{ label: `send to ${SEND_ORGANISATIONS} organisations beside a CPU hog (${hog.cpu_hog_processes} spinning processes)`, f: hog, t: check(hog, { organisations: SEND_ORGANISATIONS, contacts }) }] : []),
    { label: "send to 1 organisation", f: one, t: { ...check(one, { organisations: 1, contacts: MEMBERS_PER_ORGANISATION }), atReturn: { ok: one.emails_at_return === MEMBERS_PER_ORGANISATION, rule: "all queued when send returns" } } },
  ];
  for (const { label, f, t } of verdicts) {
    const rows: Row[] = [
      ["organisations / recipients", `${f.organisations} / ${f.recipients}`],
      ["contacts sent / received", `${f.outbox_emails} / ${f.messages_received}`, t.complete],
      ["api_calls", f.api_calls, t.apiCalls],
      ["duplicates", f.duplicates, t.duplicates],
      ["longest_transaction_ms", f.longest_transaction_ms, t.longest],
      ["  transactions timed", f.transactions],
      ["  the longest opened at", f.longest_transaction_at.replace(/^at /, "").replace(`file://${process.cwd()}/`, "").slice(0, 100)],
      ["  longest seen by PostgreSQL (sampled)", f.longest_transaction_seen_by_postgresql_ms ?? "n/a"],
      ["sendNotice returned after (ms)", f.send_ms],
      ["  emails queued when it returned", f.emails_at_return, "atReturn" in t ? t.atReturn : undefined],
      ["wall_ms (until every email was sent)", f.wall_ms],
    ];
    printTable(`fanout — ${label}`, rows.map((r) => (r[2] === undefined ? [r[0], r[1]] : r)) as Row[]);
  }
  const all = [quiet, ...(hog ? [hog] : []), one];
  return {
    ok: verdicts.every((v) => Object.values(v.t).every((t) => t.ok)) && notified.ok,
    fields: {
      organisations: SEND_ORGANISATIONS,
      longest_transaction_ms: Math.max(...all.map((f) => f.longest_transaction_ms)),
      send: quiet,
      send_beside_cpu_hog: hog,
      send_to_one: one,
      notifications: notified.fields,
    },
  };
}
