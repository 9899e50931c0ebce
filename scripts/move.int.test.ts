// `npm run db:move` through the real script: an embedded instance (organisations, a notice with a binary attachment,
// audit events, a queued job, a session, the instance secret) moves to a new PostgreSQL database and arrives whole
// and usable; the source's files are byte-identical afterwards; a second move without --force and a move while the
// portal holds the directory are refused; and the PostgreSQL instance moves back into a new embedded directory.
// (The fixture adds a report entered by hand, whose email to the reporter waits in the outbox with its send job.)
import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runScript } from "@/test/cli";
import { alter, createInstance, seed, snapshot, withInstance, type Instance } from "@/test/backup-instance";
import { createDatabase, dropDatabase, urlFor } from "@/test/postgres";
import { closePglite, openPglite } from "@/lib/server/db/pglite";
import { pgliteConfig } from "@/lib/server/db/config";
import { getJobEngine } from "@/lib/jobs/engine";
import type { Db } from "@/lib/server/db/client";
import { createReportByHand } from "@/lib/reports/data";
import { HandReportSchema } from "@/lib/reports/queue-schemas";
import { maintainer } from "@/test/viewers";

const SECRET = "generated-secret-of-the-embedded-instance";
const SESSION = "session-token-that-must-survive-the-move";

/** sha256 over every file of a directory (names and bytes): equal before and after means untouched. */
async function treeDigest(dir: string): Promise<string> {
  const hash = createHash("sha256");
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
  for (const file of files) hash.update(path.relative(dir, file)).update("\0").update(await readFile(file)).update("\0");
  expect(files.length).toBeGreaterThan(10);
  return hash.digest("hex");
}

/** What the moved instance's data layer reads: a session with its user, a queued job, the snapshot of test/backup-instance. */
async function contents(client: Db) {
  return {
    ...(await snapshot(client)),
    session: await client.session.findUnique({ where: { sessionToken: SESSION }, select: { expires: true, user: { select: { email: true, role: true } } } }),
    signInLinks: await client.verificationToken.count(),
    reports: await client.report.findMany({ select: { reference: true, summary: true, reporter: { select: { email: true } } } }),
    outbox: await client.outboxEmail.findMany({ select: { toAddress: true, subject: true, status: true, textBody: true } }),
    queued: await client.$queryRawUnsafe<Array<{ name: string; state: string; data: unknown }>>(`SELECT name, state::text, data FROM pgboss.job WHERE name = 'notice.remind' AND state = 'created' ORDER BY name`),
  };
}

