// What a notice contributes to its pre-announcement, read from the notice on the server: the severity the public may
// read and the version range proposed from the structured affected ranges (./pre-announcement.ts renders them).
import { ratingOf } from "./cvss";
import { affectedOf } from "./structured-fields";
import { isSeverity, type PreAnnouncedSeverity } from "./pre-announcement";

/**
 * The notice's highest severity as the public may read it: the CVSS score's qualitative rating when there is a
 * vector, else the plain rating; null when the notice is not rated. Never the score or the vector: the vector's
 * metrics (network, no privileges…) describe the flaw.
 */
export function publicSeverity(notice: { cvssVector: string | null; cvssScore: number | null; severity: string | null }): PreAnnouncedSeverity | null {
  if (notice.cvssVector && notice.cvssScore !== null) return ratingOf(notice.cvssScore);
  return notice.severity && isSeverity(notice.severity) ? notice.severity : null;
}

function describeRange(events: ReturnType<typeof affectedOf>[number]["events"]): string[] {
  const out: string[] = [];
  let from: string | null = null;
  for (const event of events) {
    if ("introduced" in event) {
      from = event.introduced === "0" ? null : event.introduced;
      continue;
    }
    if ("fixed" in event) out.push(from ? `${from} before ${event.fixed}` : `before ${event.fixed}`);
    else if ("last_affected" in event) out.push(from ? `${from} to ${event.last_affected}` : `up to ${event.last_affected}`);
    else continue;
    from = null;
  }
  if (from) out.push(`${from} and later`);
  return out;
}

/**
 * The version range proposed from the notice's structured affected ranges: version numbers only. Package names are
 * left out (in a project of several packages, the name says where the flaw is), and so are git ranges, whose events
 * are commits — a fix commit is the patch itself. "" when there is nothing to propose: the maintainer types it.
 */
export function proposedVersionRange(affectedPackages: unknown): string {
  const parts = affectedOf(affectedPackages)
    .filter((p) => p.rangeType !== "GIT")
    .flatMap((p) => describeRange(p.events));
  const unique = [...new Set(parts)];
  return unique.length ? `versions ${unique.join("; ")}`.slice(0, 200) : "";
}

