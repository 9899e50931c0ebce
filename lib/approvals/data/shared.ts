import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { NotFoundError } from "@/lib/server/errors";
import { recordAudit } from "@/lib/audit/data";
import type { MaintainerViewer, Viewer } from "@/lib/server/viewer-types";
import { canUseApprovals } from "../policy";

export type Tx = Prisma.TransactionClient;

/** Everyone but a maintainer with the second factor is answered "not found". */
export function approver(viewer: Viewer): MaintainerViewer {
  if (!canUseApprovals(viewer) || viewer.kind !== "maintainer") throw new NotFoundError();
  return viewer;
}

export function actor(viewer: MaintainerViewer): { id: string; email: string } {
  return { id: viewer.userId, email: viewer.email };
}

export type LockedRequest = { id: string; status: string; requestedById: string; expiresAt: Date; fingerprint: string; kind: string; targetType: string; targetId: string };

/** Locks a request's row for the rest of the transaction: approvals, declines and expiry of one request queue here. */
export async function lockRequest(tx: Tx, id: string): Promise<LockedRequest | undefined> {
  const [row] = await tx.$queryRaw<LockedRequest[]>`
    SELECT id, status::text AS status, "requestedById", "expiresAt", fingerprint, kind, "targetType", "targetId"
    FROM "ApprovalRequest" WHERE id = ${id} FOR UPDATE`;
  return row;
}

/** Marks open requests whose time ran out as expired (each with its audit event); called before any read of them. */
export async function expireOverdue(tx: Tx, now: Date): Promise<number> {
  const due = await tx.$queryRaw<Array<{ id: string; kind: string; targetType: string; targetId: string }>>`
    SELECT id, kind, "targetType", "targetId" FROM "ApprovalRequest" WHERE status = 'PENDING' AND "expiresAt" <= ${now} FOR UPDATE SKIP LOCKED`;
  if (due.length === 0) return 0;
  await tx.approvalRequest.updateMany({ where: { id: { in: due.map((d) => d.id) }, status: "PENDING" }, data: { status: "EXPIRED", outcome: "Nobody approved it in time." } });
  for (const d of due) {
    await recordAudit({ actor: null, action: "approval.expired", target: { type: d.targetType, id: d.targetId }, details: { requestId: d.id, kind: d.kind } }, tx);
  }
  return due.length;
}

/** The columns every request row has, filed for approval or recorded by break-glass. */
export function requestRow(r: { id: string; kind: string; params: unknown; preview: unknown; fingerprint: string; target: { type: string; id: string }; reason: string; by: MaintainerViewer; at: Date; expiresAt: Date }) {
  return {
    id: r.id,
    kind: r.kind,
    params: r.params as Prisma.InputJsonValue,
    preview: r.preview as Prisma.InputJsonValue,
    fingerprint: r.fingerprint,
    targetType: r.target.type,
    targetId: r.target.id,
    reason: r.reason,
    requestedById: r.by.userId,
    requestedByEmail: r.by.email,
    createdAt: r.at,
    expiresAt: r.expiresAt,
  };
}
