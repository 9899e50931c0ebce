import "server-only";
// Directory CSV export and import. An import is previewed first (every problem, with its line) and applied only
// when it has none, all rows in one transaction. Import only adds: new organisations and new invited members.
import { getDb } from "@/lib/server/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { ValidationError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { toCsv } from "@/lib/server/csv";
import { EXPORT_COLUMNS, parseDirectoryCsv, type ImportRow, type RowProblem } from "../csv";
import { actor, manager } from "./shared";

type Db = Prisma.TransactionClient | ReturnType<typeof getDb>;

export async function exportDirectoryCsv(viewer: Viewer, request: RequestInfo): Promise<string> {
  const me = manager(viewer);
  const orgs = await getDb().organisation.findMany({
    orderBy: { name: "asc" },
    select: {
      name: true,
      status: true,
      roleAddress: true,
      pgpFingerprint: true,
      notes: true,
      memberships: { orderBy: { createdAt: "asc" }, select: { user: { select: { email: true, name: true, status: true } } } },
    },
  });
  const rows: Array<Array<string | null>> = [];
  for (const org of orgs) {
    const base = [org.name, org.status, org.roleAddress, org.pgpFingerprint, org.notes];
    if (org.memberships.length === 0) rows.push([...base, null, null, null]);
    for (const { user } of org.memberships) rows.push([...base, user.email, user.name, user.status]);
  }
  await recordAudit({ actor: actor(me), action: "directory.exported", ip: request.ip, details: { organisations: orgs.length, rows: rows.length } });
  return toCsv([...EXPORT_COLUMNS], rows);
}

export type ImportPlan = {
  rows: number;
  problems: RowProblem[];
  newOrganisations: string[];
  newMembers: Array<{ organisation: string; email: string }>;
  unchanged: number;
};

async function plan(db: Db, text: string): Promise<ImportPlan & { parsed: ImportRow[] }> {
  const { rows, problems } = parseDirectoryCsv(text);
  const names = [...new Set(rows.map((r) => r.organisation))];
  const emails = rows.flatMap((r) => (r.memberEmail ? [r.memberEmail] : []));
  const [orgs, people] = await Promise.all([
    db.organisation.findMany({ where: { OR: names.map((name) => ({ name: { equals: name, mode: "insensitive" as const } })) }, select: { id: true, name: true, status: true, roleAddress: true } }),
    db.user.findMany({ where: { email: { in: emails } }, select: { email: true, role: true, membership: { select: { organisation: { select: { name: true } } } } } }),
  ]);
  const orgByLower = new Map(orgs.map((o) => [o.name.toLowerCase(), o]));
  const personByEmail = new Map(people.map((p) => [p.email, p]));
  const newOrganisations = new Set<string>();
  const newMembers: ImportPlan["newMembers"] = [];
  let unchanged = 0;
  for (const row of rows) {
    const existing = orgByLower.get(row.organisation.toLowerCase());
    if (existing && existing.name !== row.organisation) {
      problems.push({ line: row.line, message: `"${row.organisation}" differs only in letter case from the existing "${existing.name}". Use the existing name.` });
      continue;
    }
    if (existing?.status === "REMOVED") {
      problems.push({ line: row.line, message: `${existing.name} was removed from the directory; restore it before importing into it.` });
      continue;
    }
    if (existing && row.roleAddress && existing.roleAddress !== row.roleAddress) {
      problems.push({ line: row.line, message: `${existing.name} already has role address ${existing.roleAddress ?? "(none)"}; change it on the organisation's page, not by import.` });
      continue;
    }
    if (!existing) newOrganisations.add(row.organisation);
    if (!row.memberEmail) {
      if (existing) unchanged += 1;
      continue;
    }
    const person = personByEmail.get(row.memberEmail);
    if (person?.role === "MAINTAINER") problems.push({ line: row.line, message: `${row.memberEmail} is a maintainer and cannot be a vendor member.` });
    else if (person && person.membership?.organisation.name !== row.organisation) {
      problems.push({ line: row.line, message: `${row.memberEmail} already belongs to ${person.membership?.organisation.name ?? "no organisation"}.` });
    } else if (person) unchanged += 1;
    else newMembers.push({ organisation: row.organisation, email: row.memberEmail });
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows: rows.length, problems, newOrganisations: [...newOrganisations], newMembers, unchanged, parsed: rows };
}

export async function previewDirectoryImport(viewer: Viewer, text: string): Promise<ImportPlan> {
  manager(viewer);
  const { parsed: _parsed, ...result } = await plan(getDb(), text);
  return result;
}

/** Applies an import with no problems, atomically. Anything wrong: nothing is imported. */
export async function applyDirectoryImport(viewer: Viewer, text: string, request: RequestInfo): Promise<ImportPlan> {
  const me = manager(viewer);
  return getDb().$transaction(
    async (tx) => {
      const result = await plan(tx, text);
      if (result.problems.length > 0) throw new ValidationError(`The file has ${result.problems.length} problem(s); nothing was imported. Preview it again.`);
      const orgIds = new Map<string, string>();
      for (const row of result.parsed) {
        if (orgIds.has(row.organisation)) continue;
        const existing = await tx.organisation.findUnique({ where: { name: row.organisation }, select: { id: true } });
        const created = existing ?? (await tx.organisation.create({ data: { name: row.organisation, roleAddress: row.roleAddress, notes: row.notes ?? "", status: "INVITED" }, select: { id: true } }));
        orgIds.set(row.organisation, created.id);
      }
      for (const member of result.newMembers) {
        const row = result.parsed.find((r) => r.memberEmail === member.email)!;
        await tx.user.create({
          data: { email: member.email, name: row.memberName, role: "VENDOR", status: "INVITED", membership: { create: { organisationId: orgIds.get(member.organisation)!, invitedById: me.userId } } },
        });
      }
      await recordAudit(
        { actor: actor(me), action: "directory.imported", ip: request.ip, details: { rows: result.rows, newOrganisations: result.newOrganisations.length, newMembers: result.newMembers.length } },
        tx,
      );
      const { parsed: _parsed, ...summary } = result;
      return summary;
    },
    { timeout: 60_000 },
  );
}
