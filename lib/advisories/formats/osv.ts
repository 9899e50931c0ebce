// OSV record of one disclosed (or withdrawn after disclosure) advisory.
// Schema: https://ossf.github.io/osv-schema/ ; tests validate against the vendored test/fixtures/osv-schema.json.
import { packagePurl } from "./purl";
import { advisoryUrls, type AdvisoryRecord, type AffectedPackage, type ProjectInfo, type VersionEvent } from "./types";
import { isValidOsvPrefix } from "@/lib/settings/osv-prefix";

/** The schema version whose rules these records follow (CVSS_V4 since 1.6.2, the `x_` id prefix since 1.8.0). */
export const OSV_SCHEMA_VERSION = "1.8.0";

export type OsvEvent = VersionEvent;
export type OsvRange = { type: "SEMVER" | "ECOSYSTEM" | "GIT"; repo?: string; events: OsvEvent[] };
export type OsvAffected = {
  package?: { ecosystem: string; name: string; purl?: string };
  ranges?: OsvRange[];
  versions?: string[];
};
export type OsvReferenceType = "ADVISORY" | "ARTICLE" | "DETECTION" | "DISCUSSION" | "REPORT" | "FIX" | "INTRODUCED" | "GIT" | "PACKAGE" | "EVIDENCE" | "WEB";
export type OsvRecord = {
  schema_version: string;
  id: string;
  modified: string;
  published: string;
  withdrawn?: string;
  aliases?: string[];
  related?: string[];
  summary: string;
  details?: string;
  severity?: Array<{ type: "CVSS_V3" | "CVSS_V4"; score: string }>;
  affected?: OsvAffected[];
  references: Array<{ type: OsvReferenceType; url: string }>;
  credits?: Array<{ name: string; type: "REPORTER" }>;
  database_specific: { reference: string; severity?: string; cwe_ids?: string[] };
};

const REFERENCE = /^[A-Za-z0-9]+(?:[._:-][A-Za-z0-9]+)*$/;

export function osvId(project: Pick<ProjectInfo, "osvPrefix">, advisory: Pick<AdvisoryRecord, "reference">): string {
  if (!isValidOsvPrefix(project.osvPrefix)) {
    throw new Error(`OSV prefix ${JSON.stringify(project.osvPrefix)} is not "x_" followed by a name`);
  }
  if (!REFERENCE.test(advisory.reference)) {
    throw new Error(`Advisory reference ${JSON.stringify(advisory.reference)} cannot be used in an OSV id`);
  }
  return `${project.osvPrefix}-${advisory.reference}`;
}

/** Markdown `details`: the summary, then each non-empty section. */
function details(advisory: AdvisoryRecord): string | undefined {
  const sections: Array<[string | null, string]> = [
    [null, advisory.summary],
    [null, advisory.description],
    ["Affected versions", advisory.affectedVersions],
    ["Fixed versions", advisory.fixedVersions],
    ["Remediation", advisory.remediation],
    ["Mitigation", advisory.mitigation],
    ["Workaround", advisory.workaround],
    ["Detection", advisory.detection],
  ];
  const parts = sections
    .filter(([, text]) => text.trim() !== "")
    .map(([heading, text]) => (heading ? `### ${heading}\n\n${text.trim()}` : text.trim()));
  return parts.length > 0 ? parts.join("\n\n") : undefined;
}

function hasKey<K extends string>(event: VersionEvent, key: K): event is VersionEvent & Record<K, string> {
  return key in event;
}

/**
 * OSV events: a range must contain an `introduced` event, so a range that starts with a bound (e.g. only
 * `fixed: 1.2.3`, "everything before 1.2.3") starts from introduced "0", which means exactly that.
 */
export function normaliseEvents(events: VersionEvent[]): VersionEvent[] {
  if (events.length === 0) return [];
  const first = events[0];
  const out = first && hasKey(first, "introduced") ? [...events] : [{ introduced: "0" }, ...events];
  if (out.some((e) => hasKey(e, "fixed")) && out.some((e) => hasKey(e, "last_affected"))) {
    // The schema forbids both in one range; the input must be split by the caller.
    throw new Error("A range cannot mix fixed and last_affected events");
  }
  return out;
}

