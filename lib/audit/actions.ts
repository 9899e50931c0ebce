"use server";
import { runAction } from "@/lib/server/action";
import type { ActionResult } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import type { ChainCheck } from "./chain";
import { recordAudit, verifyAuditChain } from "./data";

export type ChainReport = { ok: boolean; checked: number; brokenAt: string | null; reason: string | null };

export async function verifyAuditChainAction(_prev: ActionResult<ChainReport> | null): Promise<ActionResult<ChainReport>> {
  return runAction(async () => {
    const viewer = await getViewer();
    const result: ChainCheck = await verifyAuditChain(viewer);
    if (viewer.kind !== "anonymous") {
      await recordAudit({ actor: { id: viewer.userId, email: viewer.email }, action: "audit.verified", ip: (await getRequestInfo()).ip, details: { ok: result.ok, checked: result.checked } });
    }
    return result.ok
      ? { ok: true, checked: result.checked, brokenAt: null, reason: null }
      : { ok: false, checked: result.checked, brokenAt: result.brokenAt.toString(), reason: result.reason };
  });
}
