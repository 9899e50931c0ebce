// Directory CSV: the columns, and the parsing and per-row checks that need no database. Pure, unit-tested.
//
// Shape: one row per member; an organisation without members has one row with the member columns empty. The
// organisation columns are repeated on each of its rows, except the OpenPGP key (several KB), which the export
// writes on the organisation's first row only. On import an organisation column may be left empty on any row: the
// non-empty values of one organisation must agree. An empty cell never clears anything (import never deletes: use
// the organisation's page for that). Rows are numbered as a spreadsheet shows them: the header is row 1.
// `attach_files_encrypted` (yes/no) is Organisation.attachFilesEncrypted: encrypted notices carry the notice's files
// (patches) as encrypted attachments; empty leaves it as it is (new organisations: no).
import Papa from "papaparse";
import { normalizeEmail } from "@/lib/auth/email";
import { ValidationError } from "@/lib/server/errors";
import { fromCsvCell } from "@/lib/server/csv";
import { inspectPublicKey, type KeyInfo } from "./pgp";
import type { AccountStatus } from "@/generated/prisma/enums";
import { ORG_STATUSES } from "./schemas";
import { nameKeys } from "./names";
import { invisibleCharacterProblem } from "@/lib/text/invisible-characters";

export const DIRECTORY_COLUMNS = [
  "organisation",
  "organisation_status",
  "role_address",
  "notes",
  "pgp_public_key",
  "pgp_fingerprint",
  "attach_files_encrypted",
  "member_email",
  "member_name",
  "member_status",
  "member_admin",
] as const;
export const MAX_IMPORT_ROWS = 5000;

type OrgStatus = (typeof ORG_STATUSES)[number];
type PersonStatus = AccountStatus;
/** Every status a person can have, PENDING (awaiting a maintainer's approval) included: an export re-imports whole. */
const MEMBER_STATUSES: readonly AccountStatus[] = ["INVITED", "ACTIVE", "PENDING", "SUSPENDED", "REMOVED"];

export type FileMember = { row: number; email: string; name: string | null; status: PersonStatus | null; admin: boolean | null };
export type FileOrganisation = {
  row: number;
  name: string;
  status: OrgStatus | null;
  roleAddress: string | null;
  notes: string | null;
  /** Organisation.attachFilesEncrypted (patches as encrypted attachments of the encrypted notice); null: not given. */
  attachFilesEncrypted: boolean | null;
  /** The armored key as written in the file; `key` once it was checked. */
  publicKey: { row: number; armored: string; fingerprint: string | null } | null;
  key: KeyInfo | null;
  members: FileMember[];
};
export type RowProblem = { row: number; message: string };
export type DirectoryFile = { rows: number; organisations: FileOrganisation[]; problems: RowProblem[] };

/** Export helpers: the cell for a yes/no column, and a status as written. */
export const yesNo = (value: boolean) => (value ? "yes" : "no");

function readStatus<T extends string>(value: string, allowed: readonly T[]): T | null | undefined {
  if (!value) return null;
  const upper = value.toUpperCase() as T;
  return allowed.includes(upper) ? upper : undefined;
}

function readYesNo(value: string): boolean | null | undefined {
  const v = value.toLowerCase();
  if (!v) return null;
  if (["yes", "y", "true", "1"].includes(v)) return true;
  if (["no", "n", "false", "0"].includes(v)) return false;
  return undefined;
}

const ORG_FIELDS = ["status", "roleAddress", "notes", "attachFilesEncrypted"] as const;
const COLUMN_OF: Record<(typeof ORG_FIELDS)[number], string> = { status: "organisation_status", roleAddress: "role_address", notes: "notes", attachFilesEncrypted: "attach_files_encrypted" };

