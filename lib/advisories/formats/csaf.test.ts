import * as optional from "@secvisogram/csaf-validator-lib/optionalTests.js";
import validateStrict from "@secvisogram/csaf-validator-lib/validateStrict.js";
import { describe, expect, it } from "vitest";
import { fullAdvisory, minimalAdvisory, now, project } from "@/test/advisory-fixtures";
import { CSAF_DOCUMENT_TESTS, csafFailures } from "@/test/csaf-validation";
import type { AdvisoryRecord, Involvement } from "./types";
import { csafFileName, csafTlpLabel, rangeName, referenceFromCsafFile, toCsaf, type CsafDocument } from "./csaf";

// The strict CSAF 2.0 schema test (no additional properties anywhere), every mandatory test (6.1.1 to 6.1.33,
// including 6.1.8 which basic.js leaves to the schema test) and the recommended test 6.2.11 (a canonical URL: a self
// reference over https ending in the §5.1 file name; it only warns, so a warning counts as a failure here), run
// through validateStrict so only the library's own tests can run (test/csaf-validation.ts).
const tests = CSAF_DOCUMENT_TESTS;

async function expectValid(doc: CsafDocument) {
  const failures = await csafFailures(doc);
  expect(failures, JSON.stringify(failures, null, 2)).toEqual([]);
}

const embargoed = (make: (o?: Partial<AdvisoryRecord>) => AdvisoryRecord, o: Partial<AdvisoryRecord> = {}) =>
  make({ state: "EMBARGOED", disclosedAt: null, updatedAt: new Date("2026-01-20T16:45:00Z"), ...o });

const involvements: Involvement[] = [
  { party: "coordinator", status: "completed", date: new Date("2026-01-06T10:00:00Z"), summary: "Notice sent to 5 addressed vendors" },
  { party: "vendor", status: "in_progress", date: new Date("2026-01-20T00:00:00Z"), summary: "3 of 5 addressed vendors acknowledged" },
];

