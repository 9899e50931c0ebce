// CSAF 2.0 security advisory (https://docs.oasis-open.org/csaf/csaf/v2.0/) for one advisory: TLP:AMBER for the
// addressed vendors during the embargo, TLP:CLEAR (label WHITE, see csafTlpLabel) once disclosed.
// Tests run @secvisogram/csaf-validator-lib's strict schema test and every mandatory test on the output.
import { normaliseEvents } from "./osv";
import { packagePurl, purlTypeFor } from "./purl";
import { cvssScoreLabel } from "@/lib/notices/cvss";
import {
  advisoryUrls,
  type AdvisoryRecord,
  type AffectedPackage,
  type Involvement,
  type ProjectInfo,
  type VersionEvent,
} from "./types";

export type Tlp = "CLEAR" | "AMBER";
export type CsafOptions = {
  tlp: Tlp;
  /** Aggregates only (they go to every addressed vendor); at most one per party and date. */
  involvements: Involvement[];
  now: Date;
};

type Note = { category: "description" | "details" | "general" | "legal_disclaimer" | "other" | "summary"; text: string; title?: string };
type Reference = { category?: "self" | "external"; summary: string; url: string };
type Product = { name: string; product_id: string; product_identification_helper?: { purl: string } };
type Branch = { category: "vendor" | "product_name" | "product_version" | "product_version_range"; name: string; branches?: Branch[]; product?: Product };
type Remediation = { category: "vendor_fix" | "mitigation" | "workaround"; details: string; product_ids: string[]; url?: string };
type RevisionEntry = { date: string; number: string; summary: string };
type CvssV3 = { version: "3.0" | "3.1"; vectorString: string; baseScore: number; baseSeverity: string };

export type CsafVulnerability = {
  cve?: string;
  cwe?: { id: string; name: string };
  ids: Array<{ system_name: string; text: string }>;
  title: string;
  notes: Note[];
  release_date?: string;
  product_status: { known_affected: string[]; fixed?: string[] };
  scores?: Array<{ products: string[]; cvss_v3: CvssV3 }>;
  remediations?: Remediation[];
  acknowledgments?: Array<{ names: string[]; summary: string }>;
  involvements?: Array<{ party: string; status: string; date?: string; summary?: string }>;
  references?: Reference[];
};

export type CsafDocument = {
  document: {
    category: "csaf_security_advisory";
    csaf_version: "2.0";
    lang: "en";
    title: string;
    publisher: { category: "vendor"; name: string; namespace: string; contact_details?: string };
    distribution: { text: string; tlp: { label: "WHITE" | "AMBER" } };
    aggregate_severity?: { text: string; namespace?: string };
    notes: Note[];
    references: Reference[];
    tracking: {
      id: string;
      status: "draft" | "interim" | "final";
      version: string;
      initial_release_date: string;
      current_release_date: string;
      revision_history: RevisionEntry[];
      generator: { date: string; engine: { name: string } };
    };
  };
  product_tree: { branches?: Branch[]; full_product_names?: Product[] };
  vulnerabilities: CsafVulnerability[];
};

/**
 * CSAF 2.0 predates TLP 2.0: its schema only allows the TLP 1.0 labels AMBER, GREEN, RED and WHITE. TLP 2.0's CLEAR
 * replaced WHITE with the same meaning (disclosure not limited), so CLEAR is written as WHITE. AMBER keeps its name;
 * the embargo's own terms are stated in distribution.text. The url is left to its default (FIRST's TLP page).
 */
export function csafTlpLabel(tlp: Tlp): "WHITE" | "AMBER" {
  return tlp === "CLEAR" ? "WHITE" : "AMBER";
}

const REFERENCE_SUMMARIES: Record<AdvisoryRecord["references"][number]["type"], string> = {
  ADVISORY: "Advisory",
  FIX: "Fix",
  PACKAGE: "Package",
  REPORT: "Report",
  WEB: "Web page",
  ARTICLE: "Article",
};

function eventValue(event: VersionEvent): [keyof VersionEvent | string, string] {
  const [key, value] = Object.entries(event)[0] ?? ["", ""];
  return [key, String(value)];
}

