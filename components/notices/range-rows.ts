// The affected-ranges editor works on rows (one range each); the notice stores ranges with their events in order.
// Plain functions, shared by the server page that fills the form and the client editor.
import { checkPurl } from "@/lib/notices/purl";

export type RangeRow = { ecosystem: string; name: string; purl: string; rangeType: "SEMVER" | "ECOSYSTEM" | "GIT"; repo: string; introduced: string; fixed: string; lastAffected: string };
/** Stored ranges (events in order) as editor rows. */
export function rowsFromRanges(value: unknown): RangeRow[] {
  if (!Array.isArray(value)) return [];
  return value.map((r: { ecosystem?: string; name?: string; purl?: string | null; rangeType?: RangeRow["rangeType"]; repo?: string | null; events?: Array<Record<string, string>> }) => {
    const event = (key: string) => r.events?.find((e) => key in e)?.[key] ?? "";
    const introduced = event("introduced");
    return { ecosystem: r.ecosystem ?? "", name: r.name ?? "", purl: r.purl && checkPurl(r.ecosystem ?? "", r.name ?? "", r.purl).ok ? r.purl : "", rangeType: r.rangeType ?? "ECOSYSTEM", repo: r.repo ?? "", introduced: introduced === "0" ? "" : introduced, fixed: event("fixed"), lastAffected: event("last_affected") };
  });
}

