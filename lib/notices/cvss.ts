// CVSS vectors: read metric by metric against the specification's tables, so an unknown, misspelt or repeated metric
// is refused with its name (the calculator alone lets a repeated metric silently win), then scored by a maintained
// calculator (ae-cvss-calculator): the score is the calculator's, never ours.
// The tables are the specifications' own (CVSS v4.0 section 7 / FIRST's JSON schema, CVSS v3.1 section 7), in their
// order, which is also the order OSV's CVSS_V4 pattern requires; the calculator's own tables accept values the
// specification does not (SC:S), so they are not used for checking.
import cvss from "ae-cvss-calculator";

type Table = ReadonlyArray<readonly [metric: string, values: readonly string[], group: "base" | "threat" | "environmental" | "supplemental"]>;

const V4: Table = [
  ["AV", ["N", "A", "L", "P"], "base"],
  ["AC", ["L", "H"], "base"],
  ["AT", ["N", "P"], "base"],
  ["PR", ["N", "L", "H"], "base"],
  ["UI", ["N", "P", "A"], "base"],
  ["VC", ["H", "L", "N"], "base"],
  ["VI", ["H", "L", "N"], "base"],
  ["VA", ["H", "L", "N"], "base"],
  ["SC", ["H", "L", "N"], "base"],
  ["SI", ["H", "L", "N"], "base"],
  ["SA", ["H", "L", "N"], "base"],
  ["E", ["X", "A", "P", "U"], "threat"],
  ["CR", ["X", "H", "M", "L"], "environmental"],
  ["IR", ["X", "H", "M", "L"], "environmental"],
  ["AR", ["X", "H", "M", "L"], "environmental"],
  ["MAV", ["X", "N", "A", "L", "P"], "environmental"],
  ["MAC", ["X", "L", "H"], "environmental"],
  ["MAT", ["X", "N", "P"], "environmental"],
  ["MPR", ["X", "N", "L", "H"], "environmental"],
  ["MUI", ["X", "N", "P", "A"], "environmental"],
  ["MVC", ["X", "H", "L", "N"], "environmental"],
  ["MVI", ["X", "H", "L", "N"], "environmental"],
  ["MVA", ["X", "H", "L", "N"], "environmental"],
  ["MSC", ["X", "H", "L", "N"], "environmental"],
  ["MSI", ["X", "S", "H", "L", "N"], "environmental"],
  ["MSA", ["X", "S", "H", "L", "N"], "environmental"],
  ["S", ["X", "N", "P"], "supplemental"],
  ["AU", ["X", "N", "Y"], "supplemental"],
  ["R", ["X", "A", "U", "I"], "supplemental"],
  ["V", ["X", "D", "C"], "supplemental"],
  ["RE", ["X", "L", "M", "H"], "supplemental"],
  ["U", ["X", "Clear", "Green", "Amber", "Red"], "supplemental"],
];

const V3: Table = [
  ["AV", ["N", "A", "L", "P"], "base"],
  ["AC", ["L", "H"], "base"],
  ["PR", ["N", "L", "H"], "base"],
  ["UI", ["N", "R"], "base"],
  ["S", ["U", "C"], "base"],
  ["C", ["H", "L", "N"], "base"],
  ["I", ["H", "L", "N"], "base"],
  ["A", ["H", "L", "N"], "base"],
  ["E", ["X", "H", "F", "P", "U"], "threat"],
  ["RL", ["X", "U", "W", "T", "O"], "threat"],
  ["RC", ["X", "C", "R", "U"], "threat"],
  ["CR", ["X", "H", "M", "L"], "environmental"],
  ["IR", ["X", "H", "M", "L"], "environmental"],
  ["AR", ["X", "H", "M", "L"], "environmental"],
  ["MAV", ["X", "N", "A", "L", "P"], "environmental"],
  ["MAC", ["X", "L", "H"], "environmental"],
  ["MPR", ["X", "N", "L", "H"], "environmental"],
  ["MUI", ["X", "N", "R"], "environmental"],
  ["MS", ["X", "U", "C"], "environmental"],
  ["MC", ["X", "N", "L", "H"], "environmental"],
  ["MI", ["X", "N", "L", "H"], "environmental"],
  ["MA", ["X", "N", "L", "H"], "environmental"],
];

const VERSIONS = { "4.0": V4, "3.1": V3, "3.0": V3 } as const;
export type CvssVersion = keyof typeof VERSIONS;

export type ParsedVector = { ok: true; version: CvssVersion; metrics: Map<string, string> } | { ok: false; message: string };

