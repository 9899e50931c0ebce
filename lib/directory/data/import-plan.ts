import "server-only";
// What an import would do, row by row, computed from the file and the directory as it is now. The preview shows it;
// the confirm computes it again inside its transaction and goes ahead only if it is exactly what was previewed
// (`token`), so a preview made stale by any change to the rows it touches is refused instead of applied.
import { createHash } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import type { AccountStatus, OrganisationStatus, Role } from "@/generated/prisma/enums";
import type { getDb } from "@/lib/server/db/client";
import type { KeyInfo } from "../pgp";
import type { DirectoryFile, FileMember, FileOrganisation, RowProblem } from "../csv";
import { mayBeInvited, memberTransitionAllowed } from "../policy";
import { lookalikeIndex } from "../names";

type Db = Prisma.TransactionClient | ReturnType<typeof getDb>;

export type RowOutcome = { row: number; organisation: string; email: string | null; action: "create" | "update" | "unchanged"; changes: string[] };
export type ImportPlan = {
  rows: number;
  problems: RowProblem[];
  outcomes: RowOutcome[];
  /** The people this import creates who would get an invitation email, if the maintainer asks for it. */
  invitees: Array<{ email: string; organisation: string }>;
  counts: Record<RowOutcome["action"], number>;
  /**
   * New organisations whose name a person could take for an existing one's (../names.ts): applied only when the
   * maintainer confirms they are different organisations.
   */
  lookalikes: Array<{ row: number; organisation: string; looksLike: string[] }>;
  /** A digest of everything above: a confirm goes ahead only when the plan it computes has the same. */
  token: string;
};

type ExistingOrg = { id: string; name: string; status: OrganisationStatus; roleAddress: string | null; notes: string; attachFilesEncrypted: boolean; pgpFingerprint: string | null; pgpExpiresAt: Date | null };
type ExistingPerson = { id: string; email: string; role: Role; name: string | null; status: AccountStatus; membership: { isAdmin: boolean; organisation: { name: string } } | null };

export type OrgOp = {
  file: FileOrganisation;
  existing: ExistingOrg | null;
  status: OrganisationStatus;
  set: { status?: OrganisationStatus; roleAddress?: string; notes?: string; attachFilesEncrypted?: boolean; key?: KeyInfo };
};
export type MemberOp = { file: FileMember; organisation: string; existing: ExistingPerson | null; set: { name?: string; status?: AccountStatus; admin?: boolean } };
export type PlanWithOps = ImportPlan & { orgOps: OrgOp[]; memberOps: MemberOp[] };

const lower = (s: string) => s.toLowerCase();
const shown = (value: string | null) => (value ? `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"` : "(none)");

const ENCRYPTED_FILES = "files as encrypted attachments";

/** A suspension or removal is lifted only on the organisation's page, never by a file (an old export re-imported). */
const HELD: ReadonlySet<string> = new Set(["SUSPENDED", "REMOVED"]);

