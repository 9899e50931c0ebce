import Ajv from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import schema from "@/test/fixtures/cve-record-format-bundled.json";
import { fullAdvisory, minimalAdvisory, project } from "@/test/advisory-fixtures";
import { cveFileName, cveIdOf, cveVersions, toCveCnaContainer, toCveRecord, type CveCnaContainer } from "./cve";

// The official CVE Record Format schema (see test/fixtures/README.md), JSON Schema draft-07 as it declares, with the
// `uri` and `date` formats checked.
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema(schema);
const validateRecord = ajv.getSchema(schema.$id)!;
const validateContainer = ajv.getSchema(`${schema.$id}#/definitions/cnaPublishedContainer`)!;

// A CNA's UUID, as CVE Services (or cvelib) sets it in `providerMetadata` when the container is submitted.
const CNA = { orgId: "8254265b-2729-46b6-b9e3-3dfca2d5bfca", shortName: "acme" };

function expectValid(container: CveCnaContainer) {
  // As submitted: the service adds providerMetadata, nothing else.
  const submitted = { providerMetadata: { orgId: CNA.orgId }, ...container };
  expect(validateContainer(submitted), JSON.stringify(validateContainer.errors, null, 2)).toBe(true);
  // And as the full published record it becomes.
  const record = toCveRecord("CVE-2026-12345", container, CNA);
  expect(validateRecord(record), JSON.stringify(validateRecord.errors, null, 2)).toBe(true);
}

const withCve = (overrides: Parameters<typeof fullAdvisory>[0] = {}) => minimalAdvisory({ cveIds: ["CVE-2026-12345"], ...overrides });
const V4 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";

