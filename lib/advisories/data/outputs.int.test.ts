// The advisory outputs through the database, on PGlite and PostgreSQL: nothing embargoed or withdrawn in any public
// output (OSV, OSV index, CSAF CLEAR, Atom, the index search) until disclosure, everything right after it; the
// embargoed CSAF for exactly the people who may read the notice; what comes out validates.
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import * as mandatory from "@secvisogram/csaf-validator-lib/mandatoryTests.js";
import { csaf_2_0_strict } from "@secvisogram/csaf-validator-lib/schemaTests.js";
import validateStrict from "@secvisogram/csaf-validator-lib/validateStrict.js";
import { XMLParser } from "fast-xml-parser";
import { expect, it } from "vitest";
import osvSchema from "@/test/fixtures/osv-schema.json";
import { describeEachDatabase } from "@/test/db";
import { maintainer, vendor } from "@/test/viewers";
import { ANONYMOUS } from "@/lib/server/viewer-types";
import { NotFoundError } from "@/lib/server/errors";
import { NoticeDraftSchema } from "@/lib/notices/schemas";
import { acceptNoticeTerms, acknowledgeNotice, createNoticeDraft, sendNotice } from "@/lib/notices/data";
import { endEmbargoNow, withdrawNotice } from "./publication";
import { saveProjectSettings } from "@/lib/settings/data";
import { getAnnouncement, saveAnnouncement } from "./announcement";
import { ProjectSettingsSchema } from "@/lib/settings/schemas";
import { getAtomFeed, getEmbargoedCsaf, listSitemapEntries, getPublicCsaf, getPublicOsv, getPublicOsvById, listOsvIndex, searchPublicAdvisories } from ".";

const request = { ip: "192.0.2.61", userAgent: "vitest" };
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validateOsv = ajv.compile(osvSchema);

async function expectValidCsaf(doc: unknown) {
  const result = await validateStrict([csaf_2_0_strict, ...Object.values(mandatory)], doc);
  const failures = result.tests.filter((t) => !t.isValid || t.errors.length > 0).map((t) => ({ name: t.name, errors: t.errors }));
  expect(failures, JSON.stringify(failures, null, 2)).toEqual([]);
}

const FULL = {
  title: "Heap overflow in parse_header()",
  summary: "A crafted archive header overflows a buffer.",
  description: "Reading a header longer than **4096 bytes** overflows `buf`.",
  remediation: "Upgrade to 4.2.7.",
  mitigation: "Refuse archives from untrusted sources.",
  workaround: "Set `max_header=4096`.",
  detection: "Run `archiver --version`.",
  affectedVersions: ">= 4.0.0, < 4.2.7",
  fixedVersions: "4.2.7",
  cveIds: "CVE-2026-41234",
  relatedCveIds: "CVE-2026-41235",
  cwe: "CWE-787",
  cvssVector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
  reporterCredit: "Jane Doe (Example Labs)",
  references: "fix https://github.com/acme/archiver/commit/0123456789abcdef0123456789abcdef01234567\nhttps://acme.example/releases/4.2.7",
  affectedPackages: JSON.stringify([
    { ecosystem: "PyPI", name: "archiver", purl: "", rangeType: "ECOSYSTEM", repo: "", introduced: "4.0.0", fixed: "4.2.7", lastAffected: "" },
    { ecosystem: "npm", name: "@acme/archiver", purl: "", rangeType: "SEMVER", repo: "", introduced: "4.0.0", fixed: "4.2.7", lastAffected: "" },
    { ecosystem: "Debian:12", name: "archiver", purl: "", rangeType: "ECOSYSTEM", repo: "", introduced: "", fixed: "4.2.7-1~deb12u1", lastAffected: "" },
    { ecosystem: "", name: "archiver", purl: "", rangeType: "GIT", repo: "https://github.com/acme/archiver", introduced: "", fixed: "0123456789abcdef0123456789abcdef01234567", lastAffected: "" },
  ]),
};

