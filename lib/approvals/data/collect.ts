import "server-only";
// Collecting an approved request's result (lib/approvals/policy.ts#COLLECTED_KINDS): the directory export is a
// download, so its approval lets the requester alone download it once, within an hour. The owning domain calls
// `claimApproved` inside the transaction that produces the result, so the claim and the result commit together: a
// failed export leaves the approval unused, and two downloads at once give one file (the row lock queues them).
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { mayCollect, type CollectFacts, type RequestKind } from "../policy";
import { actor, approver, type Tx } from "./shared";

export type ClaimedRequest = { id: string; fingerprint: string };

/** Marks the request collected (once) and records it; NotFound for anyone but its requester, Conflict saying why otherwise. */
export async function claimApproved(tx: Tx, viewer: Viewer, input: { requestId: string; kind: RequestKind }, request: RequestInfo, now = new Date()): Promise<ClaimedRequest> {
  const me = approver(viewer);
  const [row] = await tx.$queryRaw<Array<CollectFacts & { id: string; fingerprint: string; targetType: string; targetId: string }>>`
    SELECT id, kind, status::text AS status, "requestedById", "executedAt", "collectedAt", fingerprint, "targetType", "targetId"
    FROM "ApprovalRequest" WHERE id = ${input.requestId} FOR UPDATE`;
  if (!row) throw new NotFoundError();
  const verdict = mayCollect(me, row, input.kind, now);
  if (!verdict.ok) throw verdict.notFound ? new NotFoundError() : new ConflictError(verdict.reason);
  await tx.approvalRequest.update({ where: { id: row.id }, data: { collectedAt: now } });
  await recordAudit({ actor: actor(me), action: "approval.collected", target: { type: row.targetType, id: row.targetId }, ip: request.ip, details: { requestId: row.id, kind: row.kind } }, tx);
  return { id: row.id, fingerprint: row.fingerprint };
}
