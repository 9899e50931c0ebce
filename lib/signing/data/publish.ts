import "server-only";
// What the public key routes serve: every published key in one armored file (/openpgp-key.asc), and the Web Key
// Directory's binary answer for the security address (/.well-known/openpgpkey/hu/<hash>). Public by nature.
import { armor, enums, readKey } from "openpgp";
import { getDb } from "@/lib/server/db/client";
import { getProjectSettings } from "@/lib/settings/data";
import { hasAddress, wkdHash } from "../wkd";
import { getSigningState, listPublishedKeys } from "./sign";

/** Every published key (active, retired within the overlap, revoked) in one armored block; null without any. */
export async function publishedKeysArmored(): Promise<string | null> {
  const keys = await listPublishedKeys();
  if (keys.length === 0) return null;
  const binaries = await Promise.all(keys.map(async (k) => (await readKey({ armoredKey: k.publicKey })).write()));
  return armor(enums.armor.publicKey, concat(binaries));
}

/**
 * The WKD answer for a hashed local part: the published keys carrying the security address, in binary. Null when the
 * hash is not the security address's, or no published key names it.
 */
export async function wkdKeys(hash: string): Promise<Uint8Array | null> {
  const { securityAddress } = await getProjectSettings();
  if (!securityAddress || wkdHash(securityAddress) !== hash) return null;
  const keys = (await listPublishedKeys()).filter((k) => hasAddress(k.userIds, securityAddress));
  if (keys.length === 0) return null;
  return concat(await Promise.all(keys.map(async (k) => (await readKey({ armoredKey: k.publicKey })).write())));
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export type EncryptionKey = { armored: string; fingerprint: string };

/**
 * The key reports are encrypted to (the report form, its server-side check, /report/public-key.asc, security.txt):
 * one key for the project. Once the project has an OpenPGP key, its active key; before that, the report key pasted
 * in Settings. While the project's key cannot be used (expired, revoked, none active), the Settings key only if it is
 * not one of the project's own keys; else none (reports then travel in clear over HTTPS, as before any key).
 */
export async function reportEncryptionKey(settingsKey: EncryptionKey | null): Promise<EncryptionKey | null> {
  const state = await getSigningState();
  if (!state.on) return settingsKey;
  if (state.fingerprint && !state.problem) {
    const active = await getDb().projectKey.findUnique({ where: { fingerprint: state.fingerprint }, select: { publicKey: true } });
    if (active) return { armored: active.publicKey, fingerprint: state.fingerprint };
  }
  if (!settingsKey) return null;
  const ours = await getDb().projectKey.count({ where: { fingerprint: settingsKey.fingerprint } });
  return ours ? null : settingsKey;
}
