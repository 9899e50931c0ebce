// `npm run backup` / `npm run restore` on both databases, through the real scripts: the whole instance comes back
// (rows, the attachment byte for byte, a verifying audit chain, pg-boss's queues, the instance secret), a restore
// over data needs --force, a damaged file changes nothing, and a PGlite directory the portal holds is left alone.
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, stat, truncate, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runScript } from "@/test/cli";
import { alter, createInstance, seed, snapshot, wipe, withInstance, type Instance } from "@/test/backup-instance";
import { DATABASE_KINDS } from "@/test/db";
import { closePglite, openPglite } from "@/lib/server/db/pglite";
import { pgliteConfig } from "@/lib/server/db/config";

const SECRET = "generated-secret-of-the-source-instance";

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "forewarn-backup-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const output = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;

function expectRefusal(result: { code: number | null; stdout: string; stderr: string }, message: RegExp) {
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/✖ Cannot (restore|back up)\./);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // a message, not a stack trace
}

for (const kind of DATABASE_KINDS) {
  const available = kind === "pglite" || inject("pgAvailable");
  describe.skipIf(!available)(`backup and restore [${kind}]`, { timeout: 180_000 }, () => {
    let instance: Instance;
    let file: string;
    let seeded: Awaited<ReturnType<typeof snapshot>>;
    const backup = (args: string[]) => runScript("scripts/backup.ts", args, instance.env, 120_000);
    const restore = (args: string[]) => runScript("scripts/restore.ts", args, instance.env, 120_000);
    const current = () => withInstance(instance, snapshot);

    beforeAll(async () => {
      instance = await createInstance(kind, work);
      await mkdir(instance.dataDir, { recursive: true });
      await writeFile(path.join(instance.dataDir, "instance-secret"), SECRET + "\n", { mode: 0o600 });
      await withInstance(instance, seed);
      seeded = await current();
      file = path.join(work, `${kind}.fwbackup`);
      const made = await backup([file]);
      expect(output(made)).toMatch(/Backed up/);
      expect(made.code).toBe(0);
      expect(made.stdout).toMatch(/instance secret.*mode 600/);
    }, 180_000);
    afterAll(async () => {
      await instance?.dispose();
    });

    it("seeds what the restore must bring back", () => {
      // Guards the other tests: a snapshot that saw nothing would make every comparison pass.
      expect(seeded.organisations.map((o) => o.name)).toEqual(["Acme", "Globex"]);
      expect(seeded.attachments).toHaveLength(1);
      expect(seeded.attachments[0]!.bytesSha256).toBe(seeded.attachments[0]!.sha256);
      expect(seeded.audit.events.length).toBeGreaterThanOrEqual(4);
      expect(seeded.audit.chain).toEqual({ ok: true, checked: seeded.audit.events.length });
      expect(seeded.queues?.length).toBeGreaterThan(0);
    });

    it("writes the backup readable by its owner only, and never over an existing file", async () => {
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await readFile(file)).includes(Buffer.from(SECRET))).toBe(true);
      const before = await readFile(file);
      const again = await backup([file]);
      expectRefusal(again, /already exists; choose another file name/);
      expect((await readFile(file)).equals(before)).toBe(true);
    });

    it("refuses to replace data without --force, says what would go, and changes nothing", async () => {
      await withInstance(instance, alter);
      await writeFile(path.join(instance.dataDir, "instance-secret"), "a-different-secret\n");
      const altered = await current();
      expect(altered).not.toEqual(seeded);

      const refused = await restore([file]);
      expectRefusal(refused, /is not empty\. Restoring .* would replace:/);
      expect(refused.stderr).toMatch(/schema public: \d+ tables, \d+ rows \(.*Organisation 3/);
      expect(refused.stderr).toMatch(/the instance secret in .*instance-secret \(differs from the backup's\)/);
      expect(refused.stderr).toMatch(/Nothing was changed\. To replace it, run: npm run restore -- .* --force/);
      expect(await current()).toEqual(altered);
      expect(await readFile(path.join(instance.dataDir, "instance-secret"), "utf8")).toBe("a-different-secret\n");
    });

    it("with --force brings back the whole instance, and npm start has no migration left to apply", async () => {
      const restored = await restore([file, "--force"]);
      expect(output(restored)).toMatch(/Restored .* into /);
      expect(restored.code).toBe(0);
      const now = await current();
      expect(now).toEqual(seeded); // organisations, notice, attachment bytes, audit events with their hashes, queues
      expect(now.audit.chain).toEqual({ ok: true, checked: seeded.audit.events.length });
      expect(await readFile(path.join(instance.dataDir, "instance-secret"), "utf8")).toBe(SECRET + "\n");
      expect((await stat(path.join(instance.dataDir, "instance-secret"))).mode & 0o777).toBe(0o600);

      const migrate = await runScript("scripts/migrate.ts", [], instance.env, 120_000);
      expect(migrate.stdout).toMatch(/No pending migrations/);
      expect(migrate.code).toBe(0);
      // Usable, not just readable: the sequences came back too, so the next audit event extends the chain.
      await withInstance(instance, alter);
      expect((await current()).audit.chain).toEqual({ ok: true, checked: seeded.audit.events.length + 1 });
    });

    it("restores into an empty target without --force", async () => {
      await wipe(instance);
      expect(await withInstance(instance, async (client) => client.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM pg_tables WHERE schemaname = 'public'`))).toEqual([]);
      const restored = await restore([file]);
      expect(output(restored)).toMatch(/Restored/);
      expect(restored.code).toBe(0);
      expect(await current()).toEqual(seeded);
      expect(await readFile(path.join(instance.dataDir, "instance-secret"), "utf8")).toBe(SECRET + "\n");
    });

    it.each([
      ["a flipped byte in the data", "damaged", /is damaged: its checksum does not match/],
      ["a flipped byte in the header", "header", /is damaged/],
      ["a file cut short", "truncated", /is incomplete: its end marker is missing \(the file was cut short/],
      ["a file cut inside its header", "headless", /is incomplete: it ends inside its header/],
      ["another kind of file", "foreign", /is not a Forewarn backup/],
      ["a newer format", "future", /is backup format "2"; this Forewarn reads format 1/],
    ])("refuses %s before touching anything, even with --force", async (_label, how, message) => {
      await withInstance(instance, alter);
      const before = await current();
      const bad = path.join(work, `${kind}-${how}.fwbackup`);
      const bytes = Buffer.from(await readFile(file));
      const headerEnd = bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1);
      if (how === "damaged") bytes[Math.floor((headerEnd + bytes.length) / 2)]! ^= 0x01;
      if (how === "header") bytes[headerEnd - 20]! ^= 0x01;
      if (how === "future") bytes.write("FOREWARN-BACKUP 2\n", 0);
      await writeFile(bad, how === "foreign" ? Buffer.from("PGDMP custom dump, not ours\n") : bytes);
      if (how === "truncated") await truncate(bad, bytes.length - 1_000);
      if (how === "headless") await truncate(bad, headerEnd - 10);

      const refused = await restore([bad, "--force"]);
      expectRefusal(refused, message);
      expect(refused.stderr).toMatch(/Nothing was changed\./);
      expect(await current()).toEqual(before);
      expect(await readFile(path.join(instance.dataDir, "instance-secret"), "utf8")).toBe(SECRET + "\n");
    });

    it("refuses a backup of the other kind of database", async () => {
      const other = path.join(work, `${kind}-as-other.fwbackup`);
      const text = (await readFile(file)).toString("latin1");
      const swapped = kind === "pglite" ? text.replace('"engine":"pglite"', '"engine":"postgresql"') : text.replace('"engine":"postgresql"', '"engine":"pglite"');
      // Re-sealed with a valid checksum: the engine check itself must refuse it.
      await writeFile(other, reseal(Buffer.from(swapped, "latin1")));
      expectRefusal(await restore([other, "--force"]), /is a backup of .* but this Forewarn is configured for .*moving between the two is not supported\. Nothing was changed\./);
    });

    it.runIf(kind === "postgresql")("says how to install PostgreSQL's client tools when they are missing", async () => {
      const other = path.join(work, "no-tools.fwbackup");
      const result = await runScript("scripts/backup.ts", [other], { ...instance.env, PATH: path.join(work, "empty-path") });
      expectRefusal(result, /pg_dump was not found on PATH\. Install PostgreSQL's client tools \(Debian\/Ubuntu: sudo apt-get install -y postgresql-client\)/);
      expect(existsSync(other)).toBe(false);
    });

    it.runIf(kind === "pglite")("refuses while the portal holds the data directory: stop the portal first", async () => {
      const before = await current();
      const config = pgliteConfig(instance.dataDir);
      await openPglite(config); // what a running portal does
      try {
        const other = path.join(work, "held.fwbackup");
        const backedUp = await backup([other]);
        expectRefusal(backedUp, new RegExp(`in use by another Forewarn process \\(process ${process.pid} .*\\)\\. Stop the portal first`));
        expect(existsSync(other)).toBe(false);
        const restored = await restore([file, "--force"]);
        expectRefusal(restored, /in use by another Forewarn process .*Stop the portal first.*Nothing was changed\./);
      } finally {
        await closePglite(config.pgliteDir);
      }
      expect(await current()).toEqual(before);
    });
  });
}

/** The same file with its end marker recomputed (what a tool that re-wrote the header would produce). */
function reseal(bytes: Buffer): Buffer {
  const end = bytes.lastIndexOf(Buffer.from("\nFOREWARN-BACKUP-END "));
  const headerEnd = bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1);
  const body = bytes.subarray(0, end);
  const sha256 = createHash("sha256").update(body).digest("hex");
  return Buffer.concat([body, Buffer.from(`\nFOREWARN-BACKUP-END ${JSON.stringify({ payloadBytes: end - headerEnd - 1, sha256 })}\n`)]);
}
