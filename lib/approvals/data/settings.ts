import "server-only";
// Which actions need a second maintainer, and for how long a request waits: one row, or the defaults while nobody
// saved it (lib/approvals/policy.ts#coveredKinds). Saving it is itself covered whenever anything is covered: the
// server action files a request for it then (lib/composition/approval-handlers.ts).
import { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import { NotFoundError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { canUseApprovals, coveredKinds, DEFAULT_EXPIRY_HOURS, type ApprovalKind } from "../policy";
import type { ApprovalSettingsInput } from "../schemas";

const ROW = 1;

/** Maintainers who could approve a request: active, with a second factor enrolled. */
const ELIGIBLE = { role: "MAINTAINER", status: "ACTIVE", totpEnabledAt: { not: null } } as const;

export type ApprovalSettings = {
  covered: ApprovalKind[];
  expiryHours: number;
  /** Saved by a maintainer (false: the defaults, which follow the number of maintainers). */
  saved: boolean;
  /** Maintainers who could approve (active, second factor enrolled). */
  eligibleMaintainers: number;
};

export async function getApprovalSettings(): Promise<ApprovalSettings> {
  const db = getDb();
  const [row, eligibleMaintainers] = await Promise.all([db.approvalSettings.findUnique({ where: { id: ROW } }), db.user.count({ where: ELIGIBLE })]);
  return {
    covered: coveredKinds(row, eligibleMaintainers, getConfig().twoPersonDefault),
    expiryHours: row?.expiryHours ?? DEFAULT_EXPIRY_HOURS,
    saved: !!row,
    eligibleMaintainers,
  };
}

/** The other maintainers who could approve what `userId` asks for (ids and addresses, for the email). */
export async function otherApprovers(userId: string): Promise<Array<{ id: string; email: string }>> {
  return getDb().user.findMany({ where: { ...ELIGIBLE, id: { not: userId } }, select: { id: true, email: true }, orderBy: { email: "asc" } });
}

/** Every active maintainer (a break-glass action is told to all of them). */
export async function activeMaintainers(): Promise<Array<{ id: string; email: string }>> {
  return getDb().user.findMany({ where: { role: "MAINTAINER", status: "ACTIVE" }, select: { id: true, email: true }, orderBy: { email: "asc" } });
}

export async function saveApprovalSettings(viewer: Viewer, input: ApprovalSettingsInput, request: RequestInfo, requestId?: string): Promise<void> {
  if (!canUseApprovals(viewer) || viewer.kind !== "maintainer") throw new NotFoundError();
  const before = await getApprovalSettings();
  const data = { covered: input.covered, expiryHours: input.expiryHours, updatedById: viewer.userId };
  await getDb().$transaction(async (tx) => {
    await tx.approvalSettings.upsert({ where: { id: ROW }, create: { id: ROW, ...data }, update: data });
    await recordAudit(
      {
        actor: { id: viewer.userId, email: viewer.email },
        action: "approval.settings-updated",
        target: { type: "settings", id: "approvals" },
        ip: request.ip,
        details: { from: before.covered, to: input.covered, expiryHours: input.expiryHours, ...(requestId ? { requestId } : {}) },
      },
      tx,
    );
  });
}
