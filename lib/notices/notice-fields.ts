// What a notice says, field by field: the ONE list every form of a notice is built from — the maintainer's page,
// "Preview as vendor" and the vendor's page (components/notices/notice-sections.tsx), the OpenPGP-encrypted email
// (./notice-text.ts) and the vendor API (lib/tokens/api-notices.ts, checked against this list by its test). A field
// added to a notice and left out here fails to compile (`Uncovered` below); one left out of a form fails the test
// that puts a distinct marker in every field (./notice-fields.test.tsx). Pure: no database, no React.
import { affectedOf, referencesOf, type AffectedPackage } from "./structured-fields";
import { cveIdsOf } from "./cve-ids";
import { cvssScoreLabel, ratingOf } from "./cvss";

export type NoticeContent = {
  title: string;
  summary: string;
  description: string;
  affectedVersions: string;
  fixedVersions: string;
  remediation: string;
  mitigation: string;
  workaround: string;
  detection: string;
  affectedPackages: unknown;
  references: unknown;
  cveIds: string[];
  relatedCveIds: string[];
  cwe: string | null;
  cvssVector: string | null;
  cvssScore: number | null;
  severity: string | null;
  deployBeforeDisclosure: boolean;
  patchEmbargoed: boolean;
  embargoNotes: string;
  reporterCredit: string | null;
  reporterOptOut: boolean;
};

/** How a section's body is written: a plain text, sanitized Markdown, the structured ranges, the typed links. */
export type SectionKind = "plain" | "markdown" | "ranges" | "links";

/** The notice's sections, in reading order. */
export const NOTICE_SECTIONS = [
  { key: "summary", title: "Summary", kind: "plain" },
  { key: "description", title: "Description", kind: "markdown" },
  { key: "affectedVersions", title: "Affected versions", kind: "plain" },
  { key: "fixedVersions", title: "Fixed versions", kind: "plain" },
  { key: "affectedPackages", title: "Affected ranges", kind: "ranges" },
  { key: "remediation", title: "Remediation", kind: "markdown" },
  { key: "mitigation", title: "Mitigation", kind: "markdown" },
  { key: "workaround", title: "Workaround", kind: "markdown" },
  { key: "detection", title: "How to tell if you are affected", kind: "markdown" },
  { key: "references", title: "Links", kind: "links" },
] as const satisfies ReadonlyArray<{ key: keyof NoticeContent; title: string; kind: SectionKind }>;

export type NoticeSection = (typeof NOTICE_SECTIONS)[number];

const SEVERITY_WORDS: Record<string, string> = { NONE: "None", LOW: "Low", MEDIUM: "Medium", HIGH: "High", CRITICAL: "Critical" };

/** "9.3 Critical (CVSS-B, CVSS:4.0/AV:N/…)", "High", or "" when not rated; the label says which score it is. */
export function severityText(n: Pick<NoticeContent, "cvssVector" | "cvssScore" | "severity">): string {
  if (n.cvssVector && n.cvssScore !== null) return `${n.cvssScore.toFixed(1)} ${SEVERITY_WORDS[ratingOf(n.cvssScore)]} (${cvssScoreLabel(n.cvssVector)}, ${n.cvssVector})`;
  return n.severity ? (SEVERITY_WORDS[n.severity] ?? n.severity) : "";
}

/** The reporter's credit as recipients may read it: nothing when the reporter opted out. */
export const creditOf = (n: Pick<NoticeContent, "reporterCredit" | "reporterOptOut">): string => (n.reporterOptOut ? "" : (n.reporterCredit?.trim() ?? ""));

/** The short facts listed at the top of a notice (label: value); `keys` are the fields each one shows. */
export const NOTICE_FACTS = [
  { keys: ["cveIds"], label: "CVE", text: (n: NoticeContent) => cveIdsOf(n).alias ?? "" },
  { keys: ["relatedCveIds"], label: "Related CVEs", text: (n: NoticeContent) => cveIdsOf(n).related.join(", ") },
  { keys: ["cwe"], label: "Weakness", text: (n: NoticeContent) => n.cwe ?? "" },
  { keys: ["cvssVector", "cvssScore", "severity"], label: "Severity", text: severityText },
  { keys: ["reporterCredit", "reporterOptOut"], label: "Reported by", text: creditOf },
] as const satisfies ReadonlyArray<{ keys: ReadonlyArray<keyof NoticeContent>; label: string; text: (n: NoticeContent) => string }>;

/** The embargo's conditions, shown with the terms and beside the text (components/notices/vendor-embargo-terms.tsx). */
export const EMBARGO_FIELDS = ["deployBeforeDisclosure", "patchEmbargoed", "embargoNotes"] as const;

// Every field of the content is in exactly one of the lists above (the title heads every form).
type Covered = "title" | NoticeSection["key"] | (typeof NOTICE_FACTS)[number]["keys"][number] | (typeof EMBARGO_FIELDS)[number];
type Uncovered = Exclude<keyof NoticeContent, Covered>;
export const EVERY_FIELD_IS_RENDERED: [Uncovered] extends [never] ? true : { missing: Uncovered } = true;

/** Every field the lists render, for tests that check a form carries them all. */
export const RENDERED_FIELDS: ReadonlyArray<keyof NoticeContent> = ["title", ...NOTICE_SECTIONS.map((s) => s.key), ...NOTICE_FACTS.flatMap((f) => f.keys), ...EMBARGO_FIELDS];

/** One affected range as a line: "PyPI archiver: introduced 0, fixed 2.0.1", "archiver (https://…): fixed abc123". */
export function rangeLine(p: AffectedPackage): string {
  const events = p.events.map((e) => Object.entries(e).map(([k, v]) => `${k.replace("_", " ")} ${v}`).join("")).join(", ");
  return `${[p.ecosystem, p.name].filter(Boolean).join(" ")}${p.repo ? ` (${p.repo})` : ""}: ${events}`;
}

/** A section's body as plain text (for the encrypted email); "" when it is empty. */
export function sectionText(section: NoticeSection, n: NoticeContent): string {
  switch (section.kind) {
    case "ranges":
      return affectedOf(n[section.key]).map((p) => `- ${rangeLine(p)}`).join("\n");
    case "links":
      return referencesOf(n[section.key]).map((r) => `- ${r.type.toLowerCase()}: ${r.url}`).join("\n");
    default:
      return n[section.key].trim();
  }
}

/** Whether a section has anything to show. */
export const sectionIsEmpty = (section: NoticeSection, n: NoticeContent): boolean => sectionText(section, n) === "";