/** Parses and checks the file's shape and every cell; keys are checked by `checkKeys` (OpenPGP is asynchronous). */
export function parseDirectoryCsv(text: string): DirectoryFile {
  const problems: RowProblem[] = [];
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: "greedy", transformHeader: (h) => h.trim().toLowerCase() });
  const header = parsed.meta.fields ?? [];
  const allowed = DIRECTORY_COLUMNS.join(", ");
  if (!header.includes("organisation")) return { rows: 0, organisations: [], problems: [{ row: 1, message: `The first row must name the columns, including "organisation". Allowed: ${allowed}.` }] };
  const unknown = header.filter((h) => !(DIRECTORY_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) problems.push({ row: 1, message: `Unknown column${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}. Allowed: ${allowed}.` });
  // A one-column file has no delimiter to detect: that is not an error.
  for (const error of parsed.errors.filter((e) => e.code !== "UndetectableDelimiter")) problems.push({ row: (error.row ?? 0) + 2, message: `Unreadable CSV: ${error.message}.` });
  if (parsed.data.length > MAX_IMPORT_ROWS) return { rows: 0, organisations: [], problems: [...problems, { row: 1, message: `Too many rows (${parsed.data.length}); import at most ${MAX_IMPORT_ROWS} at a time.` }] };
  if (parsed.data.length === 0 && problems.length === 0) problems.push({ row: 2, message: "The file has a header but no rows." });

  const byName = new Map<string, FileOrganisation>();
  const spelling = new Map<string, FileOrganisation>();
  const seenEmails = new Map<string, number>();
  parsed.data.forEach((record, index) => {
    const row = index + 2;
    const get = (column: string) => fromCsvCell(record[column] ?? "").trim();
    const fail = (message: string) => problems.push({ row, message });
    const before = problems.length;

    const name = get("organisation");
    if (!name) fail("organisation is empty.");
    else if (name.length > 120) fail("organisation is longer than 120 characters.");
    else if (invisibleCharacterProblem(name)) fail(invisibleCharacterProblem(name, "organisation")!);
    const status = readStatus(get("organisation_status"), ORG_STATUSES);
    if (status === undefined) fail(`organisation_status "${get("organisation_status")}" is not one of ${ORG_STATUSES.join(", ").toLowerCase()}.`);
    const rawRole = get("role_address");
    const roleAddress = rawRole ? normalizeEmail(rawRole) : null;
    if (rawRole && !roleAddress) fail(`role_address "${rawRole}" is not one email address.`);
    const notes = record.notes === undefined ? "" : fromCsvCell(record.notes);
    if (notes.length > 5000) fail("notes are longer than 5,000 characters.");
    const armored = get("pgp_public_key");
    const fingerprint = get("pgp_fingerprint").replace(/\s+/g, "").toUpperCase() || null;
    const attachFilesEncrypted = readYesNo(get("attach_files_encrypted"));
    if (attachFilesEncrypted === undefined) fail(`attach_files_encrypted "${get("attach_files_encrypted")}" is not yes or no.`);

    const rawEmail = get("member_email");
    const email = rawEmail ? normalizeEmail(rawEmail) : null;
    if (rawEmail && !email) fail(`member_email "${rawEmail}" is not one email address.`);
    const memberName = get("member_name") || null;
    if (memberName && memberName.length > 120) fail("member_name is longer than 120 characters.");
    else if (memberName && invisibleCharacterProblem(memberName)) fail(invisibleCharacterProblem(memberName, "member_name")!);
    const memberStatus = readStatus(get("member_status"), MEMBER_STATUSES);
    if (memberStatus === undefined) fail(`member_status "${get("member_status")}" is not one of ${MEMBER_STATUSES.join(", ").toLowerCase()}.`);
    const admin = readYesNo(get("member_admin"));
    if (admin === undefined) fail(`member_admin "${get("member_admin")}" is not yes or no.`);
    if (!email && (memberName || memberStatus || admin !== null)) fail("member_name, member_status or member_admin without a member_email.");
    if (email) {
      const first = seenEmails.get(email);
      if (first) fail(`member_email ${email} appears again (first on row ${first}); a person belongs to one organisation.`);
      else seenEmails.set(email, row);
    }
    if (problems.length > before || !name) return;

    // One file, one spelling per organisation: "Bluefin OS" and "bluefin-os" on two rows are a typo or a trap.
    const other = nameKeys(name).map((key) => spelling.get(key)).find((o) => o && o.name !== name);
    if (other) return void fail(`organisation "${name}" looks like "${other.name}" on row ${other.row}; write one organisation's name the same way on every row.`);
    let org = byName.get(name);
    if (!org) {
      org = { row, name, status: null, roleAddress: null, notes: null, attachFilesEncrypted: null, publicKey: null, key: null, members: [] };
      byName.set(name, org);
      for (const key of nameKeys(name)) if (!spelling.has(key)) spelling.set(key, org);
    }
    const values = { status: status ?? null, roleAddress, notes: notes.trim() ? notes : null, attachFilesEncrypted: attachFilesEncrypted ?? null };
    for (const field of ORG_FIELDS) {
      const value = values[field];
      if (value === null) continue;
      if (org[field] !== null && org[field] !== value) fail(`${COLUMN_OF[field]} differs from an earlier row of ${name}; an organisation's columns must agree on every row (or be left empty).`);
      else (org as Record<string, unknown>)[field] = value;
    }
    if (armored) {
      if (org.publicKey && org.publicKey.armored !== armored) fail(`pgp_public_key differs from row ${org.publicKey.row} of ${name}; give the key once.`);
      else org.publicKey ??= { row, armored, fingerprint };
    } else if (fingerprint && org.publicKey && org.publicKey.fingerprint && org.publicKey.fingerprint !== fingerprint) {
      fail(`pgp_fingerprint differs from row ${org.publicKey.row} of ${name}.`);
    }
    if (email) org.members.push({ row, email, name: memberName, status: memberStatus ?? null, admin: admin ?? null });
  });
  return { rows: parsed.data.length, organisations: [...byName.values()], problems };
}

/** Checks each key exactly as the organisation's key form does; a problem names the row and the column. */
export async function checkKeys(file: DirectoryFile, now = new Date()): Promise<DirectoryFile> {
  const problems = [...file.problems];
  for (const org of file.organisations) {
    if (!org.publicKey) continue;
    try {
      org.key = await inspectPublicKey(org.publicKey.armored, now);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      problems.push({ row: org.publicKey.row, message: `pgp_public_key of ${org.name}: ${error.publicMessage}` });
      continue;
    }
    if (org.publicKey.fingerprint && org.publicKey.fingerprint !== org.key.fingerprint) {
      problems.push({ row: org.publicKey.row, message: `pgp_fingerprint of ${org.name} is not the fingerprint of its pgp_public_key (${org.key.fingerprint}); the key may be damaged.` });
    }
  }
  return { ...file, problems: problems.sort((a, b) => a.row - b.row) };
}

export async function readDirectoryCsv(text: string, now = new Date()): Promise<DirectoryFile> {
  return checkKeys(parseDirectoryCsv(text), now);
}
