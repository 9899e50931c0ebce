// OpenPGP public keys of organisations, validated with OpenPGP.js: a key must be a public key that can encrypt,
// is neither revoked nor expired; its fingerprint and expiry are kept for display.
import { readKey } from "openpgp";
import { ValidationError } from "@/lib/server/errors";

export type KeyInfo = { fingerprint: string; expiresAt: Date | null; userIds: string[]; algorithm: string; armored: string };

const MAX_ARMORED = 100_000;

function refuse(message: string): never {
  throw new ValidationError(message, { publicKey: [message] });
}

export async function inspectPublicKey(armored: string, now = new Date()): Promise<KeyInfo> {
  const text = armored.trim();
  if (!text) refuse("Paste the organisation's OpenPGP public key (the block starting with -----BEGIN PGP PUBLIC KEY BLOCK-----).");
  if (text.length > MAX_ARMORED) refuse("That key is too large (over 100 KB). Export only the public key, without signatures from other keys.");
  if (text.includes("PRIVATE KEY BLOCK")) refuse("This is a PRIVATE key. Never share it: ask the organisation for its public key instead.");
  let key;
  try {
    key = await readKey({ armoredKey: text });
  } catch {
    refuse("This is not a readable OpenPGP public key. Paste the whole ASCII-armored block, including the BEGIN and END lines.");
  }
  if (key.isPrivate()) refuse("This is a PRIVATE key. Never share it: ask the organisation for its public key instead.");
  if (await key.isRevoked(undefined, undefined, now)) refuse("This key has been revoked by its owner. Ask the organisation for its current key.");
  const expiration = await key.getExpirationTime();
  const expiresAt = expiration instanceof Date ? expiration : null;
  if (expiresAt && expiresAt <= now) refuse(`This key expired on ${expiresAt.toISOString().slice(0, 10)}. Ask the organisation for a renewed key.`);
  try {
    await key.getEncryptionKey(undefined, now);
  } catch {
    refuse("This key cannot encrypt (no valid encryption subkey). Ask the organisation for a key with an encryption subkey.");
  }
  return {
    fingerprint: key.getFingerprint().toUpperCase(),
    expiresAt,
    userIds: key.getUserIDs(),
    algorithm: key.getAlgorithmInfo().algorithm,
    armored: key.armor(),
  };
}

/** "ABCD 1234 …" groups of four, as people compare fingerprints. */
export function formatFingerprint(fingerprint: string): string {
  return fingerprint.replace(/(.{4})/g, "$1 ").trim();
}
