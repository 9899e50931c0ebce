// Leak tracing's corpus (issue 14), on PGlite and PostgreSQL: one embargoed notice served to three organisations in
// every text form — the vendor page, the OpenPGP-encrypted email (decrypted by gpg), the API JSON and the TLP:AMBER
// CSAF — each copy leaked verbatim, as one paragraph, quoted, re-flowed and retyped. Resolving the marks by recomputing
// the candidates' codes — here and through the maintainers' traceCopy — names the organisation (and the form) it was
// served to, never another; a retyped copy says "no mark". After disclosure, every public output (advisory page data,
// OSV, CVE JSON, CSAF, the CSAF directory, Atom, the announcement and the emails) is the clean original, though the
// notice was read under embargo in every form.
import { afterAll, beforeAll, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { generateKey } from "openpgp";
import { describeEachDatabase } from "@/test/db";
import { createGpg, type Gpg } from "@/test/gpg";
import { csafFailures } from "@/test/csaf-validation";
import { resolve, survivalTable, transform, TRANSFORMATIONS, type Candidate, type Transformation } from "@/test/leak-corpus";
import { maintainer, vendor } from "@/test/viewers";
import { VendorNoticeDetail } from "@/components/notices/vendor-notice-detail";
import { copyCode, type CopyForm } from "@/lib/tracing/codes";
import { findTextMarks } from "@/lib/tracing/text-marks";
import { getConfig } from "@/lib/server/config";
import { saveProjectSettings } from "@/lib/settings/data";
import { ProjectSettingsSchema } from "@/lib/settings/schemas";
import { toApiNoticeDetail } from "@/lib/tokens/api-notices";
import { endEmbargoNow, getAtomFeed, getCsafDirectoryFile, getCsafIndex, getCveCnaContainer, getEmbargoedCsaf, getPublicCsaf, getPublicOsv, listCsafDirectory, publishCsafDocument } from "@/lib/advisories/data";
import { NoticeDraftSchema } from "./schemas";
import { acceptNoticeTerms, createNoticeDraft, getVendorNotice, sendNotice, traceCopy } from "./data";
import { getPublicAdvisory } from "./data/public";

const request = { ip: "192.0.2.114", userAgent: "vitest" };
const MARK_CHARACTERS = /[\u200B\u200C\u200D\u2060]/;

// Paragraphs long enough to carry marks, with code, commands, versions and links that must stay clean.
const PHRASE = "the parser then copies that many bytes";
const NOTICE = {
  title: "Heap overflow in the archive header parser when reading untrusted files",
  summary: "A crafted archive header overflows a fixed buffer on the stack, and an attacker who gets a user to open the file can run code as that user.",
  description: [
    "Reading an archive header longer than the buffer overflows it: the length field of the header is trusted as it is, and the parser then copies that many bytes into a buffer of fixed size that lives on the stack of the reading thread.",
    "```c\nchar buf[4096];\nmemcpy(buf, header, header_len);\n```",
    "Every release from 4.0.0 up to but not including 4.2.7 is affected on every platform, whether the archive is opened from the command line, through the library or by a service that unpacks uploads for its users.",
  ].join("\n\n"),
  remediation: "Upgrade to 4.2.7 as soon as the release is out, and rebuild every program that links the library statically so that it picks up the fixed parser as well.",
  mitigation: "Refuse archives that come from sources you do not trust, and run the services that unpack uploads as a user who cannot read anything of value on the host.",
  workaround: "Set `max_header=4096` in the configuration file of every service that opens archives; headers longer than that are then refused before they are read.",
  detection: "Run `archiver --version` and compare the release it prints with the fixed one; a service that crashed while opening an upload may have met a crafted file.",
  embargoNotes: "Please keep the patch inside your security team until the disclosure time, and do not push the fixed packages to any public mirror before then.",
  affectedVersions: ">= 4.0.0, < 4.2.7",
  fixedVersions: "4.2.7",
  cveIds: "CVE-2026-41234",
  cwe: "CWE-787",
  cvssVector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
  references: "fix https://github.com/acme/archiver/commit/0123456789abcdef0123456789abcdef01234567",
  affectedPackages: JSON.stringify([{ ecosystem: "PyPI", name: "archiver", purl: "", rangeType: "ECOSYSTEM", repo: "", introduced: "4.0.0", fixed: "4.2.7", lastAffected: "" }]),
};

/** The text a reader gets from rendered HTML (block elements on their own lines, entities decoded). */
function textOfHtml(html: string): string {
  return html
    .replace(/<\/(p|h[1-6]|li|dt|dd|pre|div|section|tr)>|<br\s*\/?>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\n{2,}/g, "\n");
}

let gpg: Gpg;
beforeAll(() => {
  gpg = createGpg();
});
afterAll(() => gpg.dispose());

describeEachDatabase("leak tracing: every text form of an embargoed notice", (db) => {
  async function world() {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    await saveProjectSettings(
      m,
      ProjectSettingsSchema.parse({
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
      }),
      request,
    );
    const organisation = async (name: string, email: string) => {
      const key = await generateKey({ type: "ecc", curve: "curve25519Legacy", userIDs: [{ email }], format: "armored" });
      gpg.importKey(key.privateKey);
      const org = await db.client.organisation.create({ data: { name, status: "ACTIVE", pgpPublicKey: key.publicKey } });
      const user = await db.client.user.create({ data: { email, role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: org.id } } } });
      return { name, org, email, v: vendor(user, org) };
    };
    const orgs = [await organisation("Acme", "ann@acme.example"), await organisation("Globex", "gus@globex.example"), await organisation("Initech", "ian@initech.example")];
    // Never addressed: a candidate the trace must never name.
    const bystander = await organisation("Umbrella", "uma@umbrella.example");
    const input = NoticeDraftSchema.parse({ ...NOTICE, disclosureAt: new Date(Date.now() + 5 * 86_400_000).toISOString(), audience: "SELECTED", organisationIds: orgs.map((o) => o.org.id), encryptFullText: "on" });
    const { id } = await createNoticeDraft(m, input, request);
    await sendNotice(m, { noticeId: id, overrideReason: null }, request);
    for (const o of orgs) await acceptNoticeTerms(o.v, id, request);
    return { m, orgs, bystander, id };
  }

  type World = Awaited<ReturnType<typeof world>>;
  type Org = World["orgs"][number];

  /** Each organisation's leaked copy in each text form, as its member got it. */
  async function copies(w: World, o: Org): Promise<Record<Exclude<CopyForm, "download">, string>> {
    const page = await getVendorNotice(o.v, w.id, request);
    if (page.view !== "full") throw new Error("terms not accepted");
    const api = await getVendorNotice(o.v, w.id, request, "api");
    if (api.view !== "full") throw new Error("terms not accepted");
    const email = await db.client.outboxEmail.findFirstOrThrow({ where: { toAddress: o.email }, select: { textBody: true, encrypted: true } });
    expect(email.encrypted).toBe(true);
    const decrypted = gpg.run(["--decrypt"], email.textBody ?? "");
    expect(decrypted.status).toMatch(/^\[GNUPG:\] DECRYPTION_OKAY/m);
    const csaf = await getEmbargoedCsaf(o.v, w.id, request);
    // Valid CSAF 2.0 (strict schema and every mandatory test), marks and all. The recommended canonical-URL test warns
    // about every embargoed document, clean or not (it has no public address yet): the same warning either way.
    expect(await csafFailures(csaf)).toEqual(await csafFailures(await getEmbargoedCsaf(w.m, w.id, request)));
    expect((await csafFailures(csaf)).filter((t) => t.errors.length > 0)).toEqual([]);
    return {
      page: textOfHtml(renderToStaticMarkup(<VendorNoticeDetail notice={page.notice} recipient={page.recipient} now={new Date()} />)),
      email: decrypted.stdout.toString("utf8"),
      api: JSON.stringify(toApiNoticeDetail(api, getConfig().publicUrl)),
      csaf: JSON.stringify(csaf, null, 2),
    };
  }

  it("names the organisation and the form of every leaked copy, never a wrong one; a retyped copy carries no mark", async () => {
    const w = await world();
    const forms = ["page", "email", "api", "csaf"] as const;
    const candidates: Array<Candidate<{ organisation: string; form: CopyForm }>> = [...w.orgs, w.bystander].flatMap((o) =>
      forms.map((form) => ({ code: copyCode({ form, noticeId: w.id, organisationId: o.org.id }), copy: { organisation: o.name, form } })),
    );
    const rows: Array<{ form: string; how: Transformation; right: boolean; marks: number }> = [];
    const wrong: string[] = [];
    for (const o of w.orgs) {
      const leaked = await copies(w, o);
      // The maintainers' own trace (lib/notices/data/trace.ts) too; one maintainer per organisation keeps within its rate limit.
      const tracer = maintainer(await db.client.user.create({ data: { email: `tracer-${o.name.toLowerCase()}@project.example`, role: "MAINTAINER", status: "ACTIVE" } }));
      for (const form of forms) {
        for (const how of TRANSFORMATIONS) {
          const text = transform(leaked[form], how, PHRASE);
          const found = resolve(text, candidates);
          const traced = await traceCopy(tracer, { text }, request);
          const tracedRight =
            how === "retyped"
              ? traced.findings.length === 0 && traced.unknownMarks === 0
              : !traced.mixed && traced.unknownMarks === 0 && traced.findings.length === 1 && traced.findings[0]!.organisation.name === o.name && traced.findings[0]!.form === form;
          const right = tracedRight && (how === "retyped" ? found.marks === 0 && found.copies.length === 0 : found.unknown === 0 && found.copies.length === 1 && found.copies[0]!.copy.organisation === o.name && found.copies[0]!.copy.form === form);
          if (!right) wrong.push(`${o.name} ${form} ${how}: ${JSON.stringify(found)} / trace: ${JSON.stringify(traced.findings.map((f) => [f.organisation.name, f.form, f.marks]))}`);
          rows.push({ form, how, right, marks: found.marks });
        }
      }
    }
    console.log(`Leak tracing survival [${db.kind}] — traced/copies (intact marks min–max), ${w.orgs.length} organisations:\n${survivalTable(rows)}`);
    expect(wrong).toEqual([]);
    expect(rows.filter((r) => r.how !== "retyped").every((r) => r.marks >= 1)).toBe(true);
  });

  it("marks only prose: the code, commands, versions, CVE ids, vectors and links of every copy are the clean ones", async () => {
    const w = await world();
    const leaked = await copies(w, w.orgs[0]!);
    for (const [form, text] of Object.entries(leaked)) {
      for (const exact of ["memcpy(buf, header, header_len);", "max_header=4096", "archiver --version", "CVE-2026-41234", "4.2.7", "CWE-787", NOTICE.cvssVector, "https://github.com/acme/archiver/commit/0123456789abcdef0123456789abcdef01234567"]) {
        expect(text.includes(exact) || text.includes(JSON.stringify(exact).slice(1, -1)), `${form}: ${exact}`).toBe(true);
      }
      expect(findTextMarks(text).length, form).toBe(1);
    }
    // The API's structured fields are exactly the stored ones.
    const api = JSON.parse(leaked.api);
    expect([api.id, api.reference, api.cveIds, api.cwe, api.cvss.vector, api.affectedVersions, api.fixedVersions, api.references[0].url].join("|")).not.toMatch(MARK_CHARACTERS);
    expect(JSON.stringify(api.affected)).not.toMatch(MARK_CHARACTERS);
  });

  it("after disclosure every public output is the clean original, though the notice was read in every form under embargo", async () => {
    const w = await world();
    for (const o of w.orgs) expect(Object.values(await copies(w, o)).every((t) => findTextMarks(t).length === 1)).toBe(true);
    const before = new Date();
    await endEmbargoNow(w.m, { noticeId: w.id, reason: "Exploited in the wild" }, request);
    // The vendor's page and API now serve the clean original too.
    const page = await getVendorNotice(w.orgs[0]!.v, w.id, request);
    const api = await getVendorNotice(w.orgs[0]!.v, w.id, request, "api");
    expect(page.view === "full" && page.notice.copyMark).toBe(null);
    expect(api.view === "full" && api.notice.copyMark).toBe(null);
    const pageHtml = page.view === "full" ? renderToStaticMarkup(<VendorNoticeDetail notice={page.notice} recipient={page.recipient} now={new Date()} />) : "";
    expect(pageHtml).toContain("Heap overflow in the archive header parser");
    expect(await publishCsafDocument(w.id)).toBe("published");
    const paths = await listCsafDirectory();
    expect(paths).toHaveLength(1);
    const directory = await Promise.all(paths.map(async (path) => JSON.stringify(await getCsafDirectoryFile(path))));
    const emails = await db.client.outboxEmail.findMany({ where: { createdAt: { gte: before } }, select: { toAddress: true, subject: true, textBody: true } });
    expect(emails.some((e) => e.toAddress === "announce@archiver.example")).toBe(true);
    const outputs: Record<string, string> = {
      "vendor page": pageHtml,
      "vendor API": JSON.stringify(api.view === "full" ? toApiNoticeDetail(api, getConfig().publicUrl) : null),
      "advisory page": JSON.stringify(await getPublicAdvisory(w.id)),
      OSV: JSON.stringify(await getPublicOsv(w.id)),
      "CVE JSON": JSON.stringify(await getCveCnaContainer(w.m, w.id, request)),
      "CSAF (TLP:CLEAR)": JSON.stringify(await getPublicCsaf(w.id)),
      "CSAF directory": `${await getCsafIndex()}\n${directory.join("\n")}`,
      Atom: await getAtomFeed(),
      "emails after disclosure": emails.map((e) => `${e.subject}\n${e.textBody}`).join("\n"),
    };
    expect(outputs.OSV).toContain("archive header");
    for (const [name, text] of Object.entries(outputs)) expect(text, name).not.toMatch(MARK_CHARACTERS);
  });
});
