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

/**
 * An approval's execution runs after the EXECUTING status is committed (the action has its own transaction); a
 * process that dies meanwhile would leave the request EXECUTING for ever. Past this long after the approval (far
 * longer than any action takes: a send prepares its emails in seconds), the sweep closes it FAILED, saying so.
 */
export const STUCK_AFTER_MS = 15 * 60_000;
export const INTERRUPTED =
  "Interrupted: the server stopped while the approved action ran, so it may or may not have been done — check what it was about and its audit log. It will not run again; ask again if it is still needed.";
export const REQUESTER_GONE = "The maintainer who asked is no longer an active maintainer (removed or suspended): nothing was done, and nobody can approve it any more.";

/** Closes EXECUTING requests whose execution never finished (see STUCK_AFTER_MS), each with its audit event. */
export async function closeInterrupted(tx: Tx, now: Date): Promise<number> {
  const due = await tx.$queryRaw<Array<{ id: string; kind: string; targetType: string; targetId: string }>>`
    SELECT id, kind, "targetType", "targetId" FROM "ApprovalRequest"
    WHERE status = 'EXECUTING' AND "decidedAt" <= ${new Date(now.getTime() - STUCK_AFTER_MS)} FOR UPDATE SKIP LOCKED`;
  if (due.length === 0) return 0;
  await tx.approvalRequest.updateMany({ where: { id: { in: due.map((d) => d.id) }, status: "EXECUTING" }, data: { status: "FAILED", outcome: INTERRUPTED } });
  for (const d of due) await recordAudit({ actor: null, action: "approval.interrupted", target: { type: d.targetType, id: d.targetId }, details: { requestId: d.id, kind: d.kind } }, tx);
  return due.length;
}

/**
 * Voids the open requests of people who are no longer active maintainers: `userIds` when the directory removes
 * someone (in its transaction), or everyone who is not (the sweep, for any other way a maintainer stops being one).
 */
export async function voidRequestsOfGone(tx: Tx, userIds?: string[]): Promise<number> {
  const requester = userIds
    ? { in: userIds }
    : { notIn: (await tx.user.findMany({ where: { role: "MAINTAINER", status: "ACTIVE" }, select: { id: true } })).map((u) => u.id) };
  const due = await tx.approvalRequest.findMany({ where: { status: "PENDING", requestedById: requester }, select: { id: true, kind: true, targetType: true, targetId: true } });
  let voided = 0;
  for (const d of due) {
    // Conditional: an approval that took the row first wins, and this request is left as it decided.
    const { count } = await tx.approvalRequest.updateMany({ where: { id: d.id, status: "PENDING" }, data: { status: "VOID", outcome: REQUESTER_GONE } });
    if (count !== 1) continue;
    voided += 1;
    await recordAudit({ actor: null, action: "approval.void", target: { type: d.targetType, id: d.targetId }, details: { requestId: d.id, kind: d.kind, why: "requester-gone" } }, tx);
  }
  return voided;
}

/** Everything that closes requests by itself, run before any read of them and by the hourly sweep job. */
export async function sweepRequests(tx: Tx, now: Date): Promise<number> {
  return (await expireOverdue(tx, now)) + (await closeInterrupted(tx, now)) + (await voidRequestsOfGone(tx));
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
