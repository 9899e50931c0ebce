// `npm run db:seed` on a scratch database (PGlite, and PostgreSQL when reachable), twice: the second run changes
// nothing and says so; the demo has a notice in every state, made through the data functions (audit chain intact);
// every public output it feeds is non-empty and passes the ecosystem's own validator (OSV schema, CSAF schema +
// mandatory tests + 6.2.11, strict XML for Atom, ical.js for a vendor's calendar).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import ICAL from "ical.js";
import * as mandatory from "@secvisogram/csaf-validator-lib/mandatoryTests.js";
import * as optional from "@secvisogram/csaf-validator-lib/optionalTests.js";
import { csaf_2_0_strict } from "@secvisogram/csaf-validator-lib/schemaTests.js";
import validateStrict from "@secvisogram/csaf-validator-lib/validateStrict.js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import schema from "@/test/fixtures/osv-schema.json";
import { runScript, type CliResult } from "@/test/cli";
import { createInstance, withInstance, type Instance } from "@/test/backup-instance";
import { DATABASE_KINDS } from "@/test/db";
import { maintainer, vendor } from "@/test/viewers";
import { resetConfigForTests } from "@/lib/server/config";
import { verifyAuditChain } from "@/lib/audit/data";
import { getAtomFeed, getPublicCsaf, getPublicOsv, listOsvIndex, listSitemapEntries, searchPublicAdvisories } from "@/lib/advisories/data";
import { calendarForFeed, rotateCalendarFeed } from "@/lib/tokens/data";
import type { Db } from "@/lib/server/db/client";

const SITE = "https://forewarn.example.org";
const validateOsv = addFormats(new Ajv2020({ allErrors: true, strict: false })).compile(schema);

/** The seed exactly as `npm run db:seed` runs it. */
const seed = (env: Record<string, string | undefined>): Promise<CliResult> =>
  runScript("prisma/seed.ts", [], { ...env, NEXTAUTH_URL: SITE }, 240_000, ["--conditions=react-server", "--import", "tsx"]);

/** What a second run must leave exactly as it was. */
async function snapshot(client: Db) {
  const [notices, audit, outbox, revisions, messages, acknowledgements, attachments] = await Promise.all([
    client.notice.findMany({ orderBy: { reference: "asc" }, select: { reference: true, title: true, state: true, revision: true, updatedAt: true } }),
    client.auditEvent.count(),
    client.outboxEmail.count(),
    client.noticeRevision.count(),
    client.noticeMessage.count(),
    client.noticeAcknowledgement.count(),
    client.noticeAttachment.count(),
  ]);
  return { notices, audit, outbox, revisions, messages, acknowledgements, attachments };
}

async function expectValidCsaf(doc: unknown) {
  const result = await validateStrict([csaf_2_0_strict, ...Object.values(mandatory), optional.optionalTest_6_2_11!], doc);
  const failures = result.tests.filter((t) => !t.isValid || t.errors.length > 0 || t.warnings.length > 0).map((t) => ({ name: t.name, errors: t.errors, warnings: t.warnings }));
  expect(failures, JSON.stringify(failures, null, 2)).toEqual([]);
}

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "forewarn-seed-"));
  // The outputs built in this process name the same https site as the seed's emails (CSAF 6.2.11 wants https).
  process.env.NEXTAUTH_URL = SITE;
  resetConfigForTests();
});
afterAll(async () => {
  delete process.env.NEXTAUTH_URL;
  resetConfigForTests();
  await rm(work, { recursive: true, force: true });
});

