// CVE JSON 5 (CVE Record Format 5.1) for projects that are CVE Numbering Authorities: the CNA container of a disclosed
// advisory — what a CNA submits for its CVE ID through CVE Services (`cve publish CVE-… -f <file>` of cvelib,
// Vulnogram, the CVE Services API). Pure: plain typed input, no database, no clock.
//
// Why the container and not a whole record: a full record's `cveMetadata.assignerOrgId` and the container's
// `providerMetadata.orgId` are the CNA's UUID in the CVE Program's user registry, which Forewarn does not know; CVE
// Services sets both from the submitter's credentials (and overwrites them if given). So the download is the container
// without `providerMetadata`; `toCveRecord` wraps it into a full record for a caller that knows the CNA's UUID.
// Tests validate both against the official schema (test/fixtures/cve-record-format-bundled.json).
import { cveMetrics, type CveMetric } from "./cve-metrics";
import { advisoryUrls, type AdvisoryRecord, type AdvisoryReferenceType, type AffectedPackage, type ProjectInfo } from "./types";

/** The schema version these containers are checked against (the `dataVersion` of a full record). */
export const CVE_DATA_VERSION = "5.1";
const CVE_ID = /^CVE-[0-9]{4}-[0-9]{4,19}$/;

export type CveStatus = "affected" | "unaffected" | "unknown";
export type CveVersion = { version: string; status: CveStatus; versionType?: string; lessThan?: string; lessThanOrEqual?: string };
export type CveProduct = {
  vendor: string;
  product: string;
  collectionURL?: string;
  packageName?: string;
  repo?: string;
  platforms?: string[];
  defaultStatus: CveStatus;
  versions?: CveVersion[];
};
type Text = { lang: "en"; value: string };
export type CveReference = { url: string; name?: string; tags?: string[] };
export type CveCnaContainer = {
  providerMetadata?: { orgId: string; shortName?: string };
  title: string;
  datePublic: string;
  descriptions: Text[];
  affected: CveProduct[];
  problemTypes?: Array<{ descriptions: Array<{ lang: "en"; type: "CWE"; cweId: string; description: string }> }>;
  metrics?: CveMetric[];
  references: CveReference[];
  solutions?: Text[];
  workarounds?: Text[];
  credits?: Array<{ lang: "en"; value: string; type: "reporter" }>;
  x_generator: { engine: string };
};
export type CveRecord = {
  dataType: "CVE_RECORD";
  dataVersion: string;
  cveMetadata: { cveId: string; assignerOrgId: string; assignerShortName?: string; state: "PUBLISHED"; datePublished?: string };
  containers: { cna: CveCnaContainer & { providerMetadata: { orgId: string; shortName?: string } } };
};

/**
 * Package collections, by OSV ecosystem, with the URL the CVE schema's `collectionURL` examples give for them (Go:
 * pkg.go.dev, the collection the Go CNA's own records name). Ecosystems without one are named by vendor and product.
 */
const COLLECTIONS: Record<string, string> = {
  "crates.io": "https://crates.io",
  ConanCenter: "https://conan.io/center",
  CRAN: "https://cran.r-project.org",
  Debian: "https://packages.debian.org",
  Go: "https://pkg.go.dev",
  Hackage: "https://hackage.haskell.org",
  Hex: "https://repo.hex.pm",
  Julia: "https://juliahub.com",
  Maven: "https://repo.maven.apache.org/maven2",
  npm: "https://registry.npmjs.org",
  NuGet: "https://nuget.org/packages",
  opam: "https://opam.ocaml.org/packages",
  Packagist: "https://packagist.org",
  Pub: "https://pub.dev",
  PyPI: "https://pypi.python.org",
  RubyGems: "https://rubygems.org",
  VSCode: "https://marketplace.visualstudio.com",
};

/** How versions of an ECOSYSTEM range compare: the schema's named types where one fits, else "custom". */
const ECOSYSTEM_VERSION_TYPES: Record<string, string> = { PyPI: "python", Maven: "maven" };

/** CVE reference tags for the notice's typed links; links whose kind CVE has no tag for go untagged. */
const REFERENCE_TAGS: Partial<Record<AdvisoryReferenceType, string>> = { FIX: "patch", REPORT: "issue-tracking", PACKAGE: "product" };

