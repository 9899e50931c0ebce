// OpenPGP public keys (an organisation's, the project's report key), validated with OpenPGP.js: a key must be a public
// key that can encrypt, is neither revoked nor expired; its fingerprint and expiry are kept for display. A private
// key is refused without ever being echoed back. Shared by the directory and the settings (which sit below it).
import { readKey } from "openpgp";
import { ValidationError } from "@/lib/server/errors";

export type KeyInfo = { fingerprint: string; expiresAt: Date | null; userIds: string[]; algorithm: string; armored: string };

const MAX_ARMORED = 100_000;

/** Whose key it is, in the messages: the field it was pasted in, and what to do instead. */
export type KeyWording = { field: string; whose: string; privateKey: string; current: string; renewed: string; encrypting: string };

export const ORGANISATION_KEY: KeyWording = {
  field: "publicKey",
  whose: "the organisation's",
  privateKey: "ask the organisation for its public key instead",
  current: "Ask the organisation for its current key.",
  renewed: "Ask the organisation for a renewed key.",
  encrypting: "Ask the organisation for a key with an encryption subkey.",
};

export async function inspectPublicKey(armored: string, now = new Date(), wording: KeyWording = ORGANISATION_KEY): Promise<KeyInfo> {
  const refuse = (message: string): never => {
    throw new ValidationError(message, { [wording.field]: [message] });
  };
  const text = armored.trim();
  if (!text) refuse(`Paste ${wording.whose} OpenPGP public key (the block starting with -----BEGIN PGP PUBLIC KEY BLOCK-----).`);
  if (text.length > MAX_ARMORED) refuse("That key is too large (over 100 KB). Export only the public key, without signatures from other keys.");
  if (text.includes("PRIVATE KEY BLOCK")) refuse(`This is a PRIVATE key. Never share it: ${wording.privateKey}.`);
  let key;
  try {
    key = await readKey({ armoredKey: text });
  } catch {
    return refuse("This is not a readable OpenPGP public key. Paste the whole ASCII-armored block, including the BEGIN and END lines.");
  }
  if (key.isPrivate()) refuse(`This is a PRIVATE key. Never share it: ${wording.privateKey}.`);
  if (await key.isRevoked(undefined, undefined, now)) refuse(`This key has been revoked by its owner. ${wording.current}`);
  const expiration = await key.getExpirationTime();
  const expiresAt = expiration instanceof Date ? expiration : null;
  if (expiresAt && expiresAt <= now) refuse(`This key expired on ${expiresAt.toISOString().slice(0, 10)}. ${wording.renewed}`);
  try {
    await key.getEncryptionKey(undefined, now);
  } catch {
    refuse(`This key cannot encrypt (no valid encryption subkey). ${wording.encrypting}`);
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
