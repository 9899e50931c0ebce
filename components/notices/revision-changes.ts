// A notice revision's `changes` ({ field: [before, after] }) as lines a person can read, for maintainers and
// recipients alike. Short values are shown before → after; long texts (Markdown sections) as a line diff with a line
// of context around each change. A reporter who opted out of credit is never named through the history either.
import { diffLines } from "diff";
import { sameJson } from "@/lib/notices/canonical-json";

export type DiffLine = { kind: "added" | "removed" | "context" | "gap"; text: string };
export type ChangeLine = { field: string; label: string; from: string | null; to: string | null; diff?: DiffLine[] };

const splitLines = (text: string) => {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
};

/** The lines that differ between two texts, with `context` unchanged lines around each change; a gap for the rest. */
export function lineDiff(before: string, after: string, context = 1): DiffLine[] {
  const all: DiffLine[] = [];
  // Every line ends with a newline, so a last line without one is not "changed" when a line is added after it.
  const normal = (text: string) => (text === "" ? "" : `${text.replace(/\r\n?/g, "\n").replace(/\n?$/, "\n")}`);
  for (const part of diffLines(normal(before), normal(after))) {
    const kind = part.added ? "added" : part.removed ? "removed" : "context";
    for (const text of splitLines(part.value)) all.push({ kind, text });
  }
  const near = (i: number) => all.slice(Math.max(0, i - context), i + context + 1).some((l) => l.kind !== "context");
  const shown: DiffLine[] = [];
  all.forEach((line, i) => {
    if (line.kind !== "context" || near(i)) shown.push(line);
    else if (shown.at(-1)?.kind !== "gap") shown.push({ kind: "gap", text: "" });
  });
  return shown;
}

const LABELS: Record<string, string> = {
  title: "Title",
  summary: "Summary",
  description: "Description",
  remediation: "Remediation",
  detection: "How to tell if affected",
  mitigation: "Mitigation",
  workaround: "Workaround",
  affectedPackages: "Affected ranges",
  references: "Links",
  affectedVersions: "Affected versions",
  fixedVersions: "Fixed versions",
  cveIds: "CVE ID",
  relatedCveIds: "Related CVE IDs",
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

/** Structured values (ranges, links) as one readable line each, so that a revision shows them as a line diff. */
function structuredText(field: string, value: unknown): string | null {
  if (!Array.isArray(value)) return value === null || value === undefined ? "" : null;
  if (field === "references") return value.map((r: { type?: string; url?: string }) => `${String(r.type ?? "").toLowerCase()} ${r.url ?? ""}`.trim()).join("\n");
  if (field === "affectedPackages") {
    return value
      .map((p: { ecosystem?: string; name?: string; rangeType?: string; repo?: string | null; events?: Array<Record<string, string>> }) => {
        const events = (p.events ?? []).map((e) => Object.entries(e).map(([k, v]) => `${k.replace("_", " ")} ${v}`).join("")).join(", ");
        return `${[p.ecosystem, p.name].filter(Boolean).join(" ")} (${p.rangeType}${p.repo ? ` ${p.repo}` : ""}): ${events}`;
      })
      .join("\n");
  }
  return null;
}
const STRUCTURED = new Set(["references", "affectedPackages"]);

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
    // Revisions saved before ranges and links were compared as data list them unchanged: not a change to show.
    if (Array.isArray(pair) && pair.length === 2 && STRUCTURED.has(field) && sameJson(pair[0], pair[1])) continue;
    if (Array.isArray(pair) && pair.length === 2 && STRUCTURED.has(field)) {
      const [before, after] = [structuredText(field, pair[0]), structuredText(field, pair[1])];
      lines.push(before !== null && after !== null ? { field, label, from: null, to: null, diff: lineDiff(before, after) } : { field, label, from: null, to: null });
    } else if (Array.isArray(pair) && pair.length === 2 && !(hideCredit && CREDIT_FIELDS.has(field))) {
      const from = show(pair[0]);
      const to = show(pair[1]);
      const texts = typeof (pair[0] ?? "") === "string" && typeof (pair[1] ?? "") === "string" && !(typeof pair[0] === "string" && ISO.test(pair[0]));
      // Both shown, or a diff of the texts, or neither: half a diff would mislead.
      if (from !== null && to !== null) lines.push({ field, label, from, to });
      else if (texts) lines.push({ field, label, from: null, to: null, diff: lineDiff(String(pair[0] ?? ""), String(pair[1] ?? "")) });
      else lines.push({ field, label, from: null, to: null });
    } else {
      lines.push({ field, label, from: null, to: null });
    }
  }
  return lines;
}
