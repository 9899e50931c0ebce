// The notice fields that exist for the published advisory's machine-readable forms (OSV, CSAF): structured affected
// ranges per package and typed reference links. Strict like the rest of the form: each problem names its line.
// Every rule that makes an OSV record wrong is checked here, at the door (issue 16): OSV's ecosystem spelling, a purl
// that names the row's own package, SemVer under SEMVER, full commit hashes under GIT, introduced before fixed.
import { z } from "zod";
import { checkEcosystem } from "@/lib/packages/ecosystems";
import { checkPurl } from "@/lib/packages/purl";
import { invisibleCharacterProblem } from "@/lib/text/invisible-characters";
import { checkWebAddress, webAddressMessage } from "@/lib/text/web-address";
import { normaliseVersion, orderProblem, versionProblem } from "./versions";

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

/** Text that goes into JSON records and emails as written: no control or invisible characters (named if found). */
const visible = (what: string) => (value: string, ctx: z.RefinementCtx) => {
  const problem = invisibleCharacterProblem(value, what);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
};

const version = z.string().trim().max(100).regex(/^[^\s<>"]*$/, "A version has no spaces.").superRefine(visible("A version"));

/** One row of the form's range editor. */
const RangeRow = z
  .object({
    ecosystem: z.string().trim().max(200).superRefine(visible("The ecosystem")).default(""),
    name: z.string().trim().min(1, "Name the package (or the repository for a git range).").max(200).superRefine(visible("The name")),
    purl: z.string().trim().max(300).superRefine(visible("The package URL")).default(""),
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
      const problem = (message: string): void => ctx.addIssue({ code: "custom", message: `${where}: ${message}` });
      const git = row.rangeType === "GIT";
      // The repository goes into the CVE record and OSV as a link: an https:// address, required for a git range.
      let repo: string | null = null;
      if (row.repo || git) {
        const checked = checkWebAddress(row.repo, { httpsOnly: true });
        if (!checked.ok) return problem(git && !row.repo ? "a git range needs the repository's https:// URL, and full commit hashes as versions." : `the repository: ${webAddressMessage(checked.problem, row.repo, { httpsOnly: true })}`);
        repo = checked.url;
      }
      let ecosystem = "";
      let purl: string | null = null;
      if (!git) {
        if (!row.ecosystem) return problem("name the package's ecosystem (e.g. PyPI), or make it a git range.");
        const checked = checkEcosystem(row.ecosystem);
        if (!checked.ok) return problem(checked.message);
        ecosystem = checked.ecosystem;
        // The purl is derived from ecosystem + name, or checked against them when one is given: never trusted as sent.
        const purlChecked = checkPurl(ecosystem, row.name, row.purl);
        if (!purlChecked.ok) return problem(purlChecked.message);
        purl = purlChecked.purl;
      }
      if (row.fixed && row.lastAffected) return problem("give either the fixed version or the last affected one, not both.");
      if (!row.fixed && !row.lastAffected && !row.introduced) return problem("give at least the version that introduced the problem, the fixed one or the last affected one.");
      const labels = { introduced: "introduced in", fixed: "fixed in", last_affected: "last affected" } as const;
      for (const [event, value] of [["introduced", row.introduced], ["fixed", row.fixed], ["last_affected", row.lastAffected]] as const) {
        const wrong = value ? versionProblem(row.rangeType, value, event) : null;
        if (wrong) return ctx.addIssue({ code: "custom", message: `${where}, “${labels[event]}”: ${wrong}` });
      }
      const introduced = normaliseVersion(row.rangeType, row.introduced || "0");
      const end = row.fixed ? { fixed: normaliseVersion(row.rangeType, row.fixed) } : row.lastAffected ? { last_affected: normaliseVersion(row.rangeType, row.lastAffected) } : null;
      const order = end ? orderProblem(row.rangeType, ecosystem, introduced, end) : null;
      if (order) return problem(order);
      ranges.push({ ecosystem, name: row.name, purl, rangeType: row.rangeType, repo, events: [{ introduced }, ...(end ? [end] : [])] });
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
      const written = (typed ? second : first) ?? "";
      if (!type || rest.length > 0 || !written) {
        ctx.addIssue({ code: "custom", message: `Line ${index + 1}: write a link, optionally after its kind (${REFERENCE_TYPES.map((t) => t.toLowerCase()).join(", ")}), e.g. “fix https://github.com/org/repo/commit/abc123”.` });
        return;
      }
      // Written in its normal form ("HTTPS://Example.org" is https://example.org): what the CVE record, OSV and CSAF carry.
      const checked = checkWebAddress(written);
      if (!checked.ok) {
        ctx.addIssue({ code: "custom", message: `Line ${index + 1}: ${webAddressMessage(checked.problem, written)}` });
        return;
      }
      const url = checked.url;
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
