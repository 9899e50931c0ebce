import "server-only";
// Maintainers manage the project's key: generate one here, import one (decrypted, then sealed again with the instance
// secret), rotate (the new key becomes ACTIVE, the previous one RETIRED and still published for the overlap), revoke
// (the revocation signature is published with the key; the private part is erased). Each operation is audited with
// fingerprints only.
import { readPrivateKey, type PrivateKey } from "openpgp";
import type { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";
import { getInstanceSecret } from "@/lib/server/config";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { openSealedText } from "@/lib/server/sealed";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { getProjectSettings } from "@/lib/settings/data";
import { generateProjectKey, inspectPrivateKey, revokedPublicKey, type KeyDetails } from "../keys";
import { canManageProjectKey, type KeyStatus } from "../policy";
import type { GenerateKeyInput, ImportKeyInput, RevokeKeyInput } from "../schemas";
import { forgetCachedKeys, sealPrivateKey, SEAL_INFO } from "./sign";

const DAY_MS = 86_400_000;
type Tx = Prisma.TransactionClient;

export type ProjectKeyView = {
  id: string;
  fingerprint: string;
  algorithm: string;
  userIds: string[];
  status: KeyStatus;
  origin: string;
  keyCreatedAt: Date;
  createdAt: Date;
  expiresAt: Date | null;
  retiredAt: Date | null;
  publishUntil: Date | null;
  revokedAt: Date | null;
  revocationReason: string | null;
};

/** Every key the project has had, the active one first (never the private part). */
export async function listProjectKeys(viewer: Viewer): Promise<ProjectKeyView[]> {
  if (!canManageProjectKey(viewer)) throw new NotFoundError();
  const rows = await getDb().projectKey.findMany({
    select: { id: true, fingerprint: true, algorithm: true, userIds: true, status: true, origin: true, keyCreatedAt: true, createdAt: true, expiresAt: true, retiredAt: true, publishUntil: true, revokedAt: true, revocationReason: true },
    orderBy: { createdAt: "desc" },
  });
  return rows.sort((a, b) => Number(b.status === "ACTIVE") - Number(a.status === "ACTIVE"));
}

type Actor = { viewer: Extract<Viewer, { kind: "maintainer" }>; request: RequestInfo };

function actorOf(viewer: Viewer, request: RequestInfo): Actor {
  if (!canManageProjectKey(viewer) || viewer.kind !== "maintainer") throw new NotFoundError();
  return { viewer, request };
}

/** A new key pair made here, for the project's name and security address; it becomes the active key. */
export async function generateKeyForProject(viewer: Viewer, input: GenerateKeyInput, request: RequestInfo): Promise<KeyDetails> {
  const actor = actorOf(viewer, request);
  const settings = await getProjectSettings();
  const { privateKey, publicKey, details } = await generateProjectKey({ name: settings.name, email: settings.securityAddress ?? "", validityDays: input.validityDays });
  await install(actor, { privateKey, publicKey, details, origin: "generated", overlapDays: input.overlapDays });
  return details;
}

/** An existing private key (with its passphrase if it has one), checked, decrypted and sealed; becomes active. */
export async function importKeyForProject(viewer: Viewer, input: ImportKeyInput, request: RequestInfo): Promise<KeyDetails> {
  const actor = actorOf(viewer, request);
  const { key, details } = await inspectPrivateKey(input.privateKey, input.passphrase);
  await install(actor, { privateKey: key, publicKey: key.toPublic().armor(), details, origin: "imported", overlapDays: input.overlapDays });
  return details;
}

/** An imported key that was the project's before is refused (a key is not brought back), inside install's transaction. */
async function refuseKnownKey(tx: Tx, fingerprint: string): Promise<void> {
  const existing = await tx.projectKey.findUnique({ where: { fingerprint }, select: { status: true } });
  if (!existing) return;
  const message = existing.status === "ACTIVE" ? "This key is already the project's active key." : `This key was the project's key before (now ${existing.status.toLowerCase()}): a key is not brought back. Import or generate a new one.`;
  throw new ValidationError(message, { privateKey: [message] });
}

async function install(actor: Actor, key: { privateKey: PrivateKey; publicKey: string; details: KeyDetails; origin: "generated" | "imported"; overlapDays: number }): Promise<void> {
  const now = new Date();
  const { details } = key;
  const sealed = sealPrivateKey(key.privateKey.armor());
  try {
    await getDb().$transaction(async (tx) => {
      // Checked and used under the same locks: whether this key was the project's before, and which key is active now
      // (the row lock waits for a revocation or rotation in progress, then sees what it did).
      await refuseKnownKey(tx, details.fingerprint);
      const [previous] = await tx.$queryRaw<Array<{ id: string; fingerprint: string }>>`SELECT id, fingerprint FROM "ProjectKey" WHERE status = 'ACTIVE' FOR UPDATE`;
      if (previous) await tx.projectKey.update({ where: { id: previous.id }, data: { status: "RETIRED", retiredAt: now, publishUntil: new Date(now.getTime() + key.overlapDays * DAY_MS) } });
      const row = await tx.projectKey.create({
        data: {
          fingerprint: details.fingerprint,
          algorithm: details.algorithm,
          userIds: details.userIds,
          publicKey: key.publicKey,
          encryptedPrivateKey: sealed,
          status: "ACTIVE",
          keyCreatedAt: details.keyCreatedAt,
          expiresAt: details.expiresAt,
          origin: key.origin,
          createdById: actor.viewer.userId,
        },
        select: { id: true },
      });
      await recordAudit(
        {
          actor: { id: actor.viewer.userId, email: actor.viewer.email },
          action: key.origin === "generated" ? "signing.key-generated" : "signing.key-imported",
          target: { type: "project-key", id: row.id },
          ip: actor.request.ip,
          details: { fingerprint: details.fingerprint, algorithm: details.algorithm, expiresAt: details.expiresAt?.toISOString() ?? null, ...(previous ? { retiredFingerprint: previous.fingerprint, overlapDays: key.overlapDays } : {}) },
        },
        tx,
      );
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new ConflictError("The project's key changed at the same moment (another maintainer?). Reload the page and check the keys before trying again.");
    throw error;
  }
  forgetCachedKeys();
}

type RevocableRow = { id: string; fingerprint: string; status: string; hasPrivate: boolean };

/** The checks a revocation makes: not revoked already, and the maintainer typed this key's last 8 characters. */
function refuseUnlessRevocable(row: RevocableRow, confirm: string): void {
  if (row.status === "REVOKED" || !row.hasPrivate) throw new ValidationError("This key is already revoked.");
  if (!row.fingerprint.endsWith(confirm)) {
    const message = "That is not this key's last 8 characters: nothing was revoked.";
    throw new ValidationError(message, { confirm: [message] });
  }
}

/**
 * Revokes a key (active or retired): its public key is published with the revocation; its private part is erased.
 * The revocation signature is made first (slow, no database); the checks — the typed fingerprint, the key's status,
 * that the signature is this key's — run again under the key's row lock in the transaction that uses them, so a
 * rotation or another revocation cannot slip in between: whether the key was active is what it was when revoked.
 */
export async function revokeProjectKey(viewer: Viewer, input: RevokeKeyInput, request: RequestInfo): Promise<{ fingerprint: string; wasActive: boolean }> {
  const actor = actorOf(viewer, request);
  const db = getDb();
  const row = await db.projectKey.findUnique({ where: { id: input.keyId }, select: { id: true, fingerprint: true, status: true, encryptedPrivateKey: true } });
  if (!row) throw new NotFoundError();
  refuseUnlessRevocable({ ...row, hasPrivate: !!row.encryptedPrivateKey }, input.confirm);
  const now = new Date();
  const privateKey = await readPrivateKey({ armoredKey: openSealedText(getInstanceSecret(), SEAL_INFO, row.encryptedPrivateKey!) });
  const publicKey = await revokedPublicKey(privateKey, input.reason, now);
  const wasActive = await db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<RevocableRow[]>`
      SELECT id, fingerprint, status::text AS status, ("encryptedPrivateKey" IS NOT NULL) AS "hasPrivate" FROM "ProjectKey" WHERE id = ${row.id} FOR UPDATE`;
    if (!locked) throw new NotFoundError();
    refuseUnlessRevocable(locked, input.confirm);
    if (privateKey.getFingerprint().toUpperCase() !== locked.fingerprint) throw new ConflictError("This key changed at the same moment (another maintainer?). Reload the page and check the keys.");
    await tx.projectKey.update({ where: { id: locked.id }, data: { status: "REVOKED", revokedAt: now, revocationReason: input.reason, publicKey, encryptedPrivateKey: null } });
    const active = locked.status === "ACTIVE";
    await recordAudit(
      { actor: { id: actor.viewer.userId, email: actor.viewer.email }, action: "signing.key-revoked", target: { type: "project-key", id: locked.id }, ip: actor.request.ip, details: { fingerprint: locked.fingerprint, reason: input.reason, wasActive: active } },
      tx,
    );
    return active;
  });
  forgetCachedKeys();
  return { fingerprint: row.fingerprint, wasActive };
}
