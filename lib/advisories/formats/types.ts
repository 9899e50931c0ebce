// Plain input types for the disclosure output builders (OSV, CSAF, Atom, iCalendar).
// The builders are pure: no database, no Next, no clock. The caller maps its rows to these types and passes `now`.

import type { AdvisoryReferenceType, AffectedPackage, RangeType, VersionEvent } from "@/lib/notices/structured-fields";

// What a notice stores about packages and references is the notices domain's (lib/notices/structured-fields.ts); the
// builders read the same shapes.
export type { AdvisoryReferenceType, AffectedPackage, RangeType, VersionEvent };

export type ProjectInfo = {
  name: string;
  slug: string;
  /** Absolute, no trailing slash. */
  siteUrl: string;
  repositoryUrl: string | null;
  publisherName: string;
  /** https URL, used as CSAF document.publisher.namespace. */
  publisherNamespace: string;
  /** OSV id prefix for an unregistered database: `x_` followed by a name, see `isValidOsvPrefix`. */
  osvPrefix: string;
  contactEmail?: string | null;
};

export type CvssInfo = {
  version: "4.0" | "3.1" | "3.0";
  vector: string;
  score: number;
  severity: "NONE" | "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";
};

export type SeverityRating = "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";

export type AdvisoryRecord = {
  id: string;
  /** Human reference like "FW-2026-0001". */
  reference: string;
  state: "EMBARGOED" | "DISCLOSED" | "WITHDRAWN";
  title: string;
  /** Plain text, may be "". */
  summary: string;
  /** Markdown, may be "". */
  description: string;
  /** Markdown vendor-fix text, may be "". */
  remediation: string;
  /** Markdown, may be "". */
  detection: string;
  /** Free text for humans, may be "". */
  affectedVersions: string;
  fixedVersions: string;
  /** The advisory's own CVE, at most one: OSV `aliases` says "the same vulnerability". */
  cveIds: string[];
  /** Other vulnerabilities it relates to: OSV `related`, CSAF references. */
  relatedCveIds: string[];
  /** id like "CWE-787"; name as in the CWE list (CSAF checks it). */
  cwe: { id: string; name: string } | null;
  cvss: CvssInfo | null;
  /** Plain rating when there is no vector. */
  severityRating: SeverityRating | null;
  /** Null when there is none or the reporter opted out. */
  reporterCredit: string | null;
  affected: AffectedPackage[];
  references: Array<{ type: AdvisoryReferenceType; url: string }>;
  /** Markdown, may be "". */
  mitigation: string;
  workaround: string;
  createdAt: Date;
  sentAt: Date | null;
  disclosureAt: Date;
  disclosedAt: Date | null;
  withdrawnAt: Date | null;
  updatedAt: Date;
  /** Notice revisions after the initial send (may be empty). */
  revisions: Array<{ number: number; date: Date; summary: string }>;
};

export type InvolvementParty = "coordinator" | "vendor" | "discoverer" | "user" | "other";
export type InvolvementStatus = "completed" | "contact_attempted" | "disputed" | "in_progress" | "not_contacted" | "open";

/**
 * A CSAF involvement. Summaries must never name a recipient: the AMBER document a vendor gets speaks of that
 * vendor's own organisation only (totals are for maintainers). At most one per party and date (CSAF test 6.1.24).
 */
export type Involvement = { party: InvolvementParty; status: InvolvementStatus; date?: Date; summary?: string };

/** Public URLs of one advisory; the routes must serve these paths. */
export function advisoryUrls(project: Pick<ProjectInfo, "siteUrl">, advisoryId: string) {
  const page = `${project.siteUrl}/advisories/${encodeURIComponent(advisoryId)}`;
  return { page, osv: `${page}/osv.json`, csaf: `${page}/csaf.json` };
}
