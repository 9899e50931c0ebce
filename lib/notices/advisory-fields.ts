// The notice fields that exist for the published advisory's machine-readable forms (OSV, CSAF): structured affected
// ranges per package and typed reference links. Strict like the rest of the form: each problem names its line.
import { z } from "zod";

export const RANGE_TYPES = ["SEMVER", "ECOSYSTEM", "GIT"] as const;
export const REFERENCE_TYPES = ["ADVISORY", "FIX", "PACKAGE", "REPORT", "WEB", "ARTICLE"] as const;

export type AffectedRange = {
  ecosystem: string;
  name: string;
  purl: string | null;
  rangeType: (typeof RANGE_TYPES)[number];
  repo: string | null;
  events: Array<{ introduced: string } | { fixed: string } | { last_affected: string }>;
};

const version = z.string().trim().max(100).regex(/^[^\s<>"]*$/, "A version has no spaces.");

/** One row of the form's range editor. */
const RangeRow = z
  .object({
    ecosystem: z.string().trim().max(60).regex(/^[^\s]*$/, "An ecosystem is one word, e.g. PyPI, npm, crates.io, Debian:12."),
    name: z.string().trim().min(1, "Name the package (or the repository for a git range).").max(200),
    purl: z.string().trim().max(300).default(""),
    rangeType: z.enum(RANGE_TYPES),
    repo: z.string().trim().max(300).default(""),
    introduced: version.default(""),
    fixed: version.default(""),
    lastAffected: version.default(""),
  })
  .strict();

/** The editor posts its rows as JSON; each becomes one range with its events in order. */
export const affectedRangesField = z
  .string()
  .max(50_000)
  .optional()
  .transform((value, ctx): AffectedRange[] => {
    if (!value?.trim()) return [];
    let rows: unknown;
    try {
      rows = JSON.parse(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "The affected ranges could not be read; reload the page and enter them again." });
      return z.NEVER;
    }
    if (!Array.isArray(rows) || rows.length > 50) {
      ctx.addIssue({ code: "custom", message: "At most 50 affected ranges." });
      return z.NEVER;
    }
    const ranges: AffectedRange[] = [];
    rows.forEach((raw, index) => {
      const where = `Range ${index + 1}`;
      const parsed = RangeRow.safeParse(raw);
      if (!parsed.success) {
        ctx.addIssue({ code: "custom", message: `${where}: ${parsed.error.issues[0]?.message ?? "invalid"}` });
        return;
      }
      const row = parsed.data;
      if (row.rangeType === "GIT" && !/^https:\/\/\S+$/.test(row.repo)) {
        ctx.addIssue({ code: "custom", message: `${where}: a git range needs the repository's https:// URL, and commits as versions.` });
        return;
      }
      if (row.rangeType !== "GIT" && !row.ecosystem) {
        ctx.addIssue({ code: "custom", message: `${where}: name the package's ecosystem (e.g. PyPI), or make it a git range.` });
        return;
      }
      if (row.fixed && row.lastAffected) {
        ctx.addIssue({ code: "custom", message: `${where}: give either the fixed version or the last affected one, not both.` });
        return;
      }
      if (!row.fixed && !row.lastAffected && !row.introduced) {
        ctx.addIssue({ code: "custom", message: `${where}: give at least the version that introduced the problem, the fixed one or the last affected one.` });
        return;
      }
      ranges.push({
        ecosystem: row.rangeType === "GIT" ? "" : row.ecosystem,
        name: row.name,
        purl: row.purl || null,
        rangeType: row.rangeType,
        repo: row.repo || null,
        events: [{ introduced: row.introduced || "0" }, ...(row.fixed ? [{ fixed: row.fixed }] : []), ...(row.lastAffected ? [{ last_affected: row.lastAffected }] : [])],
      });
    });
    return ranges;
  });

/** One link per line, optionally preceded by its kind: "fix https://…/commit/abc", "https://…/releases/4.2.7". */
export const referencesField = z
  .string()
  .max(10_000)
  .optional()
  .transform((value, ctx): Array<{ type: (typeof REFERENCE_TYPES)[number]; url: string }> => {
    const refs: Array<{ type: (typeof REFERENCE_TYPES)[number]; url: string }> = [];
    (value ?? "").split(/\r?\n/).forEach((raw, index) => {
      const line = raw.trim();
      if (!line) return;
      const [first, second, ...rest] = line.split(/\s+/);
      const typed = second !== undefined;
      const type = typed ? REFERENCE_TYPES.find((t) => t === first!.toUpperCase()) : "WEB";
      const url = typed ? second : first;
      if (!type || rest.length > 0 || !url || !/^https?:\/\/[^\s]+$/.test(url)) {
        ctx.addIssue({ code: "custom", message: `Line ${index + 1}: write a link, optionally after its kind (${REFERENCE_TYPES.map((t) => t.toLowerCase()).join(", ")}), e.g. “fix https://github.com/org/repo/commit/abc123”.` });
        return;
      }
      refs.push({ type, url });
    });
    if (refs.length > 30) ctx.addIssue({ code: "custom", message: "At most 30 links." });
    return refs;
  });

/** The form's text for stored references (the inverse of referencesField). */
export function referencesText(value: unknown): string {
  if (!Array.isArray(value)) return "";
  return value
    .filter((r): r is { type: string; url: string } => typeof r === "object" && r !== null && typeof (r as { url?: unknown }).url === "string")
    .map((r) => `${r.type.toLowerCase()} ${r.url}`)
    .join("\n");
}
