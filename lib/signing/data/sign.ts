import "server-only";
// Signing with the project's active key (the contract lanes sign and csaf build on). Every call reads the active key's
// fingerprint and expiry with one indexed query, so a rotation or revocation made by any app instance is seen at the
// very next use; the decrypted key itself is cached per process by fingerprint (unsealing and parsing it is the slow
// part, and 30,000 emails are signed with it). A revoked or retired key's entry is never used again: lookups go by
// the fingerprint that is active now.
import { readPrivateKey, type PrivateKey } from "openpgp";
import { getDb } from "@/lib/server/db/client";
import { getInstanceSecret } from "@/lib/server/config";
import { openSealedText, sealText } from "@/lib/server/sealed";
import { clearSign, encryptTo, signBytesDetached } from "../keys";
import { isPublished, signingState, SigningUnavailableError, type KeyStatus, type SigningState } from "../policy";

/** HKDF info of the key that seals the project's private keys: its own, never the TOTP one. */
export const SEAL_INFO = "project-openpgp-key-v1";

export function sealPrivateKey(armoredPrivateKey: string): string {
  return sealText(getInstanceSecret(), SEAL_INFO, armoredPrivateKey);
}

export { SigningUnavailableError, type SigningState };

const cache = new Map<string, Promise<PrivateKey>>();

/** Tests and the key operations of this process: forget decrypted keys (other processes read the active one anew). */
export function forgetCachedKeys(): void {
  cache.clear();
}

/** What reads the key rows: the app's client, or the caller's open transaction (on PGlite, the one connection). */
type KeyReader = Pick<ReturnType<typeof getDb>, "projectKey">;

/**
 * `db`: a caller inside a transaction passes it — on PGlite nothing may reach the database outside an open
 * transaction (one connection), so a read through the app's client there would wait for the transaction to end.
 */
export async function getSigningState(now = new Date(), db: KeyReader = getDb()): Promise<SigningState> {
  const active = await db.projectKey.findFirst({ where: { status: "ACTIVE" }, select: { fingerprint: true, expiresAt: true } });
  if (active) return signingState({ active, anyKey: true, lastRevokedAt: null }, now);
  const [count, revoked] = await Promise.all([
    db.projectKey.count(),
    db.projectKey.findFirst({ where: { status: "REVOKED" }, orderBy: { revokedAt: "desc" }, select: { revokedAt: true } }),
  ]);
  return signingState({ active: null, anyKey: count > 0, lastRevokedAt: revoked?.revokedAt ?? null }, now);
}

/** Throws SigningUnavailableError when the project signs but no key can sign now. */
export async function assertSigningReady(db?: KeyReader): Promise<void> {
  const state = await getSigningState(new Date(), db);
  if (state.problem) throw new SigningUnavailableError(state.problem);
}

/** The active decrypted key; null while signing is off. */
async function activeKey(): Promise<PrivateKey | null> {
  const state = await getSigningState();
  if (state.problem) throw new SigningUnavailableError(state.problem);
  if (!state.fingerprint) return null;
  const fingerprint = state.fingerprint;
  let key = cache.get(fingerprint);
  if (!key) {
    key = loadKey(fingerprint);
    cache.set(fingerprint, key);
    key.catch(() => cache.delete(fingerprint));
  }
  return key;
}

async function loadKey(fingerprint: string): Promise<PrivateKey> {
  const row = await getDb().projectKey.findUnique({ where: { fingerprint }, select: { encryptedPrivateKey: true } });
  if (!row?.encryptedPrivateKey) throw new SigningUnavailableError("The project's active OpenPGP key has no private part stored. A maintainer can generate or import a key in Settings → OpenPGP key; until then nothing is sent or published unsigned.");
  let armored: string;
  try {
    armored = openSealedText(getInstanceSecret(), SEAL_INFO, row.encryptedPrivateKey);
  } catch {
    // Never the cause's text: it could quote the sealed value.
    throw new SigningUnavailableError("The project's private OpenPGP key cannot be unsealed: this instance's secret (NEXTAUTH_SECRET or data/instance-secret) is not the one it was stored with. Restore that secret, or generate or import a new key in Settings → OpenPGP key.");
  }
  return readPrivateKey({ armoredKey: armored });
}

/** Clear-signed text (-----BEGIN PGP SIGNED MESSAGE-----); `text` unchanged while signing is off. */
export async function signText(text: string): Promise<string> {
  const key = await activeKey();
  return key ? clearSign(key, text) : text;
}

/** Armored detached signature over exactly these bytes (a string: its UTF-8 bytes); null while signing is off. */
export async function signDetached(data: string | Uint8Array): Promise<string | null> {
  const key = await activeKey();
  return key ? signBytesDetached(key, data) : null;
}

/** Armored message encrypted to the recipient and signed by the project's key (only encrypted while signing is off). */
export async function signAndEncrypt(data: string | Uint8Array, armoredRecipientKey: string, opts: { filename?: string; binary?: boolean } = {}): Promise<string> {
  const key = await activeKey();
  return encryptTo(armoredRecipientKey, key, data, opts);
}

export type PublishedKey = { fingerprint: string; publicKey: string; status: KeyStatus; expiresAt: Date | null; userIds: string[] };

/** What is published: the active key first, then retired keys within their overlap and revoked keys, newest first. */
export async function listPublishedKeys(now = new Date()): Promise<PublishedKey[]> {
  const rows = await getDb().projectKey.findMany({
    select: { fingerprint: true, publicKey: true, status: true, expiresAt: true, publishUntil: true, userIds: true },
    orderBy: { createdAt: "desc" },
  });
  const rank = { ACTIVE: 0, RETIRED: 1, REVOKED: 1 } as const;
  return rows
    .filter((r) => isPublished(r, now))
    .sort((a, b) => rank[a.status] - rank[b.status])
    .map(({ fingerprint, publicKey, status, expiresAt, userIds }) => ({ fingerprint, publicKey, status, expiresAt, userIds }));
}
