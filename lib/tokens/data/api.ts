import "server-only";
// Who is calling the JSON API: `Authorization: Bearer fwt_…` resolved to the same vendor Viewer a session would give,
// so every notice read below goes through the same scopes (lib/notices/policy.ts). The token, its owner and their
// organisation are re-checked on every call; calls are rate-limited per client address and per token, and audited.
import { getDb } from "@/lib/server/db/client";
import type { VendorViewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { clientKey } from "@/lib/rate-limit/policy";
import { consumeAttempt } from "@/lib/rate-limit/data";
import { parseBearer, shouldTouch } from "../policy";
import { hashApiToken } from "../secrets";
import { actingViewer, OWNER_SELECT } from "./owner";

export type ApiUse = { ip: string | null; route: string };

export type ApiCaller =
  | { ok: true; viewer: VendorViewer; tokenId: string }
  /** No Authorization header at all: the one case answered 401 (see lib/tokens/http.ts). */
  | { ok: false; reason: "missing" }
  /** Malformed, unknown, revoked or expired token, or an owner no longer active: all look the same to the caller. */
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

export async function viewerFromApiToken(authorization: string | null, use: ApiUse): Promise<ApiCaller> {
  const bearer = parseBearer(authorization);
  if (bearer.kind === "missing") return { ok: false, reason: "missing" };
  if (bearer.kind === "malformed") return { ok: false, reason: "invalid" };
  // Counted before the lookup, so guessing tokens costs the guesser their address's budget.
  const byAddress = await consumeAttempt([["apiPerIp", clientKey(use.ip)]]);
  if (!byAddress.allowed) return refuseRateLimited(byAddress, null, use);

  const db = getDb();
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(bearer.secret) },
    select: { id: true, revokedAt: true, expiresAt: true, lastUsedAt: true, user: { select: OWNER_SELECT } },
  });
  if (!token) return { ok: false, reason: "invalid" };
  const now = new Date();
  const { user } = token;
  const acting = actingViewer(user, { id: token.id, kind: "api-token", revokedAt: token.revokedAt, expiresAt: token.expiresAt }, now);
  if ("refusal" in acting) {
    // A known token still being tried after it ended is worth knowing about (a forgotten script, or a leak) — once an
    // hour per token, not once per call.
    if ((await consumeAttempt([["apiRefusalAuditPerToken", token.id]])).allowed) {
      await recordAudit({ actor: { id: user.id, email: user.email }, action: "api.token.refused", target: { type: "api-token", id: token.id }, ip: use.ip, details: { route: use.route, reason: acting.refusal } });
    }
    return { ok: false, reason: "invalid" };
  }
  const byToken = await consumeAttempt([["apiPerToken", token.id]]);
  if (!byToken.allowed) return refuseRateLimited(byToken, { tokenId: token.id, actor: { id: user.id, email: user.email } }, use);
  if (shouldTouch(token.lastUsedAt, now)) {
    await db.apiToken.updateMany({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return { ok: true, viewer: acting.viewer, tokenId: token.id };
}

async function refuseRateLimited(
  result: Extract<Awaited<ReturnType<typeof consumeAttempt>>, { allowed: false }>,
  who: { tokenId: string; actor: { id: string; email: string } } | null,
  use: ApiUse,
): Promise<ApiCaller> {
  if (result.firstRefusal) {
    await recordAudit({ actor: who?.actor ?? null, action: "api.rate-limited", ...(who ? { target: { type: "api-token", id: who.tokenId } } : {}), ip: use.ip, details: { route: use.route, limit: result.limit } });
  }
  return { ok: false, reason: "rate-limited", retryAfterSeconds: result.retryAfterSeconds };
}

/** Every authenticated call is audited, with the route and the answer it got. */
export async function recordApiTokenUse(caller: Extract<ApiCaller, { ok: true }>, use: ApiUse, status: number): Promise<void> {
  await recordAudit({
    actor: { id: caller.viewer.userId, email: caller.viewer.email },
    action: "api.token.used",
    target: { type: "api-token", id: caller.tokenId },
    ip: use.ip,
    details: { route: use.route, status, organisationId: caller.viewer.organisationId },
  });
}
