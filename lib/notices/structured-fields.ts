// The structured fields of a notice — affected packages with their version ranges, and references — as stored (JSON
// columns) and read back. Pure: anything stored in an unexpected shape is left out rather than shown or exported
// half-right (an address only in its checked normal form: lib/text/web-address.ts). The notice's pages, the API and
// the advisory formats (lib/advisories) all read them through here.
import { webAddress } from "@/lib/text/web-address";

export type VersionEvent = { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

export type RangeType = "SEMVER" | "ECOSYSTEM" | "GIT";

export type AffectedPackage = {
  /** OSV ecosystem, e.g. "PyPI", "npm", "crates.io", "Go", "Debian:12"; "" for a git-only range (no package). */
  ecosystem: string;
  /** Package name in that ecosystem (for a git-only range: a label, e.g. the repository name). */
  name: string;
  /** Package URL; derived from ecosystem + name when null and the ecosystem maps to a purl type. */
  purl: string | null;
  rangeType: RangeType;
  /** Required for GIT ranges. */
  repo: string | null;
  /** In order; introduced "0" means "from the first version". */
  events: VersionEvent[];
  /** Optional explicit affected versions. */
  versions?: string[];
};

export type AdvisoryReferenceType = "ADVISORY" | "FIX" | "PACKAGE" | "REPORT" | "WEB" | "ARTICLE";

const REFERENCE_TYPES: readonly AdvisoryReferenceType[] = ["ADVISORY", "FIX", "PACKAGE", "REPORT", "WEB", "ARTICLE"];
const RANGE_TYPES = ["SEMVER", "ECOSYSTEM", "GIT"] as const;
const EVENT_KEYS = ["introduced", "fixed", "last_affected", "limit"] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function affectedOf(value: unknown): AffectedPackage[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((raw): AffectedPackage[] => {
    if (!isObject(raw) || typeof raw.name !== "string" || typeof raw.ecosystem !== "string") return [];
    const rangeType = RANGE_TYPES.find((t) => t === raw.rangeType);
    if (!rangeType || !Array.isArray(raw.events)) return [];
    const events = raw.events.flatMap((e): VersionEvent[] => {
      if (!isObject(e)) return [];
      const key = EVENT_KEYS.find((k) => typeof e[k] === "string" && e[k] !== "");
      return key ? [{ [key]: e[key] as string } as VersionEvent] : [];
    });
    if (events.length === 0) return [];
    const repo = typeof raw.repo === "string" ? webAddress(raw.repo, { httpsOnly: true }) : null;
    // A git range is its repository's: without one it says nothing (and OSV has no place for it).
    if (rangeType === "GIT" && !repo) return [];
    return [{ ecosystem: raw.ecosystem, name: raw.name, purl: typeof raw.purl === "string" && raw.purl ? raw.purl : null, rangeType, repo, events }];
  });
}

export function referencesOf(value: unknown): Array<{ type: AdvisoryReferenceType; url: string }> {
  if (!Array.isArray(value)) return [];
  return value.flatMap((raw) => {
    if (!isObject(raw) || typeof raw.url !== "string") return [];
    const url = webAddress(raw.url);
    if (!url) return [];
    const type = REFERENCE_TYPES.find((t) => t === raw.type) ?? "WEB";
    return [{ type, url }];
  });
}
