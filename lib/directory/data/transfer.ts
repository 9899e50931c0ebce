import "server-only";
// Directory CSV export and import (the file's shape: ../csv.ts). An import is previewed first — every row's outcome,
// every problem with its row, and who would be invited — and applied only when it has no problem and is still what
// was previewed, all rows in one transaction with the invitation emails (through the outbox). Import never deletes.
import { createHash } from "node:crypto";
import { getDb } from "@/lib/server/db/client";
import { ConflictError, ValidationError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { revokeSessions } from "@/lib/auth/data";
import { approvalNeeded, claimApproved } from "@/lib/approvals/data";
import { toCsv } from "@/lib/server/csv";
import type { PreparedDispatch } from "@/lib/mail/data";
import { DIRECTORY_COLUMNS, readDirectoryCsv, yesNo } from "../csv";
import { endsSessions } from "../policy";
import { planImport, type ImportPlan, type PlanWithOps } from "./import-plan";
import { invitations } from "./people";
import { actor, DIRECTORY_WRITE_LOCK, manager } from "./shared";

export type { ImportPlan, RowOutcome } from "./import-plan";

const EXPORT_SELECT = {
  id: true,
  name: true,
  status: true,
  roleAddress: true,
  notes: true,
  pgpPublicKey: true,
  pgpFingerprint: true,
  attachFilesEncrypted: true,
  memberships: { orderBy: { createdAt: "asc" }, select: { isAdmin: true, user: { select: { email: true, name: true, status: true } } } },
} as const;

/**
 * What an export holds, as the two-person rule compares it (lib/composition/approval-handlers.ts): the columns and the
 * organisations (which, and their status). An organisation added, removed or changing status between the request and
 * the download makes the approved export a different one: refused, ask again.
 */
function exportFingerprint(orgs: ReadonlyArray<{ id: string; status: string }>): string {
  return createHash("sha256").update(JSON.stringify([DIRECTORY_COLUMNS, orgs.map((o) => [o.id, o.status])])).digest("hex");
}

export type DirectoryExportPreview = { columns: readonly string[]; organisations: number; byStatus: Record<string, number>; people: number; fingerprint: string };

/** The preview of an export for its approval request: the columns, how many organisations (by status) and people. */
export async function previewDirectoryExport(viewer: Viewer): Promise<DirectoryExportPreview> {
  manager(viewer);
  const orgs = await getDb().organisation.findMany({ orderBy: { name: "asc" }, select: { id: true, status: true, _count: { select: { memberships: true } } } });
  const byStatus: Record<string, number> = {};
  for (const o of orgs) byStatus[o.status.toLowerCase()] = (byStatus[o.status.toLowerCase()] ?? 0) + 1;
  return { columns: DIRECTORY_COLUMNS, organisations: orgs.length, byStatus, people: orgs.reduce((n, o) => n + o._count.memberships, 0), fingerprint: exportFingerprint(orgs) };
}

export const EXPORT_NEEDS_APPROVAL = "Exporting the directory needs a second maintainer's approval: ask for it on the directory page, then download it from the approved request.";
const EXPORT_CHANGED = "The directory's organisations changed since this export was approved (one was added, removed or changed status). Nothing was downloaded: ask for the export again.";

/**
 * The whole directory as CSV. While the two-person rule covers the export, only with `approval`: the id of the
 * viewer's own approved request, collected in the same transaction (once, within the hour; lib/approvals/data/collect.ts).
 */
export async function exportDirectoryCsv(viewer: Viewer, request: RequestInfo, approval?: { requestId: string }): Promise<string> {
  const me = manager(viewer);
  if (!approval && (await approvalNeeded(me, "directory.export"))) throw new ConflictError(EXPORT_NEEDS_APPROVAL);
  return getDb().$transaction(async (tx) => {
    const claimed = approval ? await claimApproved(tx, me, { requestId: approval.requestId, kind: "directory.export" }, request) : null;
    const orgs = await tx.organisation.findMany({ orderBy: { name: "asc" }, select: EXPORT_SELECT });
    if (claimed && exportFingerprint(orgs) !== claimed.fingerprint) throw new ConflictError(EXPORT_CHANGED);
    const rows: Array<Array<string | null>> = [];
    for (const org of orgs) {
      // The key is written once, on the organisation's first row (see ../csv.ts); everything else on every row.
      const base = (first: boolean) => [org.name, org.status, org.roleAddress, org.notes || null, first ? org.pgpPublicKey : null, org.pgpFingerprint, yesNo(org.attachFilesEncrypted)];
      if (org.memberships.length === 0) rows.push([...base(true), null, null, null, null]);
      org.memberships.forEach(({ isAdmin, user }, i) => rows.push([...base(i === 0), user.email, user.name, user.status, yesNo(isAdmin)]));
    }
    await recordAudit({ actor: actor(me), action: "directory.exported", ip: request.ip, details: { organisations: orgs.length, rows: rows.length, ...(claimed ? { requestId: claimed.id } : {}) } }, tx);
    return toCsv([...DIRECTORY_COLUMNS], rows);
  });
}

function publicPlan({ orgOps: _o, memberOps: _m, ...plan }: PlanWithOps): ImportPlan {
  return plan;
}

export async function previewDirectoryImport(viewer: Viewer, text: string): Promise<ImportPlan> {
  manager(viewer);
  return publicPlan(await planImport(getDb(), await readDirectoryCsv(text)));
}

const STALE = "The directory changed since your preview (someone edited these organisations or people, or this file was already imported). Nothing was imported and nobody was emailed: preview the file again.";

/**
 * Applies a previewed import, atomically: refused when the file has a problem or the plan is no longer the one
 * previewed (`token`). With `invite`, the people it creates who may be invited get their invitation email, queued in
 * the same transaction.
 */
export async function applyDirectoryImport(
  viewer: Viewer,
  text: string,
  confirm: { token: string; invite: boolean; different?: boolean },
  request: RequestInfo,
): Promise<ImportPlan & { invited: number }> {
  const me = manager(viewer);
  const file = await readDirectoryCsv(text);
  const outside = await planImport(getDb(), file);
  const refuse = (plan: PlanWithOps) => {
    if (plan.problems.length > 0) throw new ValidationError(`The file has ${plan.problems.length} problem(s); nothing was imported. Preview it again to see them.`);
    if (plan.token !== confirm.token) throw new ConflictError(STALE);
    const alike = plan.lookalikes[0];
    if (alike && !confirm.different) {
      const more = plan.lookalikes.length > 1 ? ` (and ${plan.lookalikes.length - 1} more, listed in the preview)` : "";
      throw new ValidationError(`“${alike.organisation}” (row ${alike.row}) looks like the existing ${alike.looksLike.map((n) => `“${n}”`).join(" and ")}${more}. Nothing was imported: tick the box to confirm they are different organisations, or use the existing names.`);
    }
  };
  refuse(outside);
  // The slow part of queueing emails is done before the transaction (./people.ts); inside, the plan is computed again
  // under the lock and must still be the same, so these are exactly the people invited.
  const outbox: PreparedDispatch | null =
    confirm.invite && outside.invitees.length > 0
      ? await invitations(outside.invitees, me, `Invitations from a directory import (${outside.invitees.length})`)
      : null;
  const result = await getDb().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DIRECTORY_WRITE_LOCK}::bigint)`;
      const plan = await planImport(tx, file);
      refuse(plan);
      const orgIds = new Map<string, string>();
      const ended: string[] = [];
      for (const { file: org, existing, set } of plan.orgOps) {
        const key = set.key ? { pgpPublicKey: set.key.armored, pgpFingerprint: set.key.fingerprint, pgpExpiresAt: set.key.expiresAt } : {};
        const fields = {
          ...(set.roleAddress ? { roleAddress: set.roleAddress } : {}),
          ...(set.notes ? { notes: set.notes } : {}),
          ...(set.attachFilesEncrypted !== undefined ? { attachFilesEncrypted: set.attachFilesEncrypted } : {}),
          ...key,
        };
        if (!existing) {
          const created = await tx.organisation.create({ data: { name: org.name, status: set.status ?? "INVITED", ...fields }, select: { id: true } });
          orgIds.set(org.name, created.id);
          continue;
        }
        orgIds.set(org.name, existing.id);
        if (Object.keys(set).length === 0) continue;
        await tx.organisation.update({ where: { id: existing.id }, data: { ...(set.status ? { status: set.status } : {}), ...fields } });
        if (set.status && endsSessions(set.status)) ended.push(...(await tx.membership.findMany({ where: { organisationId: existing.id }, select: { userId: true } })).map((m) => m.userId));
      }
      for (const { file: member, organisation, existing, set } of plan.memberOps) {
        if (!existing) {
          await tx.user.create({
            data: {
              email: member.email,
              name: set.name ?? null,
              role: "VENDOR",
              status: set.status ?? "INVITED",
              membership: { create: { organisationId: orgIds.get(organisation)!, invitedById: me.userId, isAdmin: set.admin ?? false } },
            },
          });
          continue;
        }
        if (set.name || set.status) await tx.user.update({ where: { id: existing.id }, data: { ...(set.name ? { name: set.name } : {}), ...(set.status ? { status: set.status } : {}) } });
        if (set.admin !== undefined) await tx.membership.update({ where: { userId: existing.id }, data: { isAdmin: set.admin } });
        if (set.status && endsSessions(set.status)) ended.push(existing.id);
      }
      const sessionsEnded = ended.length ? await revokeSessions(tx, [...new Set(ended)]) : 0;
      const invited = outbox ? plan.invitees.length : 0;
      await recordAudit(
        { actor: actor(me), action: "directory.imported", ip: request.ip, details: { rows: plan.rows, ...plan.counts, invited, sessionsEnded } },
        tx,
      );
      if (outbox) await outbox.write(tx);
      return { ...publicPlan(plan), invited };
    },
    { timeout: 60_000 },
  );
  return result;
}
