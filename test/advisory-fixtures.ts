// Advisory inputs for the format builders' tests: one with every field filled, one with the least an advisory can have.
import type { AdvisoryRecord, ProjectInfo } from "@/lib/advisories/formats/types";

export const project: ProjectInfo = {
  name: "Acme Parser",
  slug: "acme-parser",
  siteUrl: "https://forewarn.example.org",
  repositoryUrl: "https://github.com/acme/parser",
  publisherName: "Acme Parser maintainers",
  publisherNamespace: "https://acme.example.org",
  osvPrefix: "x_acme-parser",
  contactEmail: "security@acme.example.org",
};

const day = (iso: string) => new Date(iso);

export function fullAdvisory(overrides: Partial<AdvisoryRecord> = {}): AdvisoryRecord {
  return {
    id: "adv_full01",
    reference: "FW-2026-0001",
    state: "DISCLOSED",
    title: "Heap overflow in the chunked decoder",
    summary: "A crafted chunk length overflows the decode buffer.",
    description: "The chunked decoder trusts the **length** field.\n\n```c\nmemcpy(buf, src, len);\n```",
    remediation: "Upgrade to 1.4.2 or 2.0.3.",
    detection: "Look for `chunk length exceeds` in the logs.",
    affectedVersions: "1.0.0 to 1.4.1, 2.0.0 to 2.0.2",
    fixedVersions: "1.4.2, 2.0.3",
    cveIds: ["CVE-2026-12345"],
    relatedCveIds: ["CVE-2026-12346"],
    cwe: { id: "CWE-787", name: "Out-of-bounds Write" },
    cvss: { version: "3.1", vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", score: 9.8, severity: "CRITICAL" },
    severityRating: null,
    reporterCredit: "Jane Finder",
    affected: [
      {
        ecosystem: "npm",
        name: "@acme/parser",
        purl: null,
        rangeType: "SEMVER",
        repo: null,
        events: [{ introduced: "0" }, { fixed: "1.4.2" }, { introduced: "2.0.0" }, { fixed: "2.0.3" }],
      },
      {
        ecosystem: "PyPI",
        name: "acme-parser",
        purl: "pkg:pypi/acme-parser",
        rangeType: "ECOSYSTEM",
        repo: null,
        events: [{ introduced: "1.0" }, { last_affected: "1.3" }],
        versions: ["1.0", "1.1", "1.2", "1.3"],
      },
      {
        ecosystem: "Go",
        name: "github.com/acme/parser",
        purl: null,
        rangeType: "SEMVER",
        repo: null,
        events: [{ fixed: "1.4.2" }],
      },
      {
        ecosystem: "",
        name: "acme/parser",
        purl: null,
        rangeType: "GIT",
        repo: "https://github.com/acme/parser",
        events: [{ introduced: "1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c" }, { fixed: "a1b2c3d4e5f60718a1b2c3d4e5f60718a1b2c3d4" }],
      },
    ],
    references: [
      { type: "FIX", url: "https://github.com/acme/parser/commit/a1b2c3d4e5f60718a1b2c3d4e5f60718a1b2c3d4" },
      { type: "PACKAGE", url: "https://www.npmjs.com/package/@acme/parser" },
      { type: "WEB", url: "https://acme.example.org/releases/1.4.2" },
    ],
    mitigation: "Put a proxy that caps chunk sizes in front.",
    workaround: "Disable chunked decoding with `decoder.chunked = false`.",
    createdAt: day("2026-01-05T09:00:00Z"),
    sentAt: day("2026-01-06T10:00:00Z"),
    disclosureAt: day("2026-02-03T14:00:00Z"),
    disclosedAt: day("2026-02-03T14:00:05Z"),
    withdrawnAt: null,
    updatedAt: day("2026-02-03T14:00:05Z"),
    revisions: [
      { number: 2, date: day("2026-01-10T08:30:00Z"), summary: "Added the Go module to the affected packages" },
      { number: 3, date: day("2026-01-20T16:45:00Z"), summary: "Disclosure moved to 3 February" },
    ],
    ...overrides,
  };
}

export function minimalAdvisory(overrides: Partial<AdvisoryRecord> = {}): AdvisoryRecord {
  return {
    id: "adv_min01",
    reference: "FW-2026-0002",
    state: "DISCLOSED",
    title: "Denial of service in the parser",
    summary: "",
    description: "",
    remediation: "",
    detection: "",
    affectedVersions: "",
    fixedVersions: "",
    cveIds: [],
    relatedCveIds: [],
    cwe: null,
    cvss: null,
    severityRating: null,
    reporterCredit: null,
    affected: [],
    references: [],
    mitigation: "",
    workaround: "",
    createdAt: day("2026-03-01T09:00:00Z"),
    sentAt: day("2026-03-01T10:00:00Z"),
    disclosureAt: day("2026-03-15T12:00:00Z"),
    disclosedAt: day("2026-03-15T12:00:00Z"),
    withdrawnAt: null,
    updatedAt: day("2026-03-15T12:00:00Z"),
    revisions: [],
    ...overrides,
  };
}

export const now = day("2026-04-01T00:00:00Z");
