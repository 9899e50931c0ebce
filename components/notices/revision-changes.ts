// A notice revision's `changes` ({ field: [before, after] }) as lines a person can read. Short values are shown
// before → after; long texts (Markdown sections) only say that they changed: the current text is on the page.
// A reporter who opted out of credit is never named through the history either.

export type ChangeLine = { field: string; label: string; from: string | null; to: string | null };

const LABELS: Record<string, string> = {
  title: "Title",
  summary: "Summary",
  description: "Description",
  remediation: "Remediation",
  detection: "How to tell if affected",
  affectedVersions: "Affected versions",
  fixedVersions: "Fixed versions",
  cveIds: "CVE IDs",
  cwe: "CWE",
  cvssVector: "CVSS vector",
  cvssScore: "CVSS score",
  severity: "Severity",
  deployBeforeDisclosure: "Fixes may be deployed before disclosure",
  patchEmbargoed: "Patch under embargo",
  embargoNotes: "Embargo conditions",
  reporterCredit: "Reporter credit",
  reporterOptOut: "Reporter opted out of credit",
  disclosureAt: "Disclosure time",
};

const SHORT = 160;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function show(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? "none" : show(value.map(String).join(", "));
  if (typeof value !== "string") return null;
  if (ISO.test(value) && !Number.isNaN(Date.parse(value))) return `${new Date(value).toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return value.length > SHORT || value.includes("\n") ? null : value;
}

/** Fields whose values are never shown, only that they changed. */
const CREDIT_FIELDS = new Set(["reporterCredit"]);

/**
 * Readable lines for a revision's changes; a value that cannot be shown briefly is reported as "changed".
 * `hideCredit`: the reporter opted out, so the credit's old and new values stay hidden.
 */
export function describeChanges(changes: unknown, { hideCredit }: { hideCredit: boolean }): ChangeLine[] {
  if (!changes || typeof changes !== "object" || Array.isArray(changes)) return [];
  const lines: ChangeLine[] = [];
  for (const [field, pair] of Object.entries(changes as Record<string, unknown>)) {
    const label = LABELS[field] ?? field;
    if (Array.isArray(pair) && pair.length === 2 && !(hideCredit && CREDIT_FIELDS.has(field))) {
      const from = show(pair[0]);
      const to = show(pair[1]);
      // Both shown, or neither: half a diff would mislead.
      lines.push(from !== null && to !== null ? { field, label, from, to } : { field, label, from: null, to: null });
    } else {
      lines.push({ field, label, from: null, to: null });
    }
  }
  return lines;
}
