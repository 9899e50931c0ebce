// The version rules of an affected range, as OSV defines each range type (https://ossf.github.io/osv-schema/
// #affectedranges-field). Pure; the notice schema names the range and the field in its messages.
import semver from "semver";

export type RangeType = "SEMVER" | "ECOSYSTEM" | "GIT";

// Ecosystems whose versions OSV orders by SemVer 2.0 (OSV's ecosystem list: crates.io, Go, Hex, npm, Pub, SwiftURL
// "follow SemVer"). For an ECOSYSTEM range there, introduced-after-fixed is refused when both versions are strict
// SemVer; others (PyPI's PEP 440, Maven, Debian's dpkg order...) have their own ordering and are not compared.
const SEMVER_ORDERED = new Set(["crates.io", "Go", "Hex", "npm", "Pub", "SwiftURL"]);

/** A full git commit hash: 40 hex digits (SHA-1) or 64 (SHA-256 repositories). OSV requires the full hash. */
const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

/** Whether `v` is a SemVer 2.0 version exactly as written (OSV: no leading `v`, no `=`, no spaces). */
export function isStrictSemver(v: string): boolean {
  return semver.valid(v) === v;
}

/**
 * The problem with one version of a range, or null. `introduced` may be "0" (OSV: "from the first version") in every
 * range type.
 */
export function versionProblem(type: RangeType, v: string, event: "introduced" | "fixed" | "last_affected"): string | null {
  if (event === "introduced" && v === "0") return null;
  if (type === "SEMVER" && !isStrictSemver(v)) {
    const fixed = semver.valid(v) ?? semver.valid(semver.coerce(v));
    return `“${v}” is not a SemVer 2.0 version (like 1.4.2 or 2.0.0-rc.1${/^[vV=]/.test(v) ? ", without a leading v" : ""})${fixed && fixed !== v ? `: did you mean ${fixed}?` : ""}. Choose “Package versions” for other version schemes.`;
  }
  if (type === "GIT" && !COMMIT.test(v)) {
    return `“${v}” is not a full commit hash: give the 40-character (or 64-character) hash of the commit, not a branch, tag or short hash.`;
  }
  return null;
}

/** A git commit as stored: lower-case hex. Other versions are kept as typed. */
export function normaliseVersion(type: RangeType, v: string): string {
  return type === "GIT" && COMMIT.test(v) ? v.toLowerCase() : v;
}

/** Whether versions of this range can be compared here (SemVer ranges; ECOSYSTEM ranges of SemVer ecosystems). */
export function orderIsKnown(type: RangeType, ecosystem: string): boolean {
  return type === "SEMVER" || (type === "ECOSYSTEM" && SEMVER_ORDERED.has(ecosystem.split(":")[0] ?? ""));
}

/**
 * The problem with the order of an introduced version and its end (fixed or last affected), or null when they are in
 * order or their order is not known. A fixed version equal to introduced is an empty range, refused too.
 */
export function orderProblem(type: RangeType, ecosystem: string, introduced: string, end: { fixed: string } | { last_affected: string }): string | null {
  if (!introduced || introduced === "0" || !orderIsKnown(type, ecosystem)) return null;
  const [key, v] = "fixed" in end ? (["fixed", end.fixed] as const) : (["last_affected", end.last_affected] as const);
  if (!isStrictSemver(introduced) || !isStrictSemver(v)) return null;
  const cmp = semver.compare(introduced, v);
  if (key === "fixed" && cmp >= 0) return `the version that introduced the problem (${introduced}) must come before the fixed version (${v}).`;
  if (key === "last_affected" && cmp > 0) return `the version that introduced the problem (${introduced}) must not come after the last affected version (${v}).`;
  return null;
}
