// A notice row as the export builders read it (./formats/types.ts). Pure: what a reporter who opted out wrote never
// reaches the record, and anything stored in an unexpected shape is left out rather than exported half-right.
import type { AdvisoryRecord, CvssInfo } from "./formats/types";
import { affectedOf, referencesOf } from "@/lib/notices/structured-fields";
import { ratingOf } from "@/lib/notices/cvss";
import { cveIdsOf } from "@/lib/notices/cve-ids";
import { cweEntry } from "./cwe";

export type NoticeForExport = {
  id: string;
  reference: string;
  state: string;
  title: string;
  summary: string;
  description: string;
  remediation: string;
  detection: string;
  mitigation: string;
  workaround: string;
  affectedVersions: string;
  fixedVersions: string;
  cveIds: string[];
  relatedCveIds: string[];
  cwe: string | null;
  cvssVector: string | null;
  cvssScore: number | null;
  severity: string | null;
  reporterCredit: string | null;
  reporterOptOut: boolean;
  affectedPackages: unknown;
  references: unknown;
  createdAt: Date;
  sentAt: Date | null;
  disclosureAt: Date;
  disclosedAt: Date | null;
  withdrawnAt: Date | null;
  updatedAt: Date;
  revisions: Array<{ number: number; changeNote: string; at: Date }>;
};

export function cvssOf(vector: string | null, score: number | null): CvssInfo | null {
  if (!vector || score === null) return null;
  const version = vector.match(/^CVSS:(4\.0|3\.1|3\.0)\//)?.[1] as CvssInfo["version"] | undefined;
  return version ? { version, vector, score, severity: ratingOf(score) } : null;
}

export function toAdvisoryRecord(notice: NoticeForExport): AdvisoryRecord {
  if (notice.state !== "EMBARGOED" && notice.state !== "DISCLOSED" && notice.state !== "WITHDRAWN") throw new Error(`A ${notice.state.toLowerCase()} notice has no advisory.`);
  const cvss = cvssOf(notice.cvssVector, notice.cvssScore);
  const cves = cveIdsOf(notice);
  return {
    id: notice.id,
    reference: notice.reference,
    state: notice.state,
    title: notice.title,
    summary: notice.summary,
    description: notice.description,
    remediation: notice.remediation,
    detection: notice.detection,
    mitigation: notice.mitigation,
    workaround: notice.workaround,
    affectedVersions: notice.affectedVersions,
    fixedVersions: notice.fixedVersions,
    cveIds: cves.alias ? [cves.alias] : [],
    relatedCveIds: cves.related,
    cwe: cweEntry(notice.cwe),
    cvss,
    severityRating: cvss ? null : ((["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const).find((s) => s === notice.severity) ?? null),
    reporterCredit: notice.reporterOptOut ? null : notice.reporterCredit?.trim() || null,
    affected: affectedOf(notice.affectedPackages),
    references: referencesOf(notice.references),
    createdAt: notice.createdAt,
    sentAt: notice.sentAt,
    disclosureAt: notice.disclosureAt,
    disclosedAt: notice.disclosedAt,
    withdrawnAt: notice.withdrawnAt,
    updatedAt: notice.updatedAt,
    revisions: notice.revisions.map((r) => ({ number: r.number, date: r.at, summary: r.changeNote })),
  };
}