describe("toCveCnaContainer", () => {
  it("builds a valid container from a fully filled advisory: two ecosystems, a git range, last_affected, CVSS v3.1, CWE, credit", () => {
    const container = toCveCnaContainer(project, fullAdvisory());
    expectValid(container);
    expect(container).toMatchObject({
      title: "Heap overflow in the chunked decoder",
      datePublic: "2026-02-03T14:00:05.000Z",
      problemTypes: [{ descriptions: [{ lang: "en", type: "CWE", cweId: "CWE-787", description: "CWE-787 Out-of-bounds Write" }] }],
      credits: [{ lang: "en", value: "Jane Finder", type: "reporter" }],
      solutions: [{ lang: "en", value: "Upgrade to 1.4.2 or 2.0.3." }],
      workarounds: [{ lang: "en", value: "Put a proxy that caps chunk sizes in front." }, { lang: "en", value: "Disable chunked decoding with `decoder.chunked = false`." }],
      x_generator: { engine: "Forewarn" },
    });
    expect(container.providerMetadata).toBeUndefined();
    expect(container.descriptions[0]!.value).toMatch(/^A crafted chunk length overflows the decode buffer\.\n\nThe chunked decoder trusts/);
    expect(container.descriptions[0]!.value).toContain("Affected versions: 1.0.0 to 1.4.1, 2.0.0 to 2.0.2");
    expect(container.metrics).toEqual([
      {
        format: "CVSS",
        scenarios: [{ lang: "en", value: "GENERAL" }],
        cvssV3_1: {
          version: "3.1",
          vectorString: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
          baseScore: 9.8,
          baseSeverity: "CRITICAL",
          attackVector: "NETWORK",
          attackComplexity: "LOW",
          privilegesRequired: "NONE",
          userInteraction: "NONE",
          scope: "UNCHANGED",
          confidentialityImpact: "HIGH",
          integrityImpact: "HIGH",
          availabilityImpact: "HIGH",
        },
      },
    ]);
  });

  it("maps OSV ranges to CVE versions, per package collection", () => {
    const [npm, pypi, go, git] = toCveCnaContainer(project, fullAdvisory()).affected;
    expect(npm).toEqual({
      vendor: "Acme Parser",
      product: "@acme/parser",
      collectionURL: "https://registry.npmjs.org",
      packageName: "@acme/parser",
      defaultStatus: "unaffected",
      versions: [
        { version: "0", status: "affected", versionType: "semver", lessThan: "1.4.2" },
        { version: "2.0.0", status: "affected", versionType: "semver", lessThan: "2.0.3" },
      ],
    });
    // last_affected is inclusive; the explicit versions are single entries.
    expect(pypi).toEqual({
      vendor: "Acme Parser",
      product: "acme-parser",
      collectionURL: "https://pypi.python.org",
      packageName: "acme-parser",
      defaultStatus: "unaffected",
      versions: [
        { version: "1.0", status: "affected", versionType: "python", lessThanOrEqual: "1.3" },
        ...["1.0", "1.1", "1.2", "1.3"].map((version) => ({ version, status: "affected" })),
      ],
    });
    // A range that starts with its fix: every version before it.
    expect(go).toMatchObject({ collectionURL: "https://pkg.go.dev", packageName: "github.com/acme/parser", versions: [{ version: "0", status: "affected", versionType: "semver", lessThan: "1.4.2" }] });
    // A git-only range: the project's product, its repository, commits.
    expect(git).toEqual({
      vendor: "Acme Parser",
      product: "acme/parser",
      repo: "https://github.com/acme/parser",
      defaultStatus: "unaffected",
      versions: [{ version: "1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c", status: "affected", versionType: "git", lessThan: "a1b2c3d4e5f60718a1b2c3d4e5f60718a1b2c3d4" }],
    });
  });

  it("names distribution packages with their release, Maven repositories as their collection, others by product", () => {
    const container = toCveCnaContainer(
      project,
      withCve({
        affected: [
          { ecosystem: "Debian:12", name: "acme-parser", purl: null, rangeType: "ECOSYSTEM", repo: null, events: [{ introduced: "0" }, { fixed: "1.4.2-1~deb12u1" }] },
          { ecosystem: "Maven:https://maven.google.com", name: "com.acme:parser", purl: null, rangeType: "ECOSYSTEM", repo: null, events: [{ introduced: "1.0" }, { fixed: "1.4.2" }] },
          { ecosystem: "Alpine:v3.16", name: "acme-parser", purl: null, rangeType: "ECOSYSTEM", repo: null, events: [{ introduced: "1.0-r0" }] },
        ],
      }),
    );
    expectValid(container);
    expect(container.affected).toEqual([
      { vendor: "Acme Parser", product: "acme-parser", collectionURL: "https://packages.debian.org", packageName: "acme-parser", platforms: ["Debian 12"], defaultStatus: "unaffected", versions: [{ version: "0", status: "affected", versionType: "custom", lessThan: "1.4.2-1~deb12u1" }] },
      { vendor: "Acme Parser", product: "com.acme:parser", collectionURL: "https://maven.google.com", packageName: "com.acme:parser", defaultStatus: "unaffected", versions: [{ version: "1.0", status: "affected", versionType: "maven", lessThan: "1.4.2" }] },
      // Still open: affected from its start on.
      { vendor: "Acme Parser", product: "acme-parser", platforms: ["Alpine v3.16"], defaultStatus: "unaffected", versions: [{ version: "1.0-r0", status: "affected", versionType: "custom", lessThan: "*" }] },
    ]);
  });

  it("writes a CVSS v4.0 vector with its base score (CVSS-B), its threat metrics in the vector", () => {
    const container = toCveCnaContainer(project, fullAdvisory({ cvss: { version: "4.0", vector: `${V4}/E:U`, score: 8.1, severity: "HIGH" } }));
    expectValid(container);
    expect(container.metrics).toEqual([
      {
        format: "CVSS",
        scenarios: [{ lang: "en", value: "GENERAL" }],
        cvssV4_0: {
          version: "4.0",
          vectorString: `${V4}/E:U`,
          baseScore: 9.3,
          baseSeverity: "CRITICAL",
          attackVector: "NETWORK",
          attackComplexity: "LOW",
          attackRequirements: "NONE",
          privilegesRequired: "NONE",
          userInteraction: "NONE",
          vulnConfidentialityImpact: "HIGH",
          vulnIntegrityImpact: "HIGH",
          vulnAvailabilityImpact: "HIGH",
          subConfidentialityImpact: "NONE",
          subIntegrityImpact: "NONE",
          subAvailabilityImpact: "NONE",
          exploitMaturity: "UNREPORTED",
        },
      },
    ]);
    const plain = toCveCnaContainer(project, fullAdvisory({ cvss: { version: "4.0", vector: V4, score: 9.3, severity: "CRITICAL" } }));
    expectValid(plain);
    expect(plain.metrics?.[0]).toHaveProperty("cvssV4_0.baseScore", 9.3);
    expect(plain.metrics?.[0]).not.toHaveProperty("cvssV4_0.exploitMaturity");
  });

  it("without CWE, vector or credit: no problem type, the plain rating, no credits; every kind of reference", () => {
    const container = toCveCnaContainer(
      project,
      withCve({
        severityRating: "HIGH",
        relatedCveIds: ["CVE-2026-12346"],
        references: [
          { type: "ADVISORY", url: "https://github.com/acme/parser/security/advisories/GHSA-xxxx-yyyy-zzzz" },
          { type: "FIX", url: "https://github.com/acme/parser/commit/a1b2c3d4e5f60718a1b2c3d4e5f60718a1b2c3d4" },
          { type: "PACKAGE", url: "https://pypi.org/project/acme-parser/" },
          { type: "REPORT", url: "https://github.com/acme/parser/issues/42" },
          { type: "ARTICLE", url: "https://blog.acme.example.org/chunked" },
          { type: "WEB", url: "https://acme.example.org/releases/1.4.2" },
          // The same link twice is listed once.
          { type: "WEB", url: "https://acme.example.org/releases/1.4.2" },
        ],
      }),
    );
    expectValid(container);
    expect(container.problemTypes).toBeUndefined();
    expect(container.credits).toBeUndefined();
    expect(container.metrics).toEqual([{ other: { type: "Textual description of severity", content: { text: "high" } } }]);
    expect(container.references).toEqual([
      { url: "https://forewarn.example.org/advisories/adv_min01", name: "Acme Parser advisory FW-2026-0002", tags: ["vendor-advisory"] },
      { url: "https://github.com/acme/parser/security/advisories/GHSA-xxxx-yyyy-zzzz" },
      { url: "https://github.com/acme/parser/commit/a1b2c3d4e5f60718a1b2c3d4e5f60718a1b2c3d4", tags: ["patch"] },
      { url: "https://pypi.org/project/acme-parser/", tags: ["product"] },
      { url: "https://github.com/acme/parser/issues/42", tags: ["issue-tracking"] },
      { url: "https://blog.acme.example.org/chunked" },
      { url: "https://acme.example.org/releases/1.4.2" },
      { url: "https://www.cve.org/CVERecord?id=CVE-2026-12346", name: "CVE-2026-12346", tags: ["related"] },
    ]);
  });

  it("a minimal advisory still makes a valid container: the project as product, versions unknown, the title as description", () => {
    const container = toCveCnaContainer(project, withCve());
    expectValid(container);
    expect(container.affected).toEqual([{ vendor: "Acme Parser", product: "Acme Parser", defaultStatus: "unknown" }]);
    expect(container.descriptions).toEqual([{ lang: "en", value: "Denial of service in the parser" }]);
    expect(Object.keys(container).sort()).toEqual(["affected", "datePublic", "descriptions", "references", "title", "x_generator"]);
  });

  it("keeps long texts within the schema's limits", () => {
    const container = toCveCnaContainer(project, withCve({ title: "T".repeat(300), description: "word ".repeat(2000), remediation: "x".repeat(5000) }));
    expectValid(container);
    expect(container.title).toHaveLength(256);
    expect(container.descriptions[0]!.value.length).toBeLessThanOrEqual(4096);
    expect(container.descriptions[0]!.value.endsWith("…")).toBe(true);
  });

  it("refuses what must not be exported: embargoed, withdrawn, never disclosed, no CVE ID", () => {
    expect(() => toCveCnaContainer(project, fullAdvisory({ state: "EMBARGOED", disclosedAt: null }))).toThrow(/not disclosed/);
    expect(() => toCveCnaContainer(project, fullAdvisory({ state: "WITHDRAWN", withdrawnAt: new Date() }))).toThrow(/not disclosed/);
    expect(() => toCveCnaContainer(project, minimalAdvisory())).toThrow(/no CVE ID/);
  });

  it("the schema check bites: the container alone lacks only what CVE Services adds, and a bad URL fails", () => {
    const container = toCveCnaContainer(project, fullAdvisory());
    expect(validateContainer(container)).toBe(false);
    expect(validateContainer.errors?.map((e) => e.message)).toEqual(["must have required property 'providerMetadata'"]);
    const bad = { providerMetadata: { orgId: CNA.orgId }, ...container, references: [{ url: "not a url" }] };
    expect(validateContainer(bad)).toBe(false);
    expect(JSON.stringify(validateContainer.errors)).toContain('must match format \\"uri\\"');
  });
});

