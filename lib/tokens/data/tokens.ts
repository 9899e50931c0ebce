import "server-only";
// Personal API tokens of vendor members: create (the secret is returned once, only its hash is stored), list (never
// a secret or hash), revoke. Every function takes the viewer first; a token is always found through its owner, so
// another person's token id is simply "not found".
import { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import type { RequestInfo, VendorViewer, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { MAX_ACTIVE_TOKENS, mayHoldApiCredentials, tokenExpiry, tokenStatus, type TokenStatus } from "../policy";
import { API_TOKEN_LIST_SELECT, type CreateApiTokenInput } from "../schemas";
import { hashApiToken, newApiTokenSecret, tokenHint } from "../secrets";

/** Vendor members in the vendor area (second factor passed where required); everyone else: not found. */
export function credentialHolder(viewer: Viewer): VendorViewer {
  if (!mayHoldApiCredentials(viewer, getConfig().requireVendorTotp)) throw new NotFoundError();
  return viewer;
}

export const actorOf = (viewer: VendorViewer) => ({ id: viewer.userId, email: viewer.email });

export type CreatedApiToken = { id: string; label: string; expiresAt: Date; secret: string };

export async function createApiToken(viewer: Viewer, input: CreateApiTokenInput, request: RequestInfo): Promise<CreatedApiToken> {
  const me = credentialHolder(viewer);
  const now = new Date();
  const secret = newApiTokenSecret();
  return getDb().$transaction(async (tx) => {
    // Serialise one person's creations so the cap below holds under concurrent submits.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`api-token:${me.userId}`}))`;
    const active = await tx.apiToken.count({ where: { userId: me.userId, revokedAt: null, expiresAt: { gt: now } } });
    if (active >= MAX_ACTIVE_TOKENS) throw new ConflictError(`You have ${MAX_ACTIVE_TOKENS} active tokens. Revoke one you no longer use first.`);
    const token = await tx.apiToken.create({
      data: { userId: me.userId, label: input.label, tokenHash: hashApiToken(secret), prefix: tokenHint(secret), expiresAt: tokenExpiry(now, input.expiresInDays) },
      select: { id: true, label: true, expiresAt: true },
    });
    // (Not the label: people write anything there, even a pasted secret; the audit log keeps none.)
    await recordAudit(
      { actor: actorOf(me), action: "api.token.created", target: { type: "api-token", id: token.id }, ip: request.ip, details: { organisationId: me.organisationId, lifetimeDays: input.expiresInDays, expiresAt: token.expiresAt.toISOString() } },
      tx,
    );
    return { ...token, secret };
  });
}

export type ApiTokenRow = { id: string; label: string; prefix: string; createdAt: Date; expiresAt: Date; lastUsedAt: Date | null; revokedAt: Date | null; status: TokenStatus };

/** The viewer's own tokens, newest first: active ones and those ended in the last 90 days. */
export async function listApiTokens(viewer: Viewer): Promise<ApiTokenRow[]> {
  const me = credentialHolder(viewer);
  const now = new Date();
  const since = new Date(now.getTime() - 90 * 86_400_000);
  const rows = await getDb().apiToken.findMany({
    where: { userId: me.userId, OR: [{ revokedAt: null, expiresAt: { gt: since } }, { revokedAt: { gt: since } }] },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: API_TOKEN_LIST_SELECT,
  });
  return rows.map((r) => ({ ...r, status: tokenStatus(r, now) }));
}

/** Revokes one of the viewer's own tokens; revoking a revoked one is harmless. It stops working at its next use. */
export async function revokeApiToken(viewer: Viewer, tokenId: string, request: RequestInfo): Promise<void> {
  const me = credentialHolder(viewer);
  await getDb().$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id: tokenId, userId: me.userId }, select: { id: true, revokedAt: true } });
    if (!token) throw new NotFoundError();
    if (token.revokedAt) return;
    await tx.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit({ actor: actorOf(me), action: "api.token.revoked", target: { type: "api-token", id: token.id }, ip: request.ip, details: { organisationId: me.organisationId } }, tx);
  });
}