for (const kind of DATABASE_KINDS) {
  const available = kind === "pglite" || inject("pgAvailable");
  (available ? describe : describe.skip)(`npm run db:seed [${kind}]`, () => {
    let instance: Instance;
    let first: Awaited<ReturnType<typeof snapshot>>;
    beforeAll(async () => {
      instance = await createInstance(kind, work);
    });
    afterAll(async () => {
      await instance?.dispose();
    });

    it("seeds the directory and a notice in every state, through the data functions; a second run changes nothing and says so", { timeout: 600_000 }, async () => {
      const once = await seed(instance.env);
      expect(once.code, once.stderr).toBe(0);
      expect(once.stdout).toMatch(/Seeded: 12 organisations, 20 people, 5 notices \(5 demo notices created/);
      first = await withInstance(instance, snapshot);
      expect(first.notices.map((n) => n.state).sort()).toEqual(["DISCLOSED", "DISCLOSED", "DRAFT", "EMBARGOED", "WITHDRAWN"]);
      // The embargoed one was revised and its date moved; terms, acknowledgements, a thread and a patch exist.
      expect(first.notices.find((n) => n.state === "EMBARGOED")?.revision).toBe(2);
      expect(first).toMatchObject({ revisions: 2, messages: 2, acknowledgements: 5, attachments: 3 });
      expect(first.outbox).toBeGreaterThan(20);

      const twice = await seed(instance.env);
      expect(twice.code, twice.stderr).toBe(0);
      expect(twice.stdout).toMatch(/^Nothing to do: the demo data is already there \(12 organisations, 20 people, 5 notices\)\.$/m);
      expect(await withInstance(instance, snapshot)).toEqual(first);
    });

    it("every public output is non-empty and valid; the audit chain verifies; a vendor's calendar shows each state", { timeout: 300_000 }, async () => {
      expect(first, "the seeding test ran first").toBeTruthy();
      await withInstance(instance, async (client) => {
        const alice = maintainer(await client.user.findUniqueOrThrow({ where: { email: "alice@project.example" } }));
        const chain = await verifyAuditChain(alice);
        expect(chain).toMatchObject({ ok: true });

        const index = await searchPublicAdvisories("");
        expect(index.map((a) => a.title).sort()).toEqual(["Path traversal in archive extraction", "Unbounded allocation in the message decoder"]);
        expect((await listOsvIndex()).map((e) => e.id).sort()).toEqual(index.map((a) => a.osvId).sort());
        const sitemap = (await listSitemapEntries()).map((e) => e.url);
        for (const a of index) expect(sitemap).toContain(`${SITE}/advisories/${a.id}`);

        for (const a of index) {
          const osv = await getPublicOsv(a.id);
          expect(validateOsv(osv), JSON.stringify(validateOsv.errors)).toBe(true);
          expect(osv.aliases).toHaveLength(1);
          expect(osv.credits?.length).toBe(1);
          expect(osv.severity?.[0]?.type).toBe("CVSS_V4");
          expect(osv.database_specific.cwe_ids).toHaveLength(1);
          const ecosystems = (osv.affected ?? []).flatMap((p) => (p.package ? [p.package.ecosystem] : []));
          expect(ecosystems).toHaveLength(2);
          expect((osv.affected ?? []).flatMap((p) => p.ranges ?? []).some((r) => r.type === "GIT" && r.events.every((e) => Object.values(e).every((v) => /^([0-9a-f]{40}|0)$/.test(v))))).toBe(true);
          for (const p of osv.affected ?? []) if (p.package) expect(p.package.purl).toBe(`pkg:${p.package.ecosystem === "crates.io" ? "cargo" : p.package.ecosystem === "Go" ? "golang" : p.package.ecosystem.toLowerCase()}/${p.package.name}`);
          expect(osv.references?.length).toBeGreaterThan(1);

          const csaf = await getPublicCsaf(a.id);
          await expectValidCsaf(csaf);
          expect(csaf.document.distribution.tlp.label).toBe("WHITE");
        }

        const atom = await getAtomFeed();
        expect(XMLValidator.validate(atom)).toBe(true);
        const feed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "entry" }).parse(atom).feed;
        expect(feed["@_xml:lang"]).toBe("en");
        expect(feed.entry).toHaveLength(2);

        // Mira's organisation (Aurora Linux) was sent all four notices that were sent.
        const mira = await client.user.findUniqueOrThrow({ where: { email: "mira@aurora-linux.example" }, select: { id: true, email: true, membership: { select: { organisation: { select: { id: true, name: true } } } } } });
        const member = vendor(mira, mira.membership!.organisation);
        const file = (await rotateCalendarFeed(member, { ip: null, userAgent: "vitest" })).url.split("/").at(-1)!;
        const answer = await calendarForFeed(file, { ip: "192.0.2.70", userAgent: "vitest" });
        if (!answer.ok) throw new Error(answer.reason);
        expect(answer.ics.endsWith("\r\n")).toBe(true);
        const references = new Map(first.notices.map((n) => [n.reference, n.state]));
        const events = new ICAL.Component(ICAL.parse(answer.ics)).getAllSubcomponents("vevent").map((e) => ({
          state: references.get(String(e.getFirstPropertyValue("summary")).replace("Disclosure: ", "")),
          status: e.getFirstPropertyValue("status"),
          sequence: e.getFirstPropertyValue("sequence"),
        }));
        expect(events.sort((x, y) => String(x.state).localeCompare(String(y.state)))).toEqual([
          { state: "DISCLOSED", status: "CONFIRMED", sequence: 1 },
          { state: "DISCLOSED", status: "CONFIRMED", sequence: 1 },
          { state: "EMBARGOED", status: "CONFIRMED", sequence: 2 },
          { state: "WITHDRAWN", status: "CANCELLED", sequence: 1 },
        ]);
      });
    });

    it("refuses a database that holds anything but the demo, and changes nothing", { timeout: 300_000 }, async () => {
      expect(first, "the seeding test ran first").toBeTruthy();
      const before = await withInstance(instance, async (client) => {
        await client.organisation.create({ data: { name: "A Real Distributor", status: "ACTIVE" } });
        return snapshot(client);
      });
      const refused = await seed(instance.env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/holds 1 organisation\(s\) and 0 notice\(s\) that are not the demo's[\s\S]*db:seed -- --force/);
      expect(await withInstance(instance, snapshot)).toEqual(before);
    });
  });
}