/**
 * The range as a product_version_range name: a vers string (`vers:npm/>=2.0.0|<2.0.3`) when the ecosystem has a
 * versioning scheme vers names (its purl type, or semver), else plain words (vls). Events are taken in the given
 * order, which vers requires to be ascending. GIT ranges are commits, which vers cannot order: words too.
 */
export function rangeName(pkg: AffectedPackage): string {
  const events = normaliseEvents(pkg.events);
  const scheme = pkg.rangeType === "GIT" ? null : (purlTypeFor(pkg.ecosystem) ?? (pkg.rangeType === "SEMVER" ? "semver" : null));
  if (!scheme) {
    const words = events.map((e) => eventValue(e)).map(([k, v]) => `${k.replace("_", " ")} ${v}`);
    return `${pkg.rangeType === "GIT" ? `git ${pkg.repo}` : pkg.rangeType.toLowerCase()}: ${words.join(", ")}`;
  }
  const constraints: string[] = [];
  for (const [kind, version] of events.map(eventValue)) {
    if (kind === "introduced" && version !== "0") constraints.push(`>=${version}`);
    else if (kind === "fixed" || kind === "limit") constraints.push(`<${version}`);
    else if (kind === "last_affected") constraints.push(`<=${version}`);
  }
  return `vers:${scheme}/${constraints.length > 0 ? constraints.join("|") : "*"}`;
}

/** Products per affected package: one for the range, one per listed version (affected), one per fixed version. */
function productTree(project: ProjectInfo, advisory: AdvisoryRecord) {
  const knownAffected: string[] = [];
  const fixed: string[] = [];
  if (advisory.affected.length === 0) {
    // Nothing more precise was given: the project as a whole is the affected product.
    knownAffected.push("PROJECT");
    return { tree: { full_product_names: [{ name: project.name, product_id: "PROJECT" }] }, knownAffected, fixed };
  }
  const packages = advisory.affected.map((pkg, i): Branch => {
    const label = pkg.ecosystem ? `${pkg.name} (${pkg.ecosystem})` : pkg.name;
    const purl = (version?: string) => (pkg.ecosystem ? packagePurl(pkg, version) : null);
    const product = (id: string, name: string, version?: string): Product => {
      const p = purl(version);
      return { name, product_id: id, ...(p ? { product_identification_helper: { purl: p } } : {}) };
    };
    const versions: Branch[] = [];
    if (pkg.events.length > 0) {
      const id = `P${i + 1}-RANGE`;
      const name = rangeName(pkg);
      versions.push({ category: "product_version_range", name, product: product(id, `${label} ${name}`) });
      knownAffected.push(id);
    }
    const listed = [...new Set(pkg.versions ?? [])];
    listed.forEach((v, k) => {
      const id = `P${i + 1}-V${k + 1}`;
      versions.push({ category: "product_version", name: v, product: product(id, `${label} ${v}`, v) });
      knownAffected.push(id);
    });
    const fixedVersions = [...new Set(pkg.events.flatMap((e) => ("fixed" in e ? [e.fixed] : [])))].filter((v) => !listed.includes(v));
    fixedVersions.forEach((v, k) => {
      const id = `P${i + 1}-FIXED${k + 1}`;
      versions.push({ category: "product_version", name: v, product: product(id, `${label} ${v}`, v) });
      fixed.push(id);
    });
    if (versions.length === 0) {
      knownAffected.push(`P${i + 1}`);
      return { category: "product_name", name: label, product: product(`P${i + 1}`, label) };
    }
    return { category: "product_name", name: label, branches: versions };
  });
  return { tree: { branches: [{ category: "vendor" as const, name: project.name, branches: packages }] }, knownAffected, fixed };
}

/**
 * One revision per notice event: the initial send, each notice revision after it, the disclosure and a withdrawal.
 * Versions are integers 1..n in date order (CSAF tests 6.1.14/6.1.21/6.1.22). Two entries at the same instant would
 * make the date order ambiguous, so a later entry sharing its predecessor's time is moved 1 ms later.
 */