describe("toCsaf", () => {
  it.each([
    ["full, public", () => toCsaf(project, fullAdvisory(), { tlp: "CLEAR", involvements, now })],
    ["minimal, public", () => toCsaf(project, minimalAdvisory(), { tlp: "CLEAR", involvements: [], now })],
    ["full, embargoed", () => toCsaf(project, embargoed(fullAdvisory), { tlp: "AMBER", involvements, now })],
    ["minimal, embargoed", () => toCsaf(project, embargoed(minimalAdvisory), { tlp: "AMBER", involvements: [], now })],
    ["minimal, not sent yet", () => toCsaf(project, embargoed(minimalAdvisory, { sentAt: null }), { tlp: "AMBER", involvements: [], now })],
    ["withdrawn", () => toCsaf(project, fullAdvisory({ state: "WITHDRAWN", withdrawnAt: new Date("2026-02-10T09:00:00Z") }), { tlp: "CLEAR", involvements, now })],
    [
      "CVSS 4.0",
      () =>
        toCsaf(
          project,
          fullAdvisory({ cvss: { version: "4.0", vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", score: 9.3, severity: "CRITICAL" } }),
          { tlp: "CLEAR", involvements, now },
        ),
    ],
  ])("%s: passes the strict schema and every mandatory test", async (_name, build) => {
    await expectValid(build());
  });

  it("a broken document fails the same validation (the check can fail)", async () => {
    const doc = toCsaf(project, fullAdvisory(), { tlp: "CLEAR", involvements, now });
    const broken = structuredClone(doc);
    broken.vulnerabilities[0]!.product_status.known_affected.push("NO-SUCH-PRODUCT");
    const result = await validateStrict(tests, broken);
    expect(result.isValid).toBe(false);
    expect(result.tests.find((t) => t.name === "mandatoryTest_6_1_1")?.isValid).toBe(false);
  });

  it("labels the public document WHITE (CSAF 2.0's TLP 1.0 name for CLEAR) and the embargoed one AMBER", () => {
    expect(csafTlpLabel("CLEAR")).toBe("WHITE");
    const pub = toCsaf(project, fullAdvisory(), { tlp: "CLEAR", involvements: [], now });
    const amber = toCsaf(project, embargoed(fullAdvisory), { tlp: "AMBER", involvements: [], now });
    expect(pub.document.distribution.tlp.label).toBe("WHITE");
    expect(amber.document.distribution.tlp.label).toBe("AMBER");
    expect(amber.document.distribution.text).toContain("Embargoed until 2026-02-03T14:00:00.000Z");
  });

  it("refuses a public document before disclosure and an AMBER one after", () => {
    expect(() => toCsaf(project, embargoed(fullAdvisory), { tlp: "CLEAR", involvements: [], now })).toThrow(/not public/);
    expect(() => toCsaf(project, fullAdvisory({ state: "WITHDRAWN", disclosedAt: null, withdrawnAt: now }), { tlp: "CLEAR", involvements: [], now })).toThrow(
      /not public/,
    );
    expect(() => toCsaf(project, fullAdvisory(), { tlp: "AMBER", involvements: [], now })).toThrow(/no longer embargoed/);
  });

  it("mirrors the notice revisions in the revision history: final once public, interim under embargo", () => {
    const pub = toCsaf(project, fullAdvisory(), { tlp: "CLEAR", involvements: [], now }).document.tracking;
    expect(pub).toMatchObject({ id: "FW-2026-0001", status: "final", version: "4", initial_release_date: "2026-01-06T10:00:00.000Z", current_release_date: "2026-02-03T14:00:05.000Z" });
    expect(pub.revision_history).toEqual([
      { number: "1", date: "2026-01-06T10:00:00.000Z", summary: "Initial notice sent to the addressed vendors" },
      // The change notes were written for recipients under embargo: the public document only says "revised".
      { number: "2", date: "2026-01-10T08:30:00.000Z", summary: "Notice revision 2" },
      { number: "3", date: "2026-01-20T16:45:00.000Z", summary: "Notice revision 3" },
      { number: "4", date: "2026-02-03T14:00:05.000Z", summary: "Public disclosure" },
    ]);
    expect(pub.generator.date).toBe(now.toISOString());

    const amber = toCsaf(project, embargoed(fullAdvisory), { tlp: "AMBER", involvements: [], now }).document.tracking;
    expect(amber).toMatchObject({ status: "interim", version: "3", current_release_date: "2026-01-20T16:45:00.000Z" });
    expect(amber.revision_history).toHaveLength(3);
    expect(amber.revision_history[1]!.summary).toBe("Notice revision 2: Added the Go module to the affected packages");

    const draft = toCsaf(project, embargoed(minimalAdvisory, { sentAt: null }), { tlp: "AMBER", involvements: [], now }).document.tracking;
    expect(draft).toMatchObject({ status: "draft", version: "0" });
  });

  it("keeps the revision history valid when events share a timestamp", async () => {
    const t = new Date("2026-03-15T12:00:00Z");
    const doc = toCsaf(project, minimalAdvisory({ sentAt: t, disclosedAt: t, revisions: [{ number: 2, date: t, summary: "" }] }), { tlp: "CLEAR", involvements: [], now });
    expect(doc.document.tracking.revision_history.map((r) => r.number)).toEqual(["1", "2", "3"]);
    await expectValid(doc);
  });

  it("builds the product tree from the affected packages, with purls and vers ranges", () => {
    const doc = toCsaf(project, fullAdvisory(), { tlp: "CLEAR", involvements: [], now });
    const vendor = doc.product_tree.branches?.[0];
    expect(vendor).toMatchObject({ category: "vendor", name: "Acme Parser" });
    const [npm, pypi] = vendor?.branches ?? [];
    expect(npm?.branches?.map((b) => [b.category, b.name, b.product?.product_id, b.product?.product_identification_helper?.purl])).toEqual([
      ["product_version_range", "vers:npm/<1.4.2|>=2.0.0|<2.0.3", "P1-RANGE", "pkg:npm/%40acme/parser"],
      ["product_version", "1.4.2", "P1-FIXED1", "pkg:npm/%40acme/parser@1.4.2"],
      ["product_version", "2.0.3", "P1-FIXED2", "pkg:npm/%40acme/parser@2.0.3"],
    ]);
    expect(pypi?.branches?.map((b) => b.name)).toEqual(["vers:pypi/>=1.0|<=1.3", "1.0", "1.1", "1.2", "1.3"]);
    const status = doc.vulnerabilities[0]!.product_status;
    expect(status.known_affected).toEqual(["P1-RANGE", "P2-RANGE", "P2-V1", "P2-V2", "P2-V3", "P2-V4", "P3-RANGE", "P4-RANGE"]);
    expect(status.fixed).toEqual(["P1-FIXED1", "P1-FIXED2", "P3-FIXED1", "P4-FIXED1"]);
  });

  it("describes a git range in words, since vers cannot order commits", () => {
    const git = fullAdvisory().affected[3]!;
    expect(rangeName(git)).toBe("git https://github.com/acme/parser: introduced 1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c, fixed a1b2c3d4e5f60718a1b2c3d4e5f60718a1b2c3d4");
    expect(rangeName({ ...git, ecosystem: "Linux", rangeType: "ECOSYSTEM", events: [{ introduced: "0" }] })).toBe("ecosystem: introduced 0");
    expect(rangeName({ ...git, ecosystem: "Linux", rangeType: "SEMVER", events: [{ introduced: "0" }] })).toBe("vers:semver/*");
  });

  it("without affected packages, the project itself is the affected product", () => {
    const doc = toCsaf(project, minimalAdvisory(), { tlp: "CLEAR", involvements: [], now });
    expect(doc.product_tree).toEqual({ full_product_names: [{ name: "Acme Parser", product_id: "PROJECT" }] });
    expect(doc.vulnerabilities).toHaveLength(1);
    expect(doc.vulnerabilities[0]).toMatchObject({ product_status: { known_affected: ["PROJECT"] }, ids: [{ text: "FW-2026-0002" }] });
    expect(doc.vulnerabilities[0]?.cve).toBeUndefined();
  });

  it("one vulnerability with its CVE, CWE, CVSS v3 score, remediations and the reporter; related CVEs as references", () => {
    const doc = toCsaf(project, fullAdvisory(), { tlp: "CLEAR", involvements, now });
    expect(doc.vulnerabilities.map((v) => v.cve)).toEqual(["CVE-2026-12345"]);
    expect(doc.vulnerabilities[0]?.references).toContainEqual({ category: "external", summary: "Related vulnerability CVE-2026-12346", url: "https://www.cve.org/CVERecord?id=CVE-2026-12346" });
    const v = doc.vulnerabilities[0]!;
    expect(v.cwe).toEqual({ id: "CWE-787", name: "Out-of-bounds Write" });
    expect(v.scores?.[0]?.cvss_v3).toEqual({ version: "3.1", vectorString: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", baseScore: 9.8, baseSeverity: "CRITICAL" });
    expect(v.remediations?.map((r) => [r.category, r.details, r.product_ids.length])).toEqual([
      ["vendor_fix", "Upgrade to 1.4.2 or 2.0.3.", 8],
      ["mitigation", "Put a proxy that caps chunk sizes in front.", 8],
      ["workaround", "Disable chunked decoding with `decoder.chunked = false`.", 8],
    ]);
    expect(v.remediations?.[0]?.url).toBe("https://github.com/acme/parser/commit/a1b2c3d4e5f60718a1b2c3d4e5f60718a1b2c3d4");
    expect(v.acknowledgments).toEqual([{ names: ["Jane Finder"], summary: "Reported the vulnerability" }]);
    expect(v.involvements).toEqual([
      { party: "coordinator", status: "completed", date: "2026-01-06T10:00:00.000Z", summary: "Notice sent to 5 addressed vendors" },
      { party: "vendor", status: "in_progress", date: "2026-01-20T00:00:00.000Z", summary: "3 of 5 addressed vendors acknowledged" },
    ]);
    expect(v.release_date).toBe("2026-02-03T14:00:05.000Z");
    expect(doc.document.aggregate_severity).toEqual({ text: "CRITICAL", namespace: "https://www.first.org/cvss/v3.1/specification-document" });
  });

  it("keeps a CVSS 4.0 vector in a note, since CSAF 2.0 scores have no cvss_v4", () => {
    const vector = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
    const doc = toCsaf(project, fullAdvisory({ cvss: { version: "4.0", vector, score: 9.3, severity: "CRITICAL" } }), { tlp: "CLEAR", involvements: [], now });
    const v = doc.vulnerabilities[0]!;
    expect(v.scores).toBeUndefined();
    expect(v.notes).toContainEqual({ category: "other", title: "CVSS v4.0", text: `${vector} (CVSS-B 9.3, CRITICAL)` });
    expect(doc.document.aggregate_severity?.text).toBe("CRITICAL");
  });

  it("leaves out the reporter who opted out of credit", () => {
    const doc = toCsaf(project, fullAdvisory({ reporterCredit: null }), { tlp: "CLEAR", involvements, now });
    expect(doc.vulnerabilities.every((v) => v.acknowledgments === undefined)).toBe(true);
    expect(JSON.stringify(doc)).not.toContain("Jane Finder");
  });

  it("links to itself at its canonical URL (the §5.1 file name) and, once public, to the advisory page", async () => {
    const pub = toCsaf(project, fullAdvisory(), { tlp: "CLEAR", involvements: [], now });
    expect(pub.document.references).toEqual([
      { category: "self", summary: "This CSAF document", url: "https://forewarn.example.org/advisories/adv_full01/fw-2026-0001.json" },
      { category: "external", summary: "Advisory page", url: "https://forewarn.example.org/advisories/adv_full01" },
    ]);
    // The AMBER copy names the same address (served to its readers only) and nothing public besides.
    const amber = toCsaf(project, embargoed(fullAdvisory), { tlp: "AMBER", involvements: [], now });
    expect(amber.document.references).toEqual([{ category: "self", summary: "This CSAF document", url: "https://forewarn.example.org/advisories/adv_full01/fw-2026-0001.json" }]);
    // Test 6.2.11 can fail: an http site, or a self URL without the file name, is warned about.
    const onHttp = toCsaf({ ...project, siteUrl: "http://forewarn.example.org" }, fullAdvisory(), { tlp: "CLEAR", involvements: [], now });
    const warned = await validateStrict([optional.optionalTest_6_2_11!], onHttp);
    expect(warned.tests[0]?.warnings).toEqual([{ instancePath: "/document/references", message: "missing canonical url" }]);
  });

  it("maps a canonical file name back to its reference, and nothing else", () => {
    expect(referenceFromCsafFile("fw-2026-0001.json")).toBe("FW-2026-0001");
    for (const file of ["FW-2026-0001.json", "fw-2026-0001", "fw_2026_0001.json", "../fw-2026-0001.json", "csaf.json.json", `${"a".repeat(41)}.json`]) {
      expect(referenceFromCsafFile(file), file).toBeNull();
    }
  });

  it("refuses two involvements of one party at the same date, which CSAF forbids", () => {
    const date = new Date("2026-01-20T00:00:00Z");
    const twice: Involvement[] = [
      { party: "vendor", status: "completed", date },
      { party: "vendor", status: "open", date },
    ];
    expect(() => toCsaf(project, fullAdvisory(), { tlp: "CLEAR", involvements: twice, now })).toThrow(/6\.1\.24/);
    // Exact duplicates are merged instead.
    const doc = toCsaf(project, fullAdvisory(), { tlp: "CLEAR", involvements: [twice[0]!, twice[0]!], now });
    expect(doc.vulnerabilities[0]?.involvements).toHaveLength(1);
  });

  it("optional tests warn only about the git-only package (no purl, no vers for commits)", async () => {
    const doc = toCsaf(project, fullAdvisory(), { tlp: "CLEAR", involvements, now });
    const result = await validateStrict(Object.values(optional), doc);
    const warnings = result.tests.flatMap((t) => t.warnings.map((w) => [t.name, w.instancePath]));
    // The fourth package is the git-only range: its products have no purl (6.2.16) and its range is words (6.2.18).
    expect(warnings).toEqual([
      ["optionalTest_6_2_16", "/product_tree/branches/0/branches/3/branches/0/product"],
      ["optionalTest_6_2_16", "/product_tree/branches/0/branches/3/branches/1/product"],
      ["optionalTest_6_2_18", "/product_tree/branches/0/branches/3/branches/0"],
    ]);
    expect(csafFileName("FW-2026-0001")).toBe("fw-2026-0001.json");
    expect(csafFileName("FW 2026/01")).toBe("fw_2026_01.json");
  });
});
