// CVSS v4.0 through a maintained calculator (ae-cvss-calculator): the vector must define every base metric; the
// score is the calculator's, never ours.
import cvss from "ae-cvss-calculator";

export type ScoredVector = { vector: string; score: number };

export function scoreCvss4(raw: string): ScoredVector | null {
  if (!/^CVSS:4\.0\//.test(raw) || raw.length > 400) return null;
  try {
    const vector = new cvss.Cvss4P0(raw);
    if (!vector.isBaseFullyDefined()) return null;
    const { overall } = vector.calculateScores();
    if (typeof overall !== "number" || Number.isNaN(overall)) return null;
    return { vector: vector.toString(), score: overall };
  } catch {
    return null;
  }
}

/** The qualitative rating of a score (CVSS v4.0 specification, section 6). */
export function ratingOf(score: number): "NONE" | "LOW" | "MEDIUM" | "HIGH" | "CRITICAL" {
  if (score === 0) return "NONE";
  if (score < 4) return "LOW";
  if (score < 7) return "MEDIUM";
  if (score < 9) return "HIGH";
  return "CRITICAL";
}