function revisionHistory(advisory: AdvisoryRecord, tlp: Tlp): RevisionEntry[] {
  const entries: Array<{ date: Date; summary: string; order: number }> = [];
  if (advisory.sentAt) {
    entries.push({ date: advisory.sentAt, summary: "Initial notice sent to the addressed vendors", order: 0 });
    for (const r of advisory.revisions) {
      // Change notes were written for the recipients under embargo (they may name one): the public document says
      // only that the notice was revised.
      const text = tlp === "AMBER" ? r.summary.trim() : "";
      entries.push({ date: r.date, summary: `Notice revision ${r.number}${text ? `: ${text}` : ""}`, order: r.number });
    }
  }
  if (tlp === "CLEAR" && advisory.disclosedAt) {
    entries.push({ date: advisory.disclosedAt, summary: "Public disclosure", order: Number.MAX_SAFE_INTEGER - 1 });
  }
  if (tlp === "CLEAR" && advisory.state === "WITHDRAWN" && advisory.withdrawnAt) {
    entries.push({ date: advisory.withdrawnAt, summary: "Advisory withdrawn", order: Number.MAX_SAFE_INTEGER });
  }
  entries.sort((a, b) => a.date.getTime() - b.date.getTime() || a.order - b.order);
  let previous = -Infinity;
  return entries.map((e, i) => {
    const time = Math.max(e.date.getTime(), previous + 1);
    previous = time;
    return { date: new Date(time).toISOString(), number: String(i + 1), summary: e.summary };
  });
}

function tracking(advisory: AdvisoryRecord, tlp: Tlp, now: Date): CsafDocument["document"]["tracking"] {
  const history = revisionHistory(advisory, tlp);
  const generator = { date: now.toISOString(), engine: { name: "Forewarn" } };
  const first = history[0];
  const last = history[history.length - 1];
  if (!first || !last) {
    // Not sent yet (a maintainer preview): CSAF requires status draft with version 0 (tests 6.1.17/6.1.18).
    const created = advisory.createdAt.toISOString();
    return {
      id: advisory.reference,
      status: "draft",
      version: "0",
      initial_release_date: created,
      current_release_date: created,
      revision_history: [{ date: created, number: "0", summary: "Draft, not sent yet" }],
      generator,
    };
  }
  return {
    id: advisory.reference,
    // Embargoed documents are expected to change (revisions, then disclosure): interim. Public ones are final.
    status: tlp === "AMBER" ? "interim" : "final",
    version: last.number,
    initial_release_date: first.date,
    current_release_date: last.date,
    revision_history: history,
    generator,
  };
}

function involvements(list: Involvement[]): CsafVulnerability["involvements"] {
  const out = new Map<string, NonNullable<CsafVulnerability["involvements"]>[number]>();
  const byPartyDate = new Set<string>();
  for (const inv of list) {
    const item = { party: inv.party, status: inv.status, ...(inv.date ? { date: inv.date.toISOString() } : {}), ...(inv.summary ? { summary: inv.summary } : {}) };
    const key = JSON.stringify(item);
    if (out.has(key)) continue;
    if (item.date) {
      const slot = `${item.party} ${item.date}`;
      if (byPartyDate.has(slot)) throw new Error(`Two involvements for ${item.party} at ${item.date}: aggregate them (CSAF 6.1.24)`);
      byPartyDate.add(slot);
    }
    out.set(key, item);
  }
  return out.size > 0 ? [...out.values()] : undefined;
}

const nonEmpty = (notes: Array<Note | null>): Note[] => notes.filter((n): n is Note => n !== null && n.text.trim() !== "");

/**
 * CSAF 2.0 §5.1 names a document file after its tracking id: lowercased, runs of other characters than
 * `+`, `-`, a-z and 0-9 replaced by `_`, plus ".json" (e.g. "fw-2026-0001.json"). Optional test 6.2.11 expects the
 * self reference to end with it; a route that serves this name lets the self URL follow the convention.
 */