describe("cveVersions", () => {
  const pkg = (events: Parameters<typeof cveVersions>[0]["events"], rangeType: "SEMVER" | "GIT" = "SEMVER") => ({ ecosystem: "npm", name: "p", purl: null, rangeType, repo: null, events });
  it("reads OSV's limit as the range's bound and two starts in a row as an open range", () => {
    expect(cveVersions(pkg([{ introduced: "1.0.0" }, { limit: "1.5.0" }]))).toEqual([{ version: "1.0.0", status: "affected", versionType: "semver", lessThan: "1.5.0" }]);
    expect(cveVersions(pkg([{ introduced: "1.0.0" }, { introduced: "2.0.0" }, { fixed: "2.0.1" }]))).toEqual([
      { version: "1.0.0", status: "affected", versionType: "semver", lessThan: "*" },
      { version: "2.0.0", status: "affected", versionType: "semver", lessThan: "2.0.1" },
    ]);
  });
});

describe("cveIdOf / cveFileName / toCveRecord", () => {
  it("take the advisory's own CVE", () => {
    expect(cveIdOf(fullAdvisory())).toBe("CVE-2026-12345");
    expect(cveIdOf(minimalAdvisory())).toBeNull();
    expect(cveFileName("CVE-2026-12345")).toBe("CVE-2026-12345.json");
    const record = toCveRecord("CVE-2026-12345", toCveCnaContainer(project, fullAdvisory()), CNA);
    expect(record.cveMetadata).toEqual({ cveId: "CVE-2026-12345", assignerOrgId: CNA.orgId, assignerShortName: "acme", state: "PUBLISHED", datePublished: "2026-02-03T14:00:05.000Z" });
    expect(record.containers.cna.providerMetadata).toEqual(CNA);
    expect(() => toCveRecord("CVE-26-1", toCveCnaContainer(project, fullAdvisory()), CNA)).toThrow(/not a CVE ID/);
  });
});