function orgOp(file: FileOrganisation, existing: ExistingOrg | undefined, problems: RowProblem[]): { op: OrgOp; changes: string[] } {
  if (!existing) {
    const status = file.status ?? "INVITED";
    const changes = [`new organisation (${lower(status)})`];
    if (file.roleAddress) changes.push(`role address ${file.roleAddress}`);
    if (file.notes) changes.push("notes");
    if (file.key) changes.push(`OpenPGP key ${file.key.fingerprint}`);
    if (file.attachFilesEncrypted) changes.push(ENCRYPTED_FILES);
    const set = {
      status,
      ...(file.roleAddress ? { roleAddress: file.roleAddress } : {}),
      ...(file.notes ? { notes: file.notes } : {}),
      ...(file.attachFilesEncrypted !== null ? { attachFilesEncrypted: file.attachFilesEncrypted } : {}),
      ...(file.key ? { key: file.key } : {}),
    };
    return { op: { file, existing: null, status, set }, changes };
  }
  const set: OrgOp["set"] = {};
  const changes: string[] = [];
  if (file.status && file.status !== existing.status && HELD.has(existing.status)) {
    problems.push({ row: file.row, message: `organisation_status: ${existing.name} is ${lower(existing.status)}, and an import never lifts that (an old export would undo it). Do it on its page, or write ${lower(existing.status)} or leave the cell empty.` });
  } else if (file.status && file.status !== existing.status) {
    set.status = file.status;
    changes.push(`status ${lower(existing.status)} → ${lower(file.status)}`);
  }
  if (file.roleAddress && file.roleAddress !== existing.roleAddress) {
    set.roleAddress = file.roleAddress;
    changes.push(`role address ${existing.roleAddress ?? "(none)"} → ${file.roleAddress}`);
  }
  if (file.notes && file.notes !== existing.notes) {
    set.notes = file.notes;
    changes.push(`notes ${shown(existing.notes)} → ${shown(file.notes)}`);
  }
  if (file.attachFilesEncrypted !== null && file.attachFilesEncrypted !== existing.attachFilesEncrypted) {
    set.attachFilesEncrypted = file.attachFilesEncrypted;
    changes.push(file.attachFilesEncrypted ? ENCRYPTED_FILES : `no longer ${ENCRYPTED_FILES}`);
  }
  if (file.key && (file.key.fingerprint !== existing.pgpFingerprint || file.key.expiresAt?.getTime() !== existing.pgpExpiresAt?.getTime())) {
    set.key = file.key;
    changes.push(`OpenPGP key ${existing.pgpFingerprint ?? "(none)"} → ${file.key.fingerprint}`);
  }
  return { op: { file, existing, status: set.status ?? existing.status, set }, changes };
}

function memberOp(member: FileMember, org: OrgOp, person: ExistingPerson | undefined, problems: RowProblem[]): { op: MemberOp; changes: string[] } | null {
  const fail = (message: string) => (problems.push({ row: member.row, message }), null);
  const name = org.file.name;
  if (person?.role === "MAINTAINER") return fail(`member_email ${member.email} is a maintainer and cannot be a vendor member.`);
  // A reporter's account sees only their own reports; making it a member in a bulk import would be a silent change of
  // role. Inviting the address on the organisation's page does it openly (the person keeps their reports).
  if (person?.role === "REPORTER") return fail(`member_email ${member.email} belongs to someone who sent a report; invite them on the organisation's page instead (their reports stay theirs), or use another address.`);
  if (person && person.membership?.organisation.name !== name) {
    return fail(`member_email ${member.email} already belongs to ${person.membership?.organisation.name ?? "no organisation"}; a person belongs to one organisation.`);
  }
  if (!person) {
    if (org.existing?.status === "REMOVED" && org.status === "REMOVED") {
      return fail(`${name} was removed from the directory: restore it on its page before adding people.`);
    }
    const status = member.status ?? "INVITED";
    const changes = [`new member ${member.email} (${lower(status)}${member.admin ? ", organisation admin" : ""})`];
    return { op: { file: member, organisation: name, existing: null, set: { status, ...(member.name ? { name: member.name } : {}), admin: member.admin ?? false } }, changes };
  }
  const set: MemberOp["set"] = {};
  const changes: string[] = [];
  if (member.name && member.name !== person.name) {
    set.name = member.name;
    changes.push(`name of ${member.email} ${shown(person.name)} → ${shown(member.name)}`);
  }
  if (member.status && member.status !== person.status) {
    const to = member.status;
    if (HELD.has(person.status)) {
      return fail(`member_status: ${member.email} is ${lower(person.status)}, and an import never lifts that (an old export would undo it). Do it on the organisation's page, or write ${lower(person.status)} or leave the cell empty.`);
    }
    if ((to === "ACTIVE" || to === "SUSPENDED" || to === "REMOVED") && memberTransitionAllowed(person.status, to)) {
      set.status = to;
      changes.push(`${member.email} ${lower(person.status)} → ${lower(to)}`);
    } else {
      const why = to === "ACTIVE" && person.status === "INVITED" ? "a person becomes active by signing in" : "change it on the organisation's page";
      return fail(`member_status: ${member.email} is ${lower(person.status)} and an import cannot make them ${lower(to)} (${why}). Write ${lower(person.status)} or leave the cell empty.`);
    }
  }
  if (member.admin === true && !(person.membership?.isAdmin ?? false) && !["INVITED", "ACTIVE"].includes(set.status ?? person.status)) {
    return fail(`member_admin: ${member.email} is ${lower(set.status ?? person.status)}; only an invited or active member can be an organisation admin.`);
  }
  if (member.admin !== null && member.admin !== (person.membership?.isAdmin ?? false)) {
    set.admin = member.admin;
    changes.push(`${member.email} ${member.admin ? "becomes" : "is no longer"} organisation admin`);
  }
  return { op: { file: member, organisation: name, existing: person, set }, changes };
}