function affectedEntry(pkg: AffectedPackage): OsvAffected {
  if (pkg.rangeType === "GIT" && !pkg.repo) throw new Error(`GIT range of ${pkg.name} has no repo`);
  const entry: OsvAffected = {};
  // A git-only range has no package: OSV describes it by the GIT range and its repo alone.
  if (pkg.ecosystem !== "") {
    const purl = packagePurl(pkg);
    entry.package = { ecosystem: pkg.ecosystem, name: pkg.name, ...(purl ? { purl } : {}) };
  }
  const events = normaliseEvents(pkg.events);
  if (events.length > 0) {
    entry.ranges = [{ type: pkg.rangeType, ...(pkg.rangeType === "GIT" && pkg.repo ? { repo: pkg.repo } : {}), events }];
  }
  if (pkg.versions && pkg.versions.length > 0) entry.versions = [...pkg.versions];
  return entry;
}

function latest(...dates: Array<Date | null>): Date {
  return new Date(Math.max(...dates.filter((d): d is Date => d !== null).map((d) => d.getTime())));
}

/**
 * The OSV record of a public advisory. Throws for an embargoed advisory, or one withdrawn before it was ever
 * disclosed, so a caller bug cannot publish embargoed content.
 */
export function toOsv(project: ProjectInfo, advisory: AdvisoryRecord): OsvRecord {
  if (advisory.state === "EMBARGOED") throw new Error(`Advisory ${advisory.id} is embargoed: no OSV record`);
  if (!advisory.disclosedAt) throw new Error(`Advisory ${advisory.id} was never disclosed: no OSV record`);
  if (advisory.state === "WITHDRAWN" && !advisory.withdrawnAt) throw new Error(`Advisory ${advisory.id} is withdrawn without a date`);

  const urls = advisoryUrls(project, advisory.id);
  const references: OsvRecord["references"] = [];
  const seen = new Set<string>();
  for (const ref of [{ type: "ADVISORY" as const, url: urls.page }, ...advisory.references]) {
    const key = `${ref.type} ${ref.url}`;
    if (seen.has(key)) continue;
    seen.add(key);
    references.push({ type: ref.type, url: ref.url });
  }

  const rating = advisory.cvss?.severity ?? advisory.severityRating ?? undefined;
  const text = details(advisory);
  const withdrawn = advisory.state === "WITHDRAWN" ? advisory.withdrawnAt : null;
  return {
    schema_version: OSV_SCHEMA_VERSION,
    id: osvId(project, advisory),
    // `modified` must not precede the events it reports (a withdrawal is a modification).
    modified: latest(advisory.updatedAt, advisory.disclosedAt, withdrawn).toISOString(),
    published: advisory.disclosedAt.toISOString(),
    ...(withdrawn ? { withdrawn: withdrawn.toISOString() } : {}),
    // One advisory is one vulnerability: only its own CVE is an alias; other CVEs are related, never aliases.
    ...(advisory.cveIds.length > 0 ? { aliases: advisory.cveIds.slice(0, 1) } : {}),
    ...(advisory.relatedCveIds.length > 0 ? { related: [...new Set(advisory.relatedCveIds)] } : {}),
    summary: advisory.title,
    ...(text ? { details: text } : {}),
    ...(advisory.cvss
      ? { severity: [{ type: advisory.cvss.version === "4.0" ? ("CVSS_V4" as const) : ("CVSS_V3" as const), score: advisory.cvss.vector }] }
      : {}),
    ...(advisory.affected.length > 0 ? { affected: advisory.affected.map(affectedEntry) } : {}),
    references,
    ...(advisory.reporterCredit ? { credits: [{ name: advisory.reporterCredit, type: "REPORTER" as const }] } : {}),
    database_specific: {
      reference: advisory.reference,
      ...(rating ? { severity: rating } : {}),
      ...(advisory.cwe ? { cwe_ids: [advisory.cwe.id] } : {}),
    },
  };
}