export function csafFileName(reference: string): string {
  return `${reference.toLowerCase().replace(/[^+\-a-z0-9]+/g, "_")}.json`;
}

/**
 * The reference a canonical file name stands for, or null. References are `FW-2026-0001`-shaped (upper-case letters,
 * digits and hyphens), so the name maps back one to one; anything that does not round-trip is no document's name.
 */
export function referenceFromCsafFile(file: string): string | null {
  if (!/^[a-z0-9+-]{1,40}\.json$/.test(file)) return null;
  const reference = file.slice(0, -".json".length).toUpperCase();
  return csafFileName(reference) === file ? reference : null;
}

/** Where an advisory's CSAF document is served under its canonical name: `/advisories/<id>/fw-2026-0001.json`. */
export function csafCanonicalUrl(project: Pick<ProjectInfo, "siteUrl">, advisory: Pick<AdvisoryRecord, "id" | "reference">): string {
  return `${advisoryUrls(project, advisory.id).page}/${csafFileName(advisory.reference)}`;
}

/** Keys in alphabetical order at every level, as CSAF's optional test 6.2.13 recommends. */
function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    ) as T;
  }
  return value;
}

export function toCsaf(project: ProjectInfo, advisory: AdvisoryRecord, options: CsafOptions): CsafDocument {
  const { tlp, now } = options;
  // The public (CLEAR) document exists only once the advisory is public; the AMBER one only under embargo.
  if (tlp === "CLEAR" && (advisory.state === "EMBARGOED" || !advisory.disclosedAt)) {
    throw new Error(`Advisory ${advisory.id} is not public: no TLP:CLEAR CSAF document`);
  }
  if (tlp === "AMBER" && advisory.state !== "EMBARGOED") {
    throw new Error(`Advisory ${advisory.id} is no longer embargoed: publish it TLP:CLEAR`);
  }
  const urls = advisoryUrls(project, advisory.id);
  const { tree, knownAffected, fixed } = productTree(project, advisory);
  const fixUrl = advisory.references.find((r) => r.type === "FIX")?.url;
  const disclosure = advisory.disclosureAt.toISOString();

  const remediations: Remediation[] = [];
  const vendorFix = advisory.remediation.trim() || (advisory.fixedVersions.trim() ? `Fixed in ${advisory.fixedVersions.trim()}.` : "");
  if (vendorFix) remediations.push({ category: "vendor_fix", details: vendorFix, product_ids: knownAffected, ...(fixUrl ? { url: fixUrl } : {}) });
  if (advisory.mitigation.trim()) remediations.push({ category: "mitigation", details: advisory.mitigation.trim(), product_ids: knownAffected });
  if (advisory.workaround.trim()) remediations.push({ category: "workaround", details: advisory.workaround.trim(), product_ids: knownAffected });

  const cvss = advisory.cvss;
  // CSAF 2.0 scores only know CVSS v2 and v3 (cvss_v4 arrives in CSAF 2.1): a v3 vector is a score, a v4 vector is
  // kept verbatim in a vulnerability note and its rating in document.aggregate_severity.
  const scores =
    cvss && cvss.version !== "4.0"
      ? [{ products: knownAffected, cvss_v3: { version: cvss.version, vectorString: cvss.vector, baseScore: cvss.score, baseSeverity: cvss.severity } }]
      : undefined;
  // The note says which score the number is (CVSS-B, or CVSS-BT/BE/BTE when threat or environmental metrics are set).
  const cvss4Note = cvss?.version === "4.0" ? { category: "other" as const, title: "CVSS v4.0", text: `${cvss.vector} (${cvssScoreLabel(cvss.vector)} ${cvss.score}, ${cvss.severity})` } : null;
  const rating = cvss?.severity ?? advisory.severityRating;

  const involvementList = involvements(options.involvements);
  const vulnerabilityReferences: Reference[] = [
    ...advisory.references.map((r) => ({ category: "external" as const, summary: REFERENCE_SUMMARIES[r.type], url: r.url })),
    // Related vulnerabilities are references, not further CVEs of this one (one advisory, one vulnerability).
    ...advisory.relatedCveIds.map((id) => ({ category: "external" as const, summary: `Related vulnerability ${id}`, url: `https://www.cve.org/CVERecord?id=${id}` })),
  ];
  const base: Omit<CsafVulnerability, "cve"> = {
    ...(advisory.cwe ? { cwe: { id: advisory.cwe.id, name: advisory.cwe.name } } : {}),
    ids: [{ system_name: `${project.name} advisory`, text: advisory.reference }],
    title: advisory.title,
    notes: nonEmpty([
      { category: "description", title: "Description", text: advisory.description.trim() || advisory.summary.trim() || advisory.title },
      cvss4Note,
    ]),
    ...(tlp === "CLEAR" && advisory.disclosedAt ? { release_date: advisory.disclosedAt.toISOString() } : {}),
    product_status: { known_affected: knownAffected, ...(fixed.length > 0 ? { fixed } : {}) },
    ...(scores ? { scores } : {}),
    ...(remediations.length > 0 ? { remediations } : {}),
    ...(advisory.reporterCredit ? { acknowledgments: [{ names: [advisory.reporterCredit], summary: "Reported the vulnerability" }] } : {}),
    ...(involvementList ? { involvements: involvementList } : {}),
    ...(vulnerabilityReferences.length > 0 ? { references: vulnerabilityReferences } : {}),
  };
  // One advisory is one vulnerability, with its own CVE when it has one.
  const cve = advisory.cveIds[0];
  const vulnerabilities = [cve ? { cve, ...base } : base];

  const versionsText = [
    advisory.affectedVersions.trim() ? `Affected versions: ${advisory.affectedVersions.trim()}` : "",
    advisory.fixedVersions.trim() ? `Fixed versions: ${advisory.fixedVersions.trim()}` : "",
  ].filter(Boolean).join("\n");

  return sortKeys({
    document: {
      category: "csaf_security_advisory",
      csaf_version: "2.0",
      lang: "en",
      title: advisory.title,
      publisher: {
        category: "vendor",
        name: project.publisherName,
        namespace: project.publisherNamespace,
        ...(project.contactEmail ? { contact_details: `Email: ${project.contactEmail}` } : {}),
      },
      distribution:
        tlp === "CLEAR"
          ? { text: "Public advisory (TLP:CLEAR, written as the CSAF 2.0 label WHITE).", tlp: { label: csafTlpLabel(tlp) } }
          : { text: `Embargoed until ${disclosure}. Share only under the embargo terms you acknowledged.`, tlp: { label: csafTlpLabel(tlp) } },
      ...(rating
        ? { aggregate_severity: { text: rating, ...(cvss ? { namespace: `https://www.first.org/cvss/v${cvss.version}/specification-document` } : {}) } }
        : {}),
      notes: nonEmpty([
        { category: "summary", title: "Summary", text: advisory.summary.trim() || advisory.title },
        tlp === "AMBER" ? { category: "legal_disclaimer", title: "Embargo", text: `This advisory is under embargo until ${disclosure}.` } : null,
        advisory.state === "WITHDRAWN" && advisory.withdrawnAt
          ? { category: "general", title: "Withdrawn", text: `This advisory was withdrawn on ${advisory.withdrawnAt.toISOString()}.` }
          : null,
        { category: "details", title: "Affected and fixed versions", text: versionsText },
        { category: "other", title: "Detection", text: advisory.detection.trim() },
      ]),
      references: [
        // The canonical URL (recommended test 6.2.11): where this very document is served, under its §5.1 file name.
        // The AMBER copy names the same address, which answers it only to those who may read it (404 to others).
        { category: "self", summary: "This CSAF document", url: csafCanonicalUrl(project, advisory) },
        // The advisory page is public only after disclosure.
        ...(tlp === "CLEAR" ? [{ category: "external" as const, summary: "Advisory page", url: urls.page }] : []),
      ],
      tracking: tracking(advisory, tlp, now),
    },
    product_tree: tree,
    vulnerabilities,
  } satisfies CsafDocument);
}
