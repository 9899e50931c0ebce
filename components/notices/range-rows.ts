// The affected-ranges editor works on rows (one range each); the notice stores ranges with their events in order.
// Plain functions, shared by the server page that fills the form and the client editor.
import { checkPurl } from "@/lib/packages/purl";

export type RangeRow = { ecosystem: string; name: string; purl: string; rangeType: "SEMVER" | "ECOSYSTEM" | "GIT"; repo: string; introduced: string; fixed: string; lastAffected: string };
export type KnownPackage = { ecosystem: string; name: string; purl: string | null };

/**
 * The purl a row posts: a known package's own purl only while the row still names that package (same ecosystem and
 * name); otherwise none, and the server derives it from ecosystem + name. A retyped name never keeps another
 * package's purl (issue 16: `acme-core-py` went out as `pkg:pypi/acme-lib`); the server checks it anyway.
 */
export function purlForRow(row: Pick<RangeRow, "ecosystem" | "name">, packages: KnownPackage[]): string {
  return packages.find((p) => p.ecosystem === row.ecosystem && p.name === row.name)?.purl ?? "";
}

/** Stored ranges (events in order) as editor rows; a stored purl that names another package is dropped. */
export function rowsFromRanges(value: unknown): RangeRow[] {
  if (!Array.isArray(value)) return [];
  return value.map((r: { ecosystem?: string; name?: string; purl?: string | null; rangeType?: RangeRow["rangeType"]; repo?: string | null; events?: Array<Record<string, string>> }) => {
    const event = (key: string) => r.events?.find((e) => key in e)?.[key] ?? "";
    const introduced = event("introduced");
    return { ecosystem: r.ecosystem ?? "", name: r.name ?? "", purl: r.purl && checkPurl(r.ecosystem ?? "", r.name ?? "", r.purl).ok ? r.purl : "", rangeType: r.rangeType ?? "ECOSYSTEM", repo: r.repo ?? "", introduced: introduced === "0" ? "" : introduced, fixed: event("fixed"), lastAffected: event("last_affected") };
  });
}

