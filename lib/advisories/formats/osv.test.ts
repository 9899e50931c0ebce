import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import schema from "@/test/fixtures/osv-schema.json";
import { fullAdvisory, minimalAdvisory, project } from "@/test/advisory-fixtures";
import { isValidOsvPrefix } from "@/lib/settings/osv-prefix";
import { osvId, toOsv } from "./osv";

// The official OSV schema (see test/fixtures/README.md), draft 2020-12.
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function expectValid(record: unknown) {
  const ok = validate(record);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(ok).toBe(true);
}

describe("toOsv", () => {
  it("builds a schema-valid record from a fully filled advisory", () => {
    const record = toOsv(project, fullAdvisory());
    expectValid(record);
    expect(record).toMatchObject({
      id: "x_acme-parser-FW-2026-0001",
      published: "2026-02-03T14:00:05.000Z",
      modified: "2026-02-03T14:00:05.000Z",
      summary: "Heap overflow in the chunked decoder",
      severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" }],
      credits: [{ name: "Jane Finder", type: "REPORTER" }],
      database_specific: { reference: "FW-2026-0001", severity: "CRITICAL", cwe_ids: ["CWE-787"] },
    });
    expect(record.withdrawn).toBeUndefined();
    expect(record.details).toContain("### Workaround\n\nDisable chunked decoding");
    expect(record.details).toContain("The chunked decoder trusts the **length** field.");
  });

  it("maps affected packages to OSV packages, purls and ranges", () => {
    const [npm, pypi, go, git] = toOsv(project, fullAdvisory()).affected ?? [];
    expect(npm).toEqual({
      package: { ecosystem: "npm", name: "@acme/parser", purl: "pkg:npm/%40acme/parser" },
      ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "1.4.2" }, { introduced: "2.0.0" }, { fixed: "2.0.3" }] }],
    });
    expect(pypi).toEqual({
      package: { ecosystem: "PyPI", name: "acme-parser", purl: "pkg:pypi/acme-parser" },
      ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "1.0" }, { last_affected: "1.3" }] }],
      versions: ["1.0", "1.1", "1.2", "1.3"],
    });
    // A range that starts with a bound means "every version before it": introduced "0".
    expect(go).toEqual({
      package: { ecosystem: "Go", name: "github.com/acme/parser", purl: "pkg:golang/github.com/acme/parser" },
      ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "1.4.2" }] }],
    });
    // A git-only range has no package (an empty ecosystem is not valid OSV).
    expect(git).toEqual({
      ranges: [
        {
          type: "GIT",
          repo: "https://github.com/acme/parser",
          events: [{ introduced: "1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c" }, { fixed: "a1b2c3d4e5f60718a1b2c3d4e5f60718a1b2c3d4" }],
        },
      ],
    });
  });

  it("lists the advisory page first, then the advisory's references", () => {
    expect(toOsv(project, fullAdvisory()).references).toEqual([
      { type: "ADVISORY", url: "https://forewarn.example.org/advisories/adv_full01" },
      { type: "FIX", url: "https://github.com/acme/parser/commit/a1b2c3d4e5f60718a1b2c3d4e5f60718a1b2c3d4" },
      { type: "PACKAGE", url: "https://www.npmjs.com/package/@acme/parser" },
      { type: "WEB", url: "https://acme.example.org/releases/1.4.2" },
    ]);
  });

  it("builds a schema-valid record from a minimal advisory", () => {
    const record = toOsv(project, minimalAdvisory());
    expectValid(record);
    expect(Object.keys(record).sort()).toEqual(["database_specific", "id", "modified", "published", "references", "schema_version", "summary"]);
    expect(record.database_specific).toEqual({ reference: "FW-2026-0002" });
  });

  it("makes the advisory's own CVE its only alias, and other CVEs related (one advisory, one vulnerability)", () => {
    const record = toOsv(project, fullAdvisory());
    expect(record.aliases).toEqual(["CVE-2026-12345"]);
    expect(record.related).toEqual(["CVE-2026-12346"]);
    expectValid(record);
    expect(toOsv(project, minimalAdvisory()).aliases).toBeUndefined();
    expect(toOsv(project, minimalAdvisory()).related).toBeUndefined();
  });

  it("carries a CVSS 4.0 vector as CVSS_V4", () => {
    const cvss = { version: "4.0", vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", score: 9.3, severity: "CRITICAL" } as const;
    const record = toOsv(project, fullAdvisory({ cvss }));
    expectValid(record);
    expect(record.severity).toEqual([{ type: "CVSS_V4", score: cvss.vector }]);
  });

  it("keeps a plain severity rating in database_specific when there is no vector", () => {
    const record = toOsv(project, minimalAdvisory({ severityRating: "HIGH" }));
    expect(record.severity).toBeUndefined();
    expect(record.database_specific.severity).toBe("HIGH");
  });

  it("sets withdrawn for an advisory withdrawn after disclosure", () => {
    const withdrawnAt = new Date("2026-02-10T09:00:00Z");
    const record = toOsv(project, fullAdvisory({ state: "WITHDRAWN", withdrawnAt }));
    expectValid(record);
    expect(record.withdrawn).toBe("2026-02-10T09:00:00.000Z");
    expect(record.modified).toBe("2026-02-10T09:00:00.000Z");
  });

  it("refuses an embargoed advisory, and one withdrawn before disclosure", () => {
    expect(() => toOsv(project, fullAdvisory({ state: "EMBARGOED", disclosedAt: null }))).toThrow(/embargoed/);
    // Even if a disclosure date was somehow set, the state decides.
    expect(() => toOsv(project, fullAdvisory({ state: "EMBARGOED" }))).toThrow(/embargoed/);
    expect(() => toOsv(project, fullAdvisory({ state: "WITHDRAWN", disclosedAt: null, withdrawnAt: new Date() }))).toThrow(/never disclosed/);
  });

  it("leaves out the reporter who opted out of credit", () => {
    const record = toOsv(project, fullAdvisory({ reporterCredit: null }));
    expect(record.credits).toBeUndefined();
    expect(JSON.stringify(record)).not.toContain("Jane Finder");
  });

  it("refuses a GIT range without a repo and a range mixing fixed and last_affected", () => {
    const base = fullAdvisory().affected[3]!;
    expect(() => toOsv(project, fullAdvisory({ affected: [{ ...base, repo: null }] }))).toThrow(/no repo/);
    const mixed = { ...base, events: [{ introduced: "0" }, { fixed: "1" }, { last_affected: "2" }] };
    expect(() => toOsv(project, fullAdvisory({ affected: [mixed] }))).toThrow(/mix/);
  });
});

describe("osvId", () => {
  it.each([
    ["x_acme", true],
    ["x_acme-parser", true],
    ["x_acme.parser_2", true],
    ["x_", false],
    ["acme", false],
    ["GHSA", false],
    ["x_acme parser", false],
    ["x_acme-", false],
  ])("prefix %s valid: %s", (prefix, valid) => {
    expect(isValidOsvPrefix(prefix)).toBe(valid);
  });

  it("joins the prefix and the reference, and refuses an unregistered prefix without x_", () => {
    expect(osvId({ osvPrefix: "x_acme" }, { reference: "FW-2026-0001" })).toBe("x_acme-FW-2026-0001");
    expect(() => osvId({ osvPrefix: "ACME" }, { reference: "FW-2026-0001" })).toThrow(/x_/);
    expect(() => osvId({ osvPrefix: "x_acme" }, { reference: "FW 1\n" })).toThrow(/reference/);
  });

  it("produces ids the schema accepts, and the schema rejects the same id without x_", () => {
    const record = toOsv(project, minimalAdvisory());
    expectValid(record);
    expect(validate({ ...record, id: "acme-parser-FW-2026-0002" })).toBe(false);
  });
});