/** The plan for a checked file against the directory read through `db` (a transaction when confirming). */
export async function planImport(db: Db, file: DirectoryFile): Promise<PlanWithOps> {
  const problems = [...file.problems];
  const names = file.organisations.map((o) => o.name);
  const emails = file.organisations.flatMap((o) => o.members.map((m) => m.email));
  // Every organisation, not only those of the same name: a new one is compared with all of them for look-alikes.
  const [orgs, people] = await Promise.all([
    names.length
      ? db.organisation.findMany({ select: { id: true, name: true, status: true, roleAddress: true, notes: true, attachFilesEncrypted: true, pgpFingerprint: true, pgpExpiresAt: true }, orderBy: { name: "asc" } })
      : [],
    db.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true, role: true, name: true, status: true, membership: { select: { isAdmin: true, organisation: { select: { name: true } } } } } }),
  ]);
  const orgByLower = new Map(orgs.map((o) => [lower(o.name), o]));
  const lookalikesOf = lookalikeIndex(orgs);
  const personByEmail = new Map(people.map((p) => [p.email, p]));
  const outcomes = new Map<number, RowOutcome>();
  const note = (row: number, organisation: string, email: string | null, action: RowOutcome["action"], changes: string[]) => {
    const was = outcomes.get(row);
    const rank = { unchanged: 0, update: 1, create: 2 } as const;
    outcomes.set(row, {
      row,
      organisation,
      email: email ?? was?.email ?? null,
      action: was && rank[was.action] > rank[action] ? was.action : action,
      changes: [...(was?.changes ?? []), ...changes],
    });
  };
  const orgOps: OrgOp[] = [];
  const memberOps: MemberOp[] = [];
  const invitees: ImportPlan["invitees"] = [];
  const lookalikes: ImportPlan["lookalikes"] = [];
  for (const org of file.organisations) {
    const existing = orgByLower.get(lower(org.name));
    if (existing && existing.name !== org.name) {
      problems.push({ row: org.row, message: `organisation "${org.name}" differs only in letter case from the existing "${existing.name}"; use the existing name.` });
      continue;
    }
    const { op, changes } = orgOp(org, existing, problems);
    const alike = existing ? [] : lookalikesOf(org.name).map((o) => o.name);
    if (alike.length) {
      lookalikes.push({ row: org.row, organisation: org.name, looksLike: alike });
      changes.push(`looks like the existing ${alike.map((n) => `“${n}”`).join(" and ")}`);
    }
    orgOps.push(op);
    note(org.row, org.name, null, op.existing ? (changes.length ? "update" : "unchanged") : "create", changes);
    for (const member of org.members) {
      const planned = memberOp(member, op, personByEmail.get(member.email), problems);
      if (!planned) continue;
      memberOps.push(planned.op);
      note(member.row, org.name, member.email, planned.op.existing ? (planned.changes.length ? "update" : "unchanged") : "create", planned.changes);
      if (!planned.op.existing && mayBeInvited(planned.op.set.status ?? "INVITED", op.status)) invitees.push({ email: member.email, organisation: org.name });
    }
  }
  const bad = new Set(problems.map((p) => p.row));
  const rows = [...outcomes.values()].filter((o) => !bad.has(o.row)).sort((a, b) => a.row - b.row);
  problems.sort((a, b) => a.row - b.row);
  const counts = { create: 0, update: 0, unchanged: 0 };
  for (const o of rows) counts[o.action] += 1;
  const token = createHash("sha256").update(JSON.stringify([rows, invitees, problems, lookalikes])).digest("base64url").slice(0, 32);
  return { rows: file.rows, problems, outcomes: rows, invitees, counts, lookalikes, token, orgOps, memberOps };
}
