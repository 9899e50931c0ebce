// What the JSON API says about notices: explicit allowlists over what the vendor data layer already decided the
// member may see (lib/notices/data/vendor.ts), so a column added to a notice later does not reach the API by itself.
// Times are ISO 8601 in UTC. Pure functions (unit-tested).
import { affectedOf, referencesOf } from "@/lib/notices/structured-fields";
import type { VendorNotice, VendorNoticeRow } from "@/lib/notices/data/vendor";
import { creditOf } from "@/lib/notices/notice-fields";
import { cvssScoreLabel } from "@/lib/notices/cvss";
import { markNoticeProse } from "@/lib/notices/copy-marks";

export function apiNoticeLinks(publicUrl: string, noticeId: string) {
  const id = encodeURIComponent(noticeId);
  return { self: `${publicUrl}/api/v1/notices/${id}`, csaf: `${publicUrl}/api/v1/notices/${id}/csaf.json`, portal: `${publicUrl}/vendor/notices/${id}` };
}

/** One row of `GET /api/v1/notices`: no title, even after the terms (the list is what scripts log and forward). */
export function toApiNoticeSummary(row: VendorNoticeRow, publicUrl: string) {
  return {
    id: row.id,
    reference: row.reference,
    state: row.state,
    disclosureAt: row.disclosureAt.toISOString(),
    acknowledged: row.acknowledgedAt !== null,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    termsAccepted: row.termsAccepted,
    links: apiNoticeLinks(publicUrl, row.id),
  };
}

/**
 * The answer before the member accepted the notice's embargo terms in the portal: 409, with what the terms page
 * itself shows (reference, time, conditions) and where to accept them. The API never accepts terms for a person.
 */
export function toApiTermsRequired(notice: Extract<VendorNotice, { view: "terms" }>, publicUrl: string) {
  return {
    error: "Accept the embargo terms of this notice in the portal first.",
    id: notice.id,
    reference: notice.reference,
    state: notice.state,
    disclosureAt: notice.disclosureAt.toISOString(),
    links: { portal: apiNoticeLinks(publicUrl, notice.id).portal },
  };
}

/**
 * `GET /api/v1/notices/{id}` once the terms are accepted: the notice and the organisation's own response. Carries every
 * field of the list the pages and the encrypted email are built from (lib/notices/notice-fields.ts; its test checks).
 * Under embargo the prose strings carry the organisation's "api" mark (`copyMark`, lib/notices/copy-marks.ts): ids,
 * versions, ranges, CVE ids, vectors, dates and links stay exactly as stored.
 */
export function toApiNoticeDetail(full: Extract<VendorNotice, { view: "full" }>, publicUrl: string) {
  const { recipient: r } = full;
  const n = markNoticeProse(full.notice, full.notice.copyMark);
  return {
    id: n.id,
    reference: n.reference,
    state: n.state,
    title: n.title,
    summary: n.summary,
    description: n.description,
    affectedVersions: n.affectedVersions,
    fixedVersions: n.fixedVersions,
    remediation: n.remediation,
    mitigation: n.mitigation,
    workaround: n.workaround,
    detection: n.detection,
    // The structured ranges and links, read by the same parsers as the OSV and CSAF exports.
    affected: affectedOf(n.affectedPackages),
    references: referencesOf(n.references),
    // One notice is one vulnerability: `cveIds` holds its own CVE (older notices may hold more until edited).
    cveIds: n.cveIds,
    relatedCveIds: n.relatedCveIds,
    cwe: n.cwe,
    // `label` says which score it is: CVSS-B, or CVSS-BT/BE/BTE with threat or environmental metrics (v3.x: base/temporal/environmental).
    cvss: n.cvssVector ? { vector: n.cvssVector, score: n.cvssScore, label: cvssScoreLabel(n.cvssVector) } : null,
    severity: n.severity,
    // The data layer already leaves out the credit of a reporter who opted out; the pages' rule says so again.
    reporterCredit: creditOf(n) || null,
    // After "end embargo now" disclosureAt is when it became public, plannedDisclosureAt the time that was planned.
    embargo: { disclosureAt: n.disclosureAt.toISOString(), plannedDisclosureAt: n.plannedDisclosureAt?.toISOString() ?? null, deployBeforeDisclosure: n.deployBeforeDisclosure, patchEmbargoed: n.patchEmbargoed, notes: n.embargoNotes },
    disclosedAt: n.disclosedAt?.toISOString() ?? null,
    revision: n.revision,
    attachments: n.attachments.map((a) => ({ id: a.id, filename: a.filename, contentType: a.contentType, size: a.size, sha256: a.sha256 })),
    organisation: {
      acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
      feedback: r.feedback,
      statement: r.statement,
      statementComment: r.statementComment,
    },
    links: apiNoticeLinks(publicUrl, n.id),
  };
}
