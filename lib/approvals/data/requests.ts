import "server-only";
// Filing a request for a covered action, and reading requests. A request keeps the exact parameters that will run,
// the preview the requester saw, and a fingerprint of the state they apply to (decide.ts compares it on approval).
import { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit/data";
import { prepareDispatch } from "@/lib/mail/data";
import { getProjectSettings } from "@/lib/settings/data";
import type { ApprovalHandler, ApprovalPreview } from "../handlers";
import { approvalRequestMail } from "../mail";
import { COLLECT_PATHS, collectUntil, expiresAt, GUARDED_WITH_ANY, mayCollect, KIND_LABELS, mayDecide, needsApproval, type RequestKind, type Verdict } from "../policy";
import { approvalWhy } from "../schemas";
import { getApprovalSettings, otherApprovers } from "./settings";
import { actor, approver, requestRow, sweepRequests, voidRequestsOfGone, type Tx } from "./shared";

/** Whether `kind`, done by this maintainer now, must wait for a second maintainer. */
export async function approvalNeeded(viewer: Viewer, kind: RequestKind): Promise<boolean> {
  const me = approver(viewer);
  const [settings, others] = await Promise.all([getApprovalSettings(), otherApprovers(me.userId)]);
  return needsApproval(kind, settings.covered, others.length);
}

/**
 * Files a request: the action's own checks run first (through its preview), so a request that could never run is
 * refused as the action would be. The other maintainers who could approve are emailed a link (no details).
 */
export async function fileRequest<P>(viewer: Viewer, handler: ApprovalHandler<P>, params: P, why: unknown, request: RequestInfo): Promise<{ id: string }> {
  const me = approver(viewer);
  const reason = approvalWhy.safeParse(typeof why === "string" ? why : "");
  if (!reason.success) {
    const message = reason.error.issues[0]?.message ?? "Say why.";
    throw new ValidationError(message, { approvalReason: [message] });
  }
  const checked = handler.params.parse(params);
  const preview = await handler.preview(viewer, checked);
  const fingerprint = await handler.fingerprint(viewer, checked);
  const { expiryHours } = await getApprovalSettings();
  const now = new Date();
  const until = expiresAt(now, expiryHours);
  const id = crypto.randomUUID();
  const approvers = await otherApprovers(me.userId);
  const project = (await getProjectSettings()).name;
  const emails = approvers.map((a) => ({ to: a.email, ...approvalRequestMail(getConfig().publicUrl, project, { id, kind: handler.kind, requestedBy: me.email, expiresAt: until }) }));
  const outbox = await prepareDispatch({ purpose: "approval.requested", label: `Approval request: ${KIND_LABELS[handler.kind]}`, topic: `approval:${id}`, createdById: me.userId, emails });
  const target = handler.target(checked);
  await getDb().$transaction(async (tx) => {
    await tx.approvalRequest.create({
      data: requestRow({ id, kind: handler.kind, params: checked, preview, fingerprint, target, reason: reason.data, by: me, at: now, expiresAt: until }),
    });
    await outbox.write(tx);
    await recordAudit({ actor: actor(me), action: "approval.requested", target, ip: request.ip, details: { requestId: id, kind: handler.kind, approvers: approvers.length } }, tx);
  });
  return { id };
}

const VIEW_SELECT = {
  id: true,
  kind: true,
  status: true,
  preview: true,
  reason: true,
  targetType: true,
  targetId: true,
  requestedById: true,
  requestedByEmail: true,
  createdAt: true,
  expiresAt: true,
  decidedByEmail: true,
  decidedAt: true,
  declineReason: true,
  outcome: true,
  executedAt: true,
  breakGlass: true,
  collectedAt: true,
} as const;

export type ApprovalRequestView = {
  id: string;
  kind: RequestKind;
  label: string;
  status: string;
  preview: ApprovalPreview;
  reason: string;
  target: { type: string; id: string };
  requestedByEmail: string;
  createdAt: Date;
  expiresAt: Date;
  decidedByEmail: string | null;
  decidedAt: Date | null;
  declineReason: string | null;
  outcome: string | null;
  executedAt: Date | null;
  breakGlass: boolean;
  collectedAt: Date | null;
  /** The requester's download of an approved export (lib/approvals/policy.ts#COLLECTED_KINDS): where, and until when. */
  collect: { href: string; until: Date } | null;
  mine: boolean;
  /** May this viewer approve or decline it now, and if not, why. */
  decide: Verdict;
};

type Row = Prisma.ApprovalRequestGetPayload<{ select: typeof VIEW_SELECT }>;

function collectLink(viewer: Viewer & { userId: string }, row: Row, now: Date): ApprovalRequestView["collect"] {
  const kind = row.kind as RequestKind;
  const href = COLLECT_PATHS[kind];
  const until = collectUntil(row);
  return href && until && mayCollect(viewer, row, kind, now).ok ? { href: href(row.id), until } : null;
}

function toView(viewer: Viewer & { userId: string }, row: Row, now: Date): ApprovalRequestView {
  const kind = row.kind as RequestKind;
  return {
    id: row.id,
    kind,
    label: KIND_LABELS[kind] ?? row.kind,
    status: row.status,
    preview: row.preview as ApprovalPreview,
    reason: row.reason,
    target: { type: row.targetType, id: row.targetId },
    requestedByEmail: row.requestedByEmail,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    decidedByEmail: row.decidedByEmail,
    decidedAt: row.decidedAt,
    declineReason: row.declineReason,
    outcome: row.outcome,
    executedAt: row.executedAt,
    breakGlass: row.breakGlass,
    collectedAt: row.collectedAt,
    collect: collectLink(viewer, row, now),
    mine: row.requestedById === viewer.userId,
    decide: mayDecide(viewer, row, now),
  };
}

async function expireNow(now: Date): Promise<void> {
  await getDb().$transaction((tx) => sweepRequests(tx, now));
}

/** The sweep job (lib/composition/job-handlers.ts): expiry, interrupted executions, requesters who left. */
export async function sweepApprovalRequests(now = new Date()): Promise<number> {
  return getDb().$transaction((tx) => sweepRequests(tx, now));
}

/** Called by the directory inside the transaction that removes a maintainer: their open requests end VOID. */
export async function voidRequestsOf(tx: Tx, userIds: string[]): Promise<number> {
  return voidRequestsOfGone(tx, userIds);
}

/** Open requests first (oldest first), then the last 50 decided ones. */
export async function listApprovalRequests(viewer: Viewer): Promise<{ open: ApprovalRequestView[]; done: ApprovalRequestView[] }> {
  const me = approver(viewer);
  const now = new Date();
  await expireNow(now);
  const db = getDb();
  const [open, done] = await Promise.all([
    db.approvalRequest.findMany({ where: { status: { in: ["PENDING", "EXECUTING"] } }, orderBy: { createdAt: "asc" }, take: 200, select: VIEW_SELECT }),
    db.approvalRequest.findMany({ where: { status: { notIn: ["PENDING", "EXECUTING"] } }, orderBy: { createdAt: "desc" }, take: 50, select: VIEW_SELECT }),
  ]);
  return { open: open.map((r) => toView(me, r, now)), done: done.map((r) => toView(me, r, now)) };
}

/** The open requests this maintainer could approve (the Overview's "colleagues awaiting approval"). */
export async function listAwaitingMyApproval(viewer: Viewer): Promise<ApprovalRequestView[]> {
  const me = approver(viewer);
  const now = new Date();
  await expireNow(now);
  const rows = await getDb().approvalRequest.findMany({ where: { status: "PENDING", requestedById: { not: me.userId } }, orderBy: { createdAt: "asc" }, take: 50, select: VIEW_SELECT });
  return rows.map((r) => toView(me, r, now));
}

export async function getApprovalRequest(viewer: Viewer, id: string): Promise<ApprovalRequestView> {
  const me = approver(viewer);
  const now = new Date();
  await expireNow(now);
  const row = await getDb().approvalRequest.findUnique({ where: { id }, select: VIEW_SELECT });
  if (!row) throw new NotFoundError();
  return toView(me, row, now);
}

/** Open requests about one object (a notice page says an action on it waits for approval), and its break-glass marks. */
export async function listRequestsFor(viewer: Viewer, target: { type: string; id: string }): Promise<ApprovalRequestView[]> {
  const me = approver(viewer);
  const now = new Date();
  await expireNow(now);
  const rows = await getDb().approvalRequest.findMany({
    where: { targetType: target.type, targetId: target.id, OR: [{ status: { in: ["PENDING", "EXECUTING"] } }, { breakGlass: true }] },
    orderBy: { createdAt: "asc" },
    select: VIEW_SELECT,
  });
  return rows.map((r) => toView(me, r, now));
}

/** The kinds this maintainer's actions would file as requests now (the forms say so and ask why). */
export async function approvalKindsFor(viewer: Viewer): Promise<RequestKind[]> {
  const me = approver(viewer);
  const [settings, others] = await Promise.all([getApprovalSettings(), otherApprovers(me.userId)]);
  return [...new Set([...settings.covered, ...GUARDED_WITH_ANY] as RequestKind[])].filter((k) => needsApproval(k, settings.covered, others.length));
}