/** Reads a vector metric by metric; the message names the metric at fault and what to write instead. */
export function parseCvssVector(raw: string): ParsedVector {
  const m = raw.match(/^CVSS:(\d\.\d)\/(.*)$/);
  if (!m) return { ok: false, message: "A CVSS vector starts with its version, like CVSS:4.0/AV:N/…" };
  const version = m[1] as CvssVersion;
  const table = VERSIONS[version];
  if (!table) return { ok: false, message: `CVSS:${m[1]} is not a CVSS version this form reads: use CVSS:4.0.` };
  const metrics = new Map<string, string>();
  for (const part of m[2]!.split("/")) {
    const [metric, value, extra] = part.split(":");
    if (!metric || value === undefined || extra !== undefined) return { ok: false, message: `“${part}” is not a metric: write each as NAME:VALUE, separated by “/”.` };
    const row = table.find(([name]) => name === metric);
    if (!row) return { ok: false, message: `CVSS v${version} has no metric “${metric}”${table.find(([name]) => name === metric.toUpperCase()) ? ` (metric names are upper-case: ${metric.toUpperCase()})` : ""}.` };
    if (metrics.has(metric)) return { ok: false, message: `The metric ${metric} is given twice (${metric}:${metrics.get(metric)} and ${metric}:${value}): give each metric once.` };
    if (!row[1].includes(value)) return { ok: false, message: `${metric}:${value} is not a value of ${metric}: use ${row[1].join(", ")}.` };
    metrics.set(metric, value);
  }
  const missing = table.filter(([name, , group]) => group === "base" && !metrics.has(name)).map(([name]) => name);
  if (missing.length) return { ok: false, message: `The base metric${missing.length === 1 ? "" : "s"} ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing: a vector gives every base metric.` };
  return { ok: true, version, metrics };
}

/** The vector in the specification's order, without metrics left "not defined" (X): the same meaning, one spelling. */
function canonical(version: CvssVersion, metrics: Map<string, string>): string {
  return [`CVSS:${version}`, ...VERSIONS[version].filter(([name]) => metrics.has(name) && metrics.get(name) !== "X").map(([name]) => `${name}:${metrics.get(name)}`)].join("/");
}

export type ScoredVector = { vector: string; score: number };
export type CvssResult = ({ ok: true } & ScoredVector) | { ok: false; message: string };

/** Checks and scores a CVSS v4.0 vector (the version notices take); the score covers every metric group given. */
export function checkCvss4(raw: string): CvssResult {
  if (raw.length > 400) return { ok: false, message: "A CVSS vector is under 400 characters." };
  // The version first: a v3.1 vector's own problems (its metric names) would only confuse.
  const version = /^CVSS:(\d+\.\d+)\//.exec(raw.trim())?.[1];
  if (version && version !== "4.0") return { ok: false, message: `Give a CVSS v4.0 vector (CVSS:4.0/…); a CVSS v${version} vector is not scored here.` };
  const parsed = parseCvssVector(raw);
  if (!parsed.ok) return parsed;
  if (parsed.version !== "4.0") return { ok: false, message: `Give a CVSS v4.0 vector (CVSS:4.0/…); a CVSS v${parsed.version} vector is not scored here.` };
  const vector = canonical("4.0", parsed.metrics);
  try {
    const { overall } = new cvss.Cvss4P0(vector).calculateScores();
    if (typeof overall !== "number" || Number.isNaN(overall)) return { ok: false, message: "The calculator could not score this vector." };
    return { ok: true, vector, score: overall };
  } catch {
    return { ok: false, message: "The calculator could not score this vector." };
  }
}

/** Kept for callers that only need the score: null when the vector is refused. */
export function scoreCvss4(raw: string): ScoredVector | null {
  const r = checkCvss4(raw);
  return r.ok ? { vector: r.vector, score: r.score } : null;
}

/**
 * Which score a vector's number is. CVSS v4.0 names it by the groups it covers (specification section 1.3: CVSS-B,
 * CVSS-BT, CVSS-BE, CVSS-BTE); CVSS v3.x by the last group given (base, temporal, environmental score).
 */
export function cvssScoreLabel(vector: string): string {
  const parsed = parseCvssVector(vector);
  if (!parsed.ok) return "CVSS score";
  const defined = (group: string) => VERSIONS[parsed.version].some(([name, , g]) => g === group && (parsed.metrics.get(name) ?? "X") !== "X");
  if (parsed.version === "4.0") return `CVSS-B${defined("threat") ? "T" : ""}${defined("environmental") ? "E" : ""}`;
  return `CVSS v${parsed.version} ${defined("environmental") ? "environmental" : defined("threat") ? "temporal" : "base"} score`;
}

/** The qualitative rating of a score (CVSS v4.0 specification, section 6). */
export function ratingOf(score: number): "NONE" | "LOW" | "MEDIUM" | "HIGH" | "CRITICAL" {
  if (score === 0) return "NONE";
  if (score < 4) return "LOW";
  if (score < 7) return "MEDIUM";
  if (score < 9) return "HIGH";
  return "CRITICAL";
}