/** The advisory's own CVE ID, the one the container is for (null: none, and then there is no container). */
export function cveIdOf(advisory: Pick<AdvisoryRecord, "cveIds">): string | null {
  const id = advisory.cveIds[0];
  return id && CVE_ID.test(id) ? id : null;
}

/** `CVE-2026-12345.json`. */
export const cveFileName = (cveId: string) => `${cveId}.json`;

/** At most `max` characters, cut at a word where possible, with an ellipsis saying so. */
function clip(text: string, max: number): string {
  const t = text.trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function collectionOf(ecosystem: string): { base: string; release: string | null; url: string | null } {
  const colon = ecosystem.indexOf(":");
  const base = colon === -1 ? ecosystem : ecosystem.slice(0, colon);
  const release = colon === -1 ? null : ecosystem.slice(colon + 1);
  // Maven's suffix is its repository (OSV "Maven:https://maven.google.com"): that is the collection.
  if (base === "Maven" && release && /^https:\/\//.test(release)) return { base, release: null, url: release };
  return { base, release, url: COLLECTIONS[base] ?? null };
}

function versionTypeOf(pkg: AffectedPackage): string {
  if (pkg.rangeType === "SEMVER") return "semver";
  if (pkg.rangeType === "GIT") return "git";
  return ECOSYSTEM_VERSION_TYPES[collectionOf(pkg.ecosystem).base] ?? "custom";
}

/**
 * OSV events → CVE version ranges, all `affected` (the product's defaultStatus is `unaffected`): introduced…fixed is
 * `lessThan`, introduced…last_affected `lessThanOrEqual`, introduced…limit `lessThan` (OSV's limit bounds the range);
 * a range still open at the end is affected from its start on (`lessThan: "*"`). A range that starts with a bound
 * starts at "0", the schema's "earliest version", as OSV's introduced "0" does.
 */
export function cveVersions(pkg: AffectedPackage): CveVersion[] {
  const versionType = versionTypeOf(pkg);
  const first = pkg.events[0];
  const events = first && "introduced" in first ? pkg.events : [{ introduced: "0" }, ...pkg.events];
  const out: CveVersion[] = [];
  let start: string | null = null;
  for (const event of events) {
    if ("introduced" in event) {
      if (start !== null) out.push({ version: start, status: "affected", versionType, lessThan: "*" });
      start = event.introduced;
      continue;
    }
    if (start === null) continue;
    if ("last_affected" in event) out.push({ version: start, status: "affected", versionType, lessThanOrEqual: event.last_affected });
    else out.push({ version: start, status: "affected", versionType, lessThan: "fixed" in event ? event.fixed : event.limit });
    start = null;
  }
  if (start !== null) out.push({ version: start, status: "affected", versionType, lessThan: "*" });
  for (const version of pkg.versions ?? []) out.push({ version, status: "affected" });
  // The schema wants unique entries.
  const seen = new Set<string>();
  return out.filter((v) => !seen.has(JSON.stringify(v)) && Boolean(seen.add(JSON.stringify(v))));
}

function product(project: ProjectInfo, pkg: AffectedPackage): CveProduct {
  const { release, url } = pkg.ecosystem ? collectionOf(pkg.ecosystem) : { release: null, url: null };
  const versions = cveVersions(pkg);
  return {
    vendor: project.name,
    product: pkg.name,
    // A package of a collection is named the way the collection names it; the vendor/product pair stays for readers.
    ...(url ? { collectionURL: url, packageName: pkg.name } : {}),
    ...(pkg.repo ? { repo: pkg.repo } : {}),
    // A distribution's release (Debian:12) is where the package runs.
    ...(release ? { platforms: [`${collectionOf(pkg.ecosystem).base} ${release}`] } : {}),
    defaultStatus: "unaffected",
    ...(versions.length > 0 ? { versions } : {}),
  };
}

function description(advisory: AdvisoryRecord): string {
  const parts = [
    advisory.summary,
    advisory.description,
    advisory.affectedVersions.trim() ? `Affected versions: ${advisory.affectedVersions.trim()}` : "",
    advisory.fixedVersions.trim() ? `Fixed versions: ${advisory.fixedVersions.trim()}` : "",
  ].filter((p) => p.trim() !== "");
  return clip(parts.length > 0 ? parts.map((p) => p.trim()).join("\n\n") : advisory.title, 4096);
}

function texts(values: string[]): Text[] | undefined {
  const unique = [...new Set(values.map((v) => v.trim()).filter(Boolean))];
  return unique.length > 0 ? unique.map((v) => ({ lang: "en" as const, value: clip(v, 4096) })) : undefined;
}

function references(project: ProjectInfo, advisory: AdvisoryRecord): CveReference[] {
  const list: CveReference[] = [
    { url: advisoryUrls(project, advisory.id).page, name: `${project.name} advisory ${advisory.reference}`, tags: ["vendor-advisory"] },
    ...advisory.references.map((ref) => {
      const tag = REFERENCE_TAGS[ref.type];
      return { url: ref.url, ...(tag ? { tags: [tag] } : {}) };
    }),
    // Related vulnerabilities (never this one's aliases): CVE's "related" tag says exactly that.
    ...advisory.relatedCveIds.filter((id) => CVE_ID.test(id)).map((id) => ({ url: `https://www.cve.org/CVERecord?id=${id}`, name: id, tags: ["related"] })),
  ];
  const seen = new Set<string>();
  return list.filter((r) => !seen.has(r.url) && Boolean(seen.add(r.url))).slice(0, 512);
}

/**
 * The CNA container of a disclosed advisory with a CVE ID. Throws for anything else (embargoed, withdrawn, never
 * disclosed, no CVE ID), so that a caller bug cannot export an embargoed notice: the data layer refuses those first,
 * with a message.
 */
export function toCveCnaContainer(project: ProjectInfo, advisory: AdvisoryRecord): CveCnaContainer {
  if (advisory.state !== "DISCLOSED" || !advisory.disclosedAt) throw new Error(`Advisory ${advisory.id} is not disclosed: no CVE record`);
  if (!cveIdOf(advisory)) throw new Error(`Advisory ${advisory.id} has no CVE ID: no CVE record`);
  const metrics = cveMetrics(advisory.cvss, advisory.severityRating);
  const solutions = texts([advisory.remediation]);
  const workarounds = texts([advisory.mitigation, advisory.workaround]);
  return {
    title: clip(advisory.title, 256),
    datePublic: advisory.disclosedAt.toISOString(),
    descriptions: [{ lang: "en", value: description(advisory) }],
    // Without structured ranges the product is named and its versions are unknown: the CNA completes them.
    affected: advisory.affected.length > 0 ? advisory.affected.map((pkg) => product(project, pkg)) : [{ vendor: project.name, product: project.name, defaultStatus: "unknown" }],
    ...(advisory.cwe ? { problemTypes: [{ descriptions: [{ lang: "en" as const, type: "CWE" as const, cweId: advisory.cwe.id, description: `${advisory.cwe.id} ${advisory.cwe.name}` }] }] } : {}),
    ...(metrics ? { metrics } : {}),
    references: references(project, advisory),
    ...(solutions ? { solutions } : {}),
    ...(workarounds ? { workarounds } : {}),
    // The reporter's credit only (record.ts already dropped it when they opted out).
    ...(advisory.reporterCredit ? { credits: [{ lang: "en" as const, value: clip(advisory.reporterCredit, 4096), type: "reporter" as const }] } : {}),
    x_generator: { engine: "Forewarn" },
  };
}

/**
 * A full published CVE record around a container, for a caller that knows the CNA's UUID and short name (the CVE
 * Program's user registry): `cveMetadata` and the container's `providerMetadata` name it.
 */
export function toCveRecord(cveId: string, container: CveCnaContainer, cna: { orgId: string; shortName?: string }): CveRecord {
  if (!CVE_ID.test(cveId)) throw new Error(`${JSON.stringify(cveId)} is not a CVE ID`);
  const providerMetadata = { orgId: cna.orgId, ...(cna.shortName ? { shortName: cna.shortName } : {}) };
  return {
    dataType: "CVE_RECORD",
    dataVersion: CVE_DATA_VERSION,
    cveMetadata: { cveId, assignerOrgId: cna.orgId, ...(cna.shortName ? { assignerShortName: cna.shortName } : {}), state: "PUBLISHED", datePublished: container.datePublic },
    containers: { cna: { providerMetadata, ...container } },
  };
}
