import "server-only";
// Deciding a request. Every decision takes the request's row lock and moves its status with a conditional update, so
// two approvals at once, or an approval racing a decline or the expiry, have one outcome. An approval first compares
// the fingerprint of what the request is about: changed → the request is void and says why; otherwise the request
// becomes EXECUTING (the one approver who got there runs it), the action runs once with the stored parameters, and
// the request ends EXECUTED or FAILED. Each step is an audit event carrying the request's id.
import { getDb } from "@/lib/server/db/client";
import { AppError, ConflictError, NotFoundError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import type { ApprovalHandlers } from "../handlers";
import { mayDecide, type RequestKind } from "../policy";
import { actor, approver, INTERRUPTED, lockRequest, REQUESTER_GONE } from "./shared";

export const VOID_REASON = "What this request is about changed after it was made (the draft was edited, the notice moved on, or its recipients changed). Nothing was done; ask again with what it is now.";

export type Approval = { outcome: "EXECUTED"; summary: string };

/** Approves and executes. Throws a ConflictError saying why when it cannot (already decided, void, expired, failed). */
export async function approveRequest(viewer: Viewer, input: { requestId: string }, handlers: ApprovalHandlers, request: RequestInfo): Promise<Approval> {
  const me = approver(viewer);
  const db = getDb();
  const row = await db.approvalRequest.findUnique({ where: { id: input.requestId }, select: { id: true, kind: true, params: true, targetType: true, targetId: true } });
  if (!row) throw new NotFoundError();
  const handler = handlers[row.kind as RequestKind];
  if (!handler) throw new ConflictError("This kind of request can no longer be approved here.");
  const params = handler.params.parse(row.params);
  const target = { type: row.targetType, id: row.targetId };
  // The state as it is now: a target that is gone counts as changed.
  const current = await handler.fingerprint(me, params).catch((error: unknown) => {
    if (error instanceof AppError) return null;
    throw error;
  });

  const decision = await db.$transaction(async (tx) => {
    const locked = await lockRequest(tx, row.id);
    if (!locked) throw new NotFoundError();
    const now = new Date();
    const verdict = mayDecide(me, locked, now);
    if (!verdict.ok) {
      if (locked.status === "PENDING" && locked.expiresAt <= now) {
        await tx.approvalRequest.update({ where: { id: row.id }, data: { status: "EXPIRED", outcome: "Nobody approved it in time." } });
        await recordAudit({ actor: null, action: "approval.expired", target, details: { requestId: row.id, kind: row.kind } }, tx);
      }
      return { refused: verdict.reason };
    }
    // The requester removed (or otherwise no longer an active maintainer) since they asked: nobody vouches for it.
    const asker = await tx.user.count({ where: { id: locked.requestedById, role: "MAINTAINER", status: "ACTIVE" } });
    if (asker === 0) {
      await tx.approvalRequest.update({ where: { id: row.id }, data: { status: "VOID", outcome: REQUESTER_GONE } });
      await recordAudit({ actor: actor(me), action: "approval.void", target, ip: request.ip, details: { requestId: row.id, kind: row.kind, why: "requester-gone" } }, tx);
      return { refused: REQUESTER_GONE };
    }
    if (current !== locked.fingerprint) {
      await tx.approvalRequest.update({ where: { id: row.id }, data: { status: "VOID", outcome: VOID_REASON, decidedById: me.userId, decidedByEmail: me.email, decidedAt: now } });
      await recordAudit({ actor: actor(me), action: "approval.void", target, ip: request.ip, details: { requestId: row.id, kind: row.kind } }, tx);
      return { refused: VOID_REASON };
    }
    const { count } = await tx.approvalRequest.updateMany({ where: { id: row.id, status: "PENDING" }, data: { status: "EXECUTING", decidedById: me.userId, decidedByEmail: me.email, decidedAt: now } });
    if (count !== 1) return { refused: "This request was already approved." };
    await recordAudit({ actor: actor(me), action: "approval.approved", target, ip: request.ip, details: { requestId: row.id, kind: row.kind } }, tx);
    return { refused: null };
  });
  if (decision.refused) throw new ConflictError(decision.refused);
  // EXECUTING — or closed as interrupted by the sweep while this (slow) execution still ran: what happened wins.
  const stillRunning = { OR: [{ status: "EXECUTING" as const }, { status: "FAILED" as const, outcome: INTERRUPTED }] };

  let summary: string;
  try {
    summary = await handler.execute(me, params, request);
  } catch (error) {
    // The action refused (it keeps its own checks): the request ends FAILED with what the action said.
    const said = error instanceof AppError ? error.publicMessage : "It failed unexpectedly.";
    await db.$transaction(async (tx) => {
      await tx.approvalRequest.updateMany({ where: { id: row.id, ...stillRunning }, data: { status: "FAILED", outcome: said } });
      await recordAudit({ actor: actor(me), action: "approval.failed", target, ip: request.ip, details: { requestId: row.id, kind: row.kind } }, tx);
    });
    if (error instanceof AppError) throw new ConflictError(`Approved, but it could not be done: ${said}`);
    throw error;
  }
  await db.$transaction(async (tx) => {
    await tx.approvalRequest.updateMany({ where: { id: row.id, ...stillRunning }, data: { status: "EXECUTED", outcome: summary, executedAt: new Date() } });
    await recordAudit({ actor: actor(me), action: "approval.executed", target, ip: request.ip, details: { requestId: row.id, kind: row.kind } }, tx);
  });
  return { outcome: "EXECUTED", summary };
}

/** Declines an open request with a reason the requester reads; nothing runs. */
export async function declineRequest(viewer: Viewer, input: { requestId: string; reason: string }, request: RequestInfo): Promise<void> {
  const me = approver(viewer);
  const refused = await getDb().$transaction(async (tx) => {
    const locked = await lockRequest(tx, input.requestId);
    if (!locked) throw new NotFoundError();
    const verdict = mayDecide(me, locked, new Date());
    if (!verdict.ok) return verdict.reason;
    const { count } = await tx.approvalRequest.updateMany({
      where: { id: locked.id, status: "PENDING" },
      data: { status: "DECLINED", declineReason: input.reason, decidedById: me.userId, decidedByEmail: me.email, decidedAt: new Date() },
    });
    if (count !== 1) return "This request is no longer open.";
    await recordAudit({ actor: actor(me), action: "approval.declined", target: { type: locked.targetType, id: locked.targetId }, ip: request.ip, details: { requestId: locked.id, kind: locked.kind } }, tx);
    return null;
  });
  if (refused) throw new ConflictError(refused);
}
