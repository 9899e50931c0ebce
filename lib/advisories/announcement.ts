// The announcement a project sends to its list when an advisory is published: the public advisory as plain text,
// crediting the reporter (unless they opted out), with the links to the page and the machine-readable forms. Pure:
// the maintainer may replace the subject and text before disclosure; this is the proposal and the fallback.
import { cvssScoreLabel } from "@/lib/notices/cvss";
import { rangeLine } from "@/lib/notices/notice-fields";
import { advisoryUrls, type AdvisoryRecord, type ProjectInfo } from "./formats/types";

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export function announcementSubject(project: Pick<ProjectInfo, "name">, advisory: Pick<AdvisoryRecord, "reference" | "title" | "cveIds">): string {
  const cves = advisory.cveIds.length ? ` (${advisory.cveIds.join(", ")})` : "";
  return `[${project.name} security] ${advisory.reference}: ${advisory.title}${cves}`.slice(0, 300);
}

export function announcementText(project: ProjectInfo, advisory: AdvisoryRecord): string {
  const urls = advisoryUrls(project, advisory.id);
  const section = (title: string, body: string) => (body.trim() ? [title, "-".repeat(title.length), "", body.trim(), ""] : []);
  const severity = advisory.cvss ? `${advisory.cvss.severity.toLowerCase()} (${cvssScoreLabel(advisory.cvss.vector)} ${advisory.cvss.score}, ${advisory.cvss.vector})` : advisory.severityRating?.toLowerCase();
  const ranges = advisory.affected.map((p) => `- ${rangeLine(p)}`);
  return [
    `${project.name} security advisory ${advisory.reference}`,
    "",
    advisory.title,
    "",
    ...(advisory.cveIds.length ? [`CVE: ${advisory.cveIds.join(", ")}`] : []),
    ...(advisory.relatedCveIds.length ? [`Related CVEs: ${advisory.relatedCveIds.join(", ")}`] : []),
    ...(advisory.cwe ? [`Weakness: ${advisory.cwe.id} ${advisory.cwe.name}`] : []),
    ...(severity ? [`Severity: ${severity}`] : []),
    `Published: ${utc(advisory.disclosedAt ?? advisory.disclosureAt)}`,
    "",
    ...section("Summary", advisory.summary),
    ...section("Description", advisory.description),
    ...section("Affected versions", [advisory.affectedVersions, ...ranges].filter((s) => s.trim()).join("\n")),
    ...section("Fixed versions", advisory.fixedVersions),
    ...section("Remediation", advisory.remediation),
    ...section("Mitigation", advisory.mitigation),
    ...section("Workaround", advisory.workaround),
    ...section("How to tell if you are affected", advisory.detection),
    ...section("Credit", advisory.reporterCredit ? `Reported by ${advisory.reporterCredit}.` : ""),
    ...section("References", [`Advisory: ${urls.page}`, `OSV: ${urls.osv}`, `CSAF: ${urls.csaf}`, ...advisory.references.map((r) => `${r.type.toLowerCase()}: ${r.url}`)].join("\n")),
  ].join("\n");
}
