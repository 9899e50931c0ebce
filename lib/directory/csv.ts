// Directory CSV: the columns, and the parsing and per-row checks that need no database. Pure, unit-tested.
import Papa from "papaparse";
import { normalizeEmail } from "@/lib/auth/email";

export const EXPORT_COLUMNS = ["organisation", "organisation_status", "role_address", "pgp_fingerprint", "notes", "member_email", "member_name", "member_status"] as const;
/** Read on import; the other export columns are accepted and ignored (statuses are never imported). */
export const IMPORT_COLUMNS = ["organisation", "role_address", "notes", "member_email", "member_name"] as const;
const IGNORED_ON_IMPORT = new Set(["organisation_status", "pgp_fingerprint", "member_status"]);
export const MAX_IMPORT_ROWS = 5000;

export type ImportRow = { line: number; organisation: string; roleAddress: string | null; notes: string | null; memberEmail: string | null; memberName: string | null };
export type RowProblem = { line: number; message: string };

export function parseDirectoryCsv(text: string): { rows: ImportRow[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const header = parsed.meta.fields ?? [];
  if (!header.includes("organisation")) {
    return { rows: [], problems: [{ line: 1, message: `The first line must name the columns, including "organisation". Allowed: ${IMPORT_COLUMNS.join(", ")}.` }] };
  }
  const unknown = header.filter((h) => !(IMPORT_COLUMNS as readonly string[]).includes(h) && !IGNORED_ON_IMPORT.has(h));
  if (unknown.length) problems.push({ line: 1, message: `Unknown column${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}. Allowed: ${IMPORT_COLUMNS.join(", ")}.` });
  // A one-column file has no delimiter to detect: that is not an error.
  for (const error of parsed.errors.filter((e) => e.code !== "UndetectableDelimiter")) problems.push({ line: (error.row ?? 0) + 2, message: `Unreadable CSV: ${error.message}.` });
  if (parsed.data.length > MAX_IMPORT_ROWS) {
    return { rows: [], problems: [...problems, { line: 1, message: `Too many rows (${parsed.data.length}); import at most ${MAX_IMPORT_ROWS} at a time.` }] };
  }

  const rows: ImportRow[] = [];
  const seenEmails = new Map<string, number>();
  const roleAddressOf = new Map<string, { value: string | null; line: number }>();
  parsed.data.forEach((record, index) => {
    const line = index + 2;
    const get = (column: string) => (record[column] ?? "").trim();
    const organisation = get("organisation");
    const rawRole = get("role_address");
    const rawEmail = get("member_email");
    const memberName = get("member_name") || null;
    const notes = get("notes") || null;
    const before = problems.length;
    if (!organisation) problems.push({ line, message: "The organisation name is empty." });
    else if (organisation.length > 120) problems.push({ line, message: "The organisation name is longer than 120 characters." });
    const roleAddress = rawRole ? normalizeEmail(rawRole) : null;
    if (rawRole && !roleAddress) problems.push({ line, message: `role_address "${rawRole}" is not one email address.` });
    const memberEmail = rawEmail ? normalizeEmail(rawEmail) : null;
    if (rawEmail && !memberEmail) problems.push({ line, message: `member_email "${rawEmail}" is not one email address.` });
    if (memberName && memberName.length > 120) problems.push({ line, message: "member_name is longer than 120 characters." });
    if (notes && notes.length > 5000) problems.push({ line, message: "notes are longer than 5,000 characters." });
    if (memberEmail) {
      const first = seenEmails.get(memberEmail);
      if (first) problems.push({ line, message: `${memberEmail} appears again (first on line ${first}); a person belongs to one organisation.` });
      else seenEmails.set(memberEmail, line);
    }
    if (organisation && rawRole) {
      const known = roleAddressOf.get(organisation);
      if (known && known.value !== roleAddress) problems.push({ line, message: `A different role_address for ${organisation} than on line ${known.line}.` });
      else if (!known) roleAddressOf.set(organisation, { value: roleAddress, line });
    }
    if (problems.length === before) rows.push({ line, organisation, roleAddress, notes, memberEmail, memberName });
  });
  if (parsed.data.length === 0 && problems.length === 0) problems.push({ line: 2, message: "The file has a header but no rows." });
  return { rows, problems };
}