describe.skipIf(!inject("pgAvailable"))("npm run db:move", { timeout: 600_000 }, () => {
  let work: string;
  let source: Instance;
  let seeded: Awaited<ReturnType<typeof contents>>;
  const database = `forewarn_t_${inject("runId")}_fw_move_${process.pid}`;
  const target: Instance = { kind: "postgresql", dataDir: "", env: { DATABASE_URL: urlFor(database) }, dispose: () => dropDatabase(database) };
  const move = (args: string[], env = source.env) => runScript("scripts/move.ts", args, env, 300_000);

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "forewarn-move-test-"));
    source = await createInstance("pglite", work);
    target.dataDir = path.join(work, "unused");
    await writeFile(path.join(source.dataDir, "instance-secret"), SECRET + "\n", { mode: 0o600 });
    await withInstance(source, async (client) => {
      await seed(client);
      const user = await client.user.findUniqueOrThrow({ where: { email: "m@project.example" } });
      await client.session.create({ data: { sessionToken: SESSION, userId: user.id, expires: new Date(Date.now() + 3_600_000), absoluteExpiresAt: new Date(Date.now() + 86_400_000) } });
      await client.verificationToken.create({ data: { identifier: "m@project.example", token: "hashed-link-token", expires: new Date(Date.now() + 600_000) } });
      await (await getJobEngine()).send("notice.remind", { note: "queued before the move" }, { startAfter: 3_600 });
      const report = { reporterName: "Eve Mailer", email: "eve@mail.example", summary: "XSS in the admin panel", details: "Found while testing.", creditKind: "NAME", creditText: "" };
      await createReportByHand(maintainer(user), HandReportSchema.parse(report), { ip: "192.0.2.81", userAgent: "vitest" });
      seeded = await contents(client);
    });
    await createDatabase(database);
  }, 300_000);
  afterAll(async () => {
    await target.dispose();
    await rm(work, { recursive: true, force: true });
  });

  it("seeds what the move must carry", () => {
    // Guards the comparisons below: a snapshot that saw nothing would make them pass.
    expect(seeded.organisations.map((o) => o.name)).toEqual(["Acme", "Globex"]);
    expect(seeded.attachments).toHaveLength(1);
    expect(seeded.audit.chain).toEqual({ ok: true, checked: seeded.audit.events.length });
    expect(seeded.audit.events.length).toBeGreaterThanOrEqual(4);
    expect(seeded.queues?.length).toBeGreaterThan(0);
    expect(seeded.queued).toHaveLength(1);
    expect(seeded.session?.user.email).toBe("m@project.example");
    expect(seeded.reports).toEqual([expect.objectContaining({ summary: "XSS in the admin panel", reporter: { email: "eve@mail.example" } })]);
    expect(seeded.outbox).toEqual([expect.objectContaining({ toAddress: "eve@mail.example", status: "QUEUED", textBody: expect.any(String) })]);
  });

  it("refuses while the portal holds the data directory, and changes nothing", async () => {
    const config = pgliteConfig(source.dataDir);
    await openPglite(config); // what a running portal does
    try {
      const refused = await move([target.env.DATABASE_URL!]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/✖ Cannot move\.\n\s+The embedded database in .* is in use by another Forewarn process .*Stop the portal first.*Nothing was changed\./);
    } finally {
      await closePglite(config.pgliteDir);
    }
    const tables = await withInstance(target, (client) => client.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM pg_tables WHERE schemaname IN ('public', 'pgboss')`));
    expect(tables).toEqual([]);
  });

  it("moves every row to an empty PostgreSQL database, verifies it, and leaves the source untouched", async () => {
    const before = await treeDigest(path.join(source.dataDir, "pglite"));
    const secretOut = path.join(work, "secret-for-the-cluster");
    const moved = await move([target.env.DATABASE_URL!, "--secret-file", secretOut]);
    expect(moved.stderr).toBe("");
    expect(moved.code).toBe(0);
    expect(moved.stdout).toMatch(/Moved the embedded database in .* to the PostgreSQL database postgres:\/\//);
    expect(moved.stdout).toMatch(new RegExp(`Verified: \\d+ tables, \\d+ rows, identical row by row; the audit chain verifies \\(${seeded.audit.events.length} events\\)`));
    expect(moved.stdout).toMatch(/schema pgboss: .*job_common 2\b/);
    expect(moved.stdout).not.toContain(SECRET);
    expect(await readFile(secretOut, "utf8")).toBe(SECRET + "\n");
    expect((await stat(secretOut)).mode & 0o777).toBe(0o600);

    expect(await treeDigest(path.join(source.dataDir, "pglite"))).toBe(before);
    expect(existsSync(`${pgliteConfig(source.dataDir).lockPath}`)).toBe(false); // the lock was given back

    const arrived = await withInstance(target, contents);
    expect(arrived).toEqual(seeded); // ids, notice, attachment bytes (sha256), audit events with hashes, queues, session, job
    expect(arrived.attachments[0]!.bytesSha256).toBe(seeded.attachments[0]!.sha256);
  });

  it("is usable: the sequences moved too, so the next audit event extends the chain", async () => {
    await withInstance(target, alter);
    expect((await withInstance(target, snapshot)).audit.chain).toEqual({ ok: true, checked: seeded.audit.events.length + 1 });
  });

  it("refuses a second move into the same database without --force, saying what is there", async () => {
    const before = await withInstance(target, snapshot);
    const refused = await move([target.env.DATABASE_URL!]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/The PostgreSQL database postgres:\/\/.* is not empty \(.*schema public: .*Organisation 3.*\)\. Nothing was changed\. To replace everything it holds with the moved instance, run: npm run db:move -- .* --force/);
    expect(await withInstance(target, snapshot)).toEqual(before);
  });

  it("with --force replaces what the target holds by the embedded instance", async () => {
    const moved = await move([target.env.DATABASE_URL!, "--force"]);
    expect(moved.stderr).toBe("");
    expect(moved.code).toBe(0);
    // Without --secret-file: where the secret is and how to pass it on, never the secret itself.
    expect(moved.stdout).toMatch(/needs the instance secret as NEXTAUTH_SECRET .* It is in .*instance-secret; it was not printed\./);
    expect(moved.stdout).not.toContain(SECRET);
    expect(await withInstance(target, contents)).toEqual(seeded);
  });

  it("moves back from PostgreSQL into a new embedded directory, with the instance secret", async () => {
    const back = path.join(work, "back");
    const env = { DATABASE_URL: target.env.DATABASE_URL, NEXTAUTH_SECRET: SECRET, FOREWARN_DATA_DIR: undefined };
    const moved = await move([back], env);
    expect(moved.stderr).toBe("");
    expect(moved.code).toBe(0);
    expect(moved.stdout).toMatch(/Moved the PostgreSQL database .* to the embedded database in .*back/);
    expect(await readFile(path.join(back, "instance-secret"), "utf8")).toBe(SECRET + "\n");
    const embedded: Instance = { kind: "pglite", dataDir: back, env: { FOREWARN_DATA_DIR: back }, dispose: async () => undefined };
    const returned = await withInstance(embedded, contents);
    expect(returned).toEqual(seeded);
  });
});