describeEachDatabase("advisory outputs", (db) => {
  async function world(fields: Record<string, unknown> = FULL) {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const mk = async (name: string, email: string) => {
      const o = await db.client.organisation.create({ data: { name, status: "ACTIVE" } });
      const u = await db.client.user.create({ data: { email, role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: o.id } } } });
      return { org: o, user: u, v: vendor(u, o) };
    };
    const a = await mk("Acme", "ann@acme.example");
    const b = await mk("Globex", "gus@globex.example");
    const settings = ProjectSettingsSchema.parse({
      name: "archiver",
      slug: "archiver",
      repositoryUrl: "https://github.com/acme/archiver",
      packages: "PyPI archiver",
      publisherName: "The archiver project",
      publisherNamespace: "https://archiver.example",
      osvPrefix: "x_archiver",
      announceAddress: "announce@archiver.example",
      defaultDisclosureTime: "14:00",
      defaultDisclosureZone: "UTC",
    });
    await saveProjectSettings(m, settings, request);
    const input = NoticeDraftSchema.parse({ disclosureAt: new Date(Date.now() + 5 * 86_400_000).toISOString(), audience: "SELECTED", organisationIds: [a.org.id], ...fields });
    const { id, reference } = await createNoticeDraft(m, input, request);
    return { m, a, b, id, reference };
  }

  const publicEverywhere = async (id: string, reference: string) => ({
    osv: await getPublicOsv(id).then(() => true, (e: unknown) => (e instanceof NotFoundError ? false : Promise.reject(e))),
    osvById: await getPublicOsvById(`x_archiver-${reference}`).then(() => true, (e: unknown) => (e instanceof NotFoundError ? false : Promise.reject(e))),
    csaf: await getPublicCsaf(id).then(() => true, (e: unknown) => (e instanceof NotFoundError ? false : Promise.reject(e))),
    index: (await listOsvIndex()).some((r) => r.id === `x_archiver-${reference}`),
    atom: (await getAtomFeed()).includes(reference),
    search: (await searchPublicAdvisories("")).some((r) => r.id === id),
    sitemap: (await listSitemapEntries()).some((e) => e.url.endsWith(`/advisories/${id}`)),
  });
  const nowhere = { osv: false, osvById: false, csaf: false, index: false, atom: false, search: false, sitemap: false };

  it("no public output names a draft, an embargoed or a withdrawn notice; all of them do once it is disclosed", async () => {
    const w = await world();
    expect(await publicEverywhere(w.id, w.reference)).toEqual(nowhere);
    await sendNotice(w.m, { noticeId: w.id, overrideReason: null }, request);
    expect(await publicEverywhere(w.id, w.reference)).toEqual(nowhere);
    const withdrawn = await createNoticeDraft(w.m, NoticeDraftSchema.parse({ title: "Withdrawn one", disclosureAt: new Date(Date.now() + 86_400_000).toISOString() }), request);
    await sendNotice(w.m, { noticeId: withdrawn.id, overrideReason: null }, request);
    await withdrawNotice(w.m, { noticeId: withdrawn.id, reason: "Not a vulnerability" }, request);
    expect(await publicEverywhere(withdrawn.id, withdrawn.reference)).toEqual(nowhere);

    await endEmbargoNow(w.m, { noticeId: w.id, reason: "Fixed upstream" }, request);
    expect(await publicEverywhere(w.id, w.reference)).toEqual({ osv: true, osvById: true, csaf: true, index: true, atom: true, search: true, sitemap: true });
    expect(await publicEverywhere(withdrawn.id, withdrawn.reference)).toEqual(nowhere);

    // What comes out is valid and faithful; no recipient is named anywhere.
    const osv = await getPublicOsv(w.id);
    expect(validateOsv(osv), JSON.stringify(validateOsv.errors)).toBe(true);
    expect(osv).toMatchObject({ id: `x_archiver-${w.reference}`, aliases: ["CVE-2026-41234"], related: ["CVE-2026-41235"], credits: [{ name: "Jane Doe (Example Labs)" }] });
    // Ranges in three ecosystems and a git range, each with its own purl (derived: none was typed).
    expect(osv.affected).toEqual([
      { package: { ecosystem: "PyPI", name: "archiver", purl: "pkg:pypi/archiver" }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "4.0.0" }, { fixed: "4.2.7" }] }] },
      { package: { ecosystem: "npm", name: "@acme/archiver", purl: "pkg:npm/%40acme/archiver" }, ranges: [{ type: "SEMVER", events: [{ introduced: "4.0.0" }, { fixed: "4.2.7" }] }] },
      { package: { ecosystem: "Debian:12", name: "archiver", purl: "pkg:deb/debian/archiver" }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "4.2.7-1~deb12u1" }] }] },
      { ranges: [{ type: "GIT", repo: "https://github.com/acme/archiver", events: [{ introduced: "0" }, { fixed: "0123456789abcdef0123456789abcdef01234567" }] }] },
    ]);
    expect(osv.references).toEqual(expect.arrayContaining([{ type: "FIX", url: "https://github.com/acme/archiver/commit/0123456789abcdef0123456789abcdef01234567" }]));
    const csaf = await getPublicCsaf(w.id);
    await expectValidCsaf(csaf);
    expect((await getPublicCsaf(w.id, w.reference)).vulnerabilities).toEqual(csaf.vulnerabilities);
    await expect(getPublicCsaf(w.id, "FW-1999-0001")).rejects.toBeInstanceOf(NotFoundError);
    expect(csaf.document.distribution.tlp.label).toBe("WHITE");
    expect(csaf.document.tracking.status).toBe("final");
    const atom = new XMLParser({ ignoreAttributes: false }).parse(await getAtomFeed());
    expect(atom.feed.entry.title["#text"] ?? atom.feed.entry.title).toContain("Heap overflow");
    for (const text of [JSON.stringify(osv), JSON.stringify(csaf), await getAtomFeed()]) {
      for (const secret of ["Acme", "Globex", "ann@acme.example", "m@project.example"]) expect(text).not.toContain(secret);
    }
    // The index finds it by CVE and by package, not by something it is not.
    expect((await searchPublicAdvisories("cve-2026-41234")).map((r) => r.id)).toEqual([w.id]);
    expect((await searchPublicAdvisories("archiver")).map((r) => r.id)).toEqual([w.id]);
    // Anyone can put a NUL in the address bar (PostgreSQL takes none in a text value): it finds what the rest finds.
    expect((await searchPublicAdvisories("arch\u0000iver")).map((r) => r.id)).toEqual([w.id]);
    expect(await searchPublicAdvisories("CVE-2026-99999")).toEqual([]);
  });

  it("an advisory withdrawn after disclosure leaves every public output but OSV, whose record says withdrawn", async () => {
    const w = await world();
    await sendNotice(w.m, { noticeId: w.id, overrideReason: null }, request);
    await endEmbargoNow(w.m, { noticeId: w.id, reason: "Fixed upstream" }, request);
    await withdrawNotice(w.m, { noticeId: w.id, reason: "Not a vulnerability after all" }, request);
    expect(await publicEverywhere(w.id, w.reference)).toEqual({ ...nowhere, osv: true, osvById: true, index: true });
    const osv = await getPublicOsv(w.id);
    expect(validateOsv(osv), JSON.stringify(validateOsv.errors)).toBe(true);
    expect(osv.withdrawn).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));
    // The list that got the announcement hears of the withdrawal, with the reason.
    const toList = await db.client.outboxEmail.findMany({ where: { toAddress: "announce@archiver.example" }, orderBy: { createdAt: "asc" }, select: { subject: true, textBody: true } });
    expect(toList.map((e) => e.subject)).toEqual([expect.stringContaining(w.reference), `[archiver security] ${w.reference} withdrawn: Heap overflow in parse_header()`]);
    expect(toList[1]!.textBody).toContain("Reason: Not a vulnerability after all");
  });

  it("the embargoed CSAF: addressed members who accepted the terms and maintainers only; it validates and names no other organisation", async () => {
    const w = await world();
    await sendNotice(w.m, { noticeId: w.id, overrideReason: null }, request);
    // Not addressed, not yet accepted, anonymous: nothing.
    for (const viewer of [w.b.v, w.a.v, ANONYMOUS]) await expect(getEmbargoedCsaf(viewer, w.id, request)).rejects.toBeInstanceOf(NotFoundError);
    await acceptNoticeTerms(w.a.v, w.id, request);
    // The same member in a session that has not passed their enrolled second factor: nothing.
    await expect(getEmbargoedCsaf({ ...w.a.v, totpEnrolled: true, secondFactor: false }, w.id, request)).rejects.toBeInstanceOf(NotFoundError);
    const before = await getEmbargoedCsaf(w.a.v, w.id, request);
    await expectValidCsaf(before);
    expect(before.document.distribution.tlp.label).toBe("AMBER");
    expect(before.document.tracking.status).toBe("interim");
    expect(JSON.stringify(before)).toContain("has not acknowledged");
    await acknowledgeNotice(w.a.v, w.id, request);
    expect(JSON.stringify(await getEmbargoedCsaf(w.a.v, w.id, request))).toContain("Your organisation acknowledged");
    expect(JSON.stringify(await getEmbargoedCsaf(w.m, w.id, request))).toContain("1 of 1 addressed organisations acknowledged");
    // Under its canonical name: the document names that address; another notice's name is "not found", unaudited.
    expect((await getEmbargoedCsaf(w.a.v, w.id, request, w.reference)).document.references[0]?.url).toMatch(new RegExp(`/advisories/${w.id}/${w.reference.toLowerCase()}\\.json$`));
    await expect(getEmbargoedCsaf(w.a.v, w.id, request, "FW-1999-0001")).rejects.toBeInstanceOf(NotFoundError);
    for (const secret of ["Acme", "Globex", "ann@acme.example", "announce@archiver.example"]) expect(JSON.stringify(before)).not.toContain(secret);
    expect(await db.client.auditEvent.count({ where: { action: "notice.csaf-downloaded" } })).toBe(4);
    // A suspended member, or a member of a suspended organisation, loses it at once.
    await db.client.user.update({ where: { id: w.a.user.id }, data: { status: "SUSPENDED" } });
    await expect(getEmbargoedCsaf(w.a.v, w.id, request)).rejects.toBeInstanceOf(NotFoundError);
    await db.client.user.update({ where: { id: w.a.user.id }, data: { status: "ACTIVE" } });
    await db.client.organisation.update({ where: { id: w.a.org.id }, data: { status: "SUSPENDED" } });
    await expect(getEmbargoedCsaf(w.a.v, w.id, request)).rejects.toBeInstanceOf(NotFoundError);
    // Disclosed: the AMBER document is gone, the CLEAR one is public.
    await db.client.organisation.update({ where: { id: w.a.org.id }, data: { status: "ACTIVE" } });
    await endEmbargoNow(w.m, { noticeId: w.id, reason: "Fixed upstream" }, request);
    await expect(getEmbargoedCsaf(w.a.v, w.id, request)).rejects.toBeInstanceOf(NotFoundError);
    await expectValidCsaf(await getPublicCsaf(w.id));
  });

  it("the announcement goes to the list once, at disclosure, as the maintainer last saved it; never for a withdrawn notice", async () => {
    const w = await world();
    await sendNotice(w.m, { noticeId: w.id, overrideReason: null }, request);
    const toList = () => db.client.outboxEmail.findMany({ where: { toAddress: "announce@archiver.example" }, select: { subject: true, textBody: true, dispatchId: true } });
    const proposed = await getAnnouncement(w.m, w.id);
    expect(proposed).toMatchObject({ address: "announce@archiver.example", edited: false, dispatchId: null });
    expect(proposed.subject).toBe(`[archiver security] ${w.reference}: Heap overflow in parse_header() (CVE-2026-41234)`);
    expect(proposed.text).toContain("Reported by Jane Doe (Example Labs).");
    expect(proposed.text).toContain(`/advisories/${w.id}/osv.json`);
    await expect(getAnnouncement(w.a.v, w.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(saveAnnouncement(w.a.v, { noticeId: w.id, subject: "x", text: "y", reset: false }, request)).rejects.toBeInstanceOf(NotFoundError);
    await saveAnnouncement(w.m, { noticeId: w.id, subject: "Edited subject", text: "Edited text of the announcement.", reset: false }, request);
    expect(await toList()).toEqual([]);

    await endEmbargoNow(w.m, { noticeId: w.id, reason: "Fixed upstream" }, request);
    const sent = await toList();
    expect(sent).toMatchObject([{ subject: "Edited subject", textBody: "Edited text of the announcement." }]);
    expect((await getAnnouncement(w.m, w.id)).dispatchId).toBe(sent[0]!.dispatchId);
    await expect(saveAnnouncement(w.m, { noticeId: w.id, subject: "Late", text: "Too late to change.", reset: false }, request)).rejects.toThrow(/until the notice is disclosed/);

    const withdrawn = await createNoticeDraft(w.m, NoticeDraftSchema.parse({ title: "Withdrawn one", disclosureAt: new Date(Date.now() + 86_400_000).toISOString() }), request);
    await sendNotice(w.m, { noticeId: withdrawn.id, overrideReason: null }, request);
    await withdrawNotice(w.m, { noticeId: withdrawn.id, reason: "Not a vulnerability" }, request);
    expect(await toList()).toHaveLength(1);
  });

  it("a minimal advisory exports valid OSV and CSAF too", async () => {
    const w = await world({ title: "Minimal one" });
    await sendNotice(w.m, { noticeId: w.id, overrideReason: null }, request);
    await endEmbargoNow(w.m, { noticeId: w.id, reason: "Done" }, request);
    const osv = await getPublicOsv(w.id);
    expect(validateOsv(osv), JSON.stringify(validateOsv.errors)).toBe(true);
    expect(osv.aliases ?? []).toEqual([]);
    await expectValidCsaf(await getPublicCsaf(w.id));
  });

  it("a notice stored before the structured-data rules is served valid: one alias, the other CVEs related, each package's own purl", async () => {
    const w = await world();
    // As saved before: two CVE ids, a range whose hidden purl was another package's, a CVSS vector with threat metrics.
    await db.client.notice.update({
      where: { id: w.id },
      data: {
        cveIds: ["CVE-2026-41234", "CVE-2026-41299"],
        relatedCveIds: [],
        cvssVector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P",
        cvssScore: 8.9,
        affectedPackages: [
          { ecosystem: "PyPI", name: "acme-lib", purl: "pkg:pypi/acme-lib", rangeType: "ECOSYSTEM", repo: null, events: [{ introduced: "0" }, { fixed: "1.2" }] },
          { ecosystem: "PyPI", name: "acme-core-py", purl: "pkg:pypi/acme-lib", rangeType: "ECOSYSTEM", repo: null, events: [{ introduced: "0" }, { fixed: "2.0" }] },
        ],
      },
    });
    await sendNotice(w.m, { noticeId: w.id, overrideReason: null }, request);
    await endEmbargoNow(w.m, { noticeId: w.id, reason: "Done" }, request);
    const osv = await getPublicOsv(w.id);
    expect(validateOsv(osv), JSON.stringify(validateOsv.errors)).toBe(true);
    expect(osv).toMatchObject({ aliases: ["CVE-2026-41234"], related: ["CVE-2026-41299"] });
    expect(osv.affected?.map((a) => a.package?.purl)).toEqual(["pkg:pypi/acme-lib", "pkg:pypi/acme-core-py"]);
    const csaf = await getPublicCsaf(w.id);
    await expectValidCsaf(csaf);
    expect(csaf.vulnerabilities.map((v) => v.cve)).toEqual(["CVE-2026-41234"]);
    expect(JSON.stringify(csaf)).toContain("pkg:pypi/acme-core-py");
    expect(JSON.stringify(csaf.vulnerabilities[0]?.notes)).toContain("CVSS-BT 8.9");
  });

  it("settings: maintainers only, each bad value refused with a message, nothing half-saved", async () => {
    const w = await world({ title: "Settings" });
    const bad = ProjectSettingsSchema.safeParse({ name: "x", slug: "Bad Slug", repositoryUrl: "http://insecure.example", packages: "PyPI", publisherName: "", publisherNamespace: "ftp://x", osvPrefix: "GHSA", announceAddress: "nope", defaultDisclosureTime: "25:00", defaultDisclosureZone: "Mars/Base" });
    expect(bad.success).toBe(false);
    const fields = new Set(bad.error!.issues.map((i) => String(i.path[0])));
    expect([...fields].sort()).toEqual(["announceAddress", "defaultDisclosureTime", "defaultDisclosureZone", "osvPrefix", "packages", "publisherName", "publisherNamespace", "repositoryUrl", "slug"]);
    const good = ProjectSettingsSchema.parse({ name: "n", slug: "n", repositoryUrl: "", packages: "", publisherName: "p", publisherNamespace: "https://p.example", osvPrefix: "x_n", announceAddress: "", defaultDisclosureTime: "09:00", defaultDisclosureZone: "Europe/Berlin" });
    await expect(saveProjectSettings(w.a.v, good, request)).rejects.toBeInstanceOf(NotFoundError);
    await expect(saveProjectSettings(maintainer({ id: w.m.userId, email: w.m.email }, { secondFactor: false }), good, request)).rejects.toBeInstanceOf(NotFoundError);
    expect((await db.client.projectSettings.findUniqueOrThrow({ where: { id: 1 } })).slug).toBe("archiver");
    await saveProjectSettings(w.m, good, request);
    expect(await db.client.projectSettings.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ slug: "n", defaultDisclosureZone: "Europe/Berlin", repositoryUrl: null, announceAddress: null });
  });

  it("the public index pages through every advisory, newest first, without repeating or skipping one", async () => {
    const w = await world();
    const same = new Date("2026-11-02T10:00:00Z");
    for (const [i, disclosedAt] of [new Date("2026-11-03T10:00:00Z"), same, same, same, new Date("2026-11-01T10:00:00Z")].entries()) {
      await db.client.notice.create({ data: { reference: `FW-2026-09${i}0`, title: `Paged advisory ${i}`, state: "DISCLOSED", disclosureAt: disclosedAt, disclosedAt, createdById: w.m.userId } });
    }
    const pages = [];
    for (let skip = 0; skip < 6; skip += 2) pages.push((await searchPublicAdvisories("", { take: 2, skip })).map((a) => a.title));
    expect(pages.flat()).toHaveLength(5);
    expect(new Set(pages.flat()).size).toBe(5);
    expect(pages[0]![0]).toBe("Paged advisory 0");
    expect(pages[2]).toEqual(["Paged advisory 4"]);
    expect(await searchPublicAdvisories("paged advisory", { take: 2, skip: 4 })).toHaveLength(1);
  });

  it("the OSV id prefix is frozen once an advisory is published: ids never change", async () => {
    const w = await world();
    const current = { name: "archiver", slug: "archiver", repositoryUrl: "", packages: "", publisherName: "p", publisherNamespace: "https://p.example", osvPrefix: "x_archiver", announceAddress: "", defaultDisclosureTime: "09:00", defaultDisclosureZone: "UTC" };
    await saveProjectSettings(w.m, ProjectSettingsSchema.parse({ ...current, osvPrefix: "x_renamed" }), request);
    await saveProjectSettings(w.m, ProjectSettingsSchema.parse(current), request);
    await sendNotice(w.m, { noticeId: w.id, overrideReason: null }, request);
    await endEmbargoNow(w.m, { noticeId: w.id, reason: "Public upstream." }, request);
    const refused = saveProjectSettings(w.m, ProjectSettingsSchema.parse({ ...current, osvPrefix: "x_renamed" }), request);
    await expect(refused).rejects.toMatchObject({ fieldErrors: { osvPrefix: [expect.stringContaining(`x_archiver-${w.reference}`)] } });
    expect((await db.client.projectSettings.findUniqueOrThrow({ where: { id: 1 } })).osvPrefix).toBe("x_archiver");
    expect((await getPublicOsvById(`x_archiver-${w.reference}`)).id).toBe(`x_archiver-${w.reference}`);
    // Everything else can still change.
    await saveProjectSettings(w.m, ProjectSettingsSchema.parse({ ...current, name: "archiver 2" }), request);
    expect((await db.client.projectSettings.findUniqueOrThrow({ where: { id: 1 } })).name).toBe("archiver 2");
  });
});
