// OpenPGP.js helpers for the project's key: generate, inspect an imported private key (refusing what cannot sign, with
// the reason and never the key material), revoke, and sign. Pure: no database, no instance secret.
//
// Keys are v4 with ECC curve25519Legacy (EdDSA signing primary, ECDH cv25519 encryption subkey): gpg 2.2 (Debian
// bookworm) reads neither RFC 9580 v6 keys nor the new X25519/Ed25519 algorithm ids, and most recipients run it.
import {
  createCleartextMessage,
  createMessage,
  decryptKey,
  encrypt,
  enums,
  generateKey,
  readKey,
  readPrivateKey,
  revokeKey,
  sign,
  type Key,
  type PrivateKey,
} from "openpgp";
import { ValidationError } from "@/lib/server/errors";
import { REVOCATION_REASON_LABELS, type RevocationReason } from "./revocation";

export const DEFAULT_KEY_VALIDITY_DAYS = 730;
const MAX_ARMORED = 200_000;

export type KeyDetails = {
  fingerprint: string;
  algorithm: string;
  userIds: string[];
  keyCreatedAt: Date;
  expiresAt: Date | null;
};

/** "EdDSA (Ed25519)", "RSA 4096": what people call the primary key's algorithm. */
export function algorithmLabel(key: Key): string {
  const info = key.getAlgorithmInfo();
  if (info.algorithm === "eddsaLegacy" || info.algorithm === "ed25519") return "EdDSA (Ed25519)";
  if (info.algorithm === "ed448") return "EdDSA (Ed448)";
  if (info.algorithm.startsWith("rsa")) return `RSA ${info.bits ?? ""}`.trim();
  if (info.algorithm === "ecdsa") return `ECDSA (${info.curve ?? "unknown curve"})`;
  return info.algorithm;
}

export async function describeKey(key: Key): Promise<KeyDetails> {
  const expiration = await key.getExpirationTime();
  return {
    fingerprint: key.getFingerprint().toUpperCase(),
    algorithm: algorithmLabel(key),
    userIds: key.getUserIDs(),
    keyCreatedAt: key.getCreationTime(),
    expiresAt: expiration instanceof Date ? expiration : null,
  };
}

export type GeneratedKey = { privateKey: PrivateKey; publicKey: string; details: KeyDetails };

/** A new key pair: v4, curve25519Legacy, "<name> security team <email>", expiring after `validityDays`. */
export async function generateProjectKey(input: { name: string; email: string; validityDays?: number; now?: Date }): Promise<GeneratedKey> {
  const { privateKey } = await generateKey({
    type: "ecc",
    curve: "curve25519Legacy",
    userIDs: [input.email ? { name: `${input.name} security team`, email: input.email } : { name: `${input.name} security team` }],
    keyExpirationTime: (input.validityDays ?? DEFAULT_KEY_VALIDITY_DAYS) * 86_400,
    date: input.now ?? new Date(),
    format: "object",
    config: { v6Keys: false },
  });
  return { privateKey, publicKey: privateKey.toPublic().armor(), details: await describeKey(privateKey) };
}

function refuse(field: "privateKey" | "passphrase", message: string): never {
  throw new ValidationError(message, { [field]: [message] });
}

/**
 * An imported private key, decrypted and checked: readable, private (not a public key only), unlocked by the
 * passphrase, a v4 key, neither revoked nor expired, and able to sign with secret material present (not a gpg stub).
 * Every refusal names the reason; none repeats any part of what was pasted.
 */
export async function inspectPrivateKey(armored: string, passphrase: string, now = new Date()): Promise<{ key: PrivateKey; details: KeyDetails }> {
  const text = armored.trim();
  if (!text) refuse("privateKey", "Paste the project's OpenPGP private key (the block starting with -----BEGIN PGP PRIVATE KEY BLOCK-----).");
  if (text.length > MAX_ARMORED) refuse("privateKey", "That key is too large (over 200 KB). Export only this key: gpg --armor --export-secret-keys <fingerprint>.");
  if (text.includes("BEGIN PGP PUBLIC KEY BLOCK")) {
    refuse("privateKey", "This is a public key only: signing needs the private key. Export it with gpg --armor --export-secret-keys <fingerprint>.");
  }
  let key: PrivateKey;
  try {
    key = await readPrivateKey({ armoredKey: text });
  } catch {
    // A public key armored without its header, or anything else: tell which when we can.
    const publicOnly = await readKey({ armoredKey: text }).then((k) => !k.isPrivate(), () => false);
    if (publicOnly) refuse("privateKey", "This is a public key only: signing needs the private key. Export it with gpg --armor --export-secret-keys <fingerprint>.");
    return refuse("privateKey", "This is not a readable OpenPGP private key. Paste the whole ASCII-armored block, including the BEGIN and END lines.");
  }
  if (key.keyPacket.version !== 4) {
    refuse("privateKey", `This is a version ${key.keyPacket.version} key: gpg 2.2, which many recipients use, cannot verify its signatures. Import a version 4 key, or generate one here.`);
  }
  if (!key.isDecrypted()) {
    if (!passphrase) refuse("passphrase", "This private key is protected by a passphrase: enter it to import the key.");
    try {
      key = await decryptKey({ privateKey: key, passphrase });
    } catch {
      refuse("passphrase", "The passphrase does not unlock this key. Check it and try again; nothing was saved.");
    }
  }
  if (key.getCreationTime() > now) {
    refuse("privateKey", `This key's creation time (${key.getCreationTime().toISOString()}) is in the future: check the clock of the computer that made it, or generate a key here.`);
  }
  if (await key.isRevoked(undefined, undefined, now)) refuse("privateKey", "This key has been revoked: it can no longer sign. Import a current key, or generate one here.");
  const expiration = await key.getExpirationTime();
  if (expiration instanceof Date && expiration <= now) {
    refuse("privateKey", `This key expired on ${expiration.toISOString().slice(0, 10)} (UTC). Extend its expiry (gpg --quick-set-expire) and export it again, or generate a new key here.`);
  }
  let signing;
  try {
    signing = await key.getSigningKey(undefined, now);
  } catch {
    return refuse("privateKey", "This key cannot sign (no valid signing key or subkey). Import a key with signing capability, or generate one here.");
  }
  if ("isDummy" in signing.keyPacket && signing.keyPacket.isDummy()) {
    refuse("privateKey", "The secret part of this key's signing key is missing (a stub, e.g. the key lives on a smartcard). Export the full secret key, or generate one here.");
  }
  return { key, details: await describeKey(key) };
}

const REVOCATION_FLAGS: Record<RevocationReason, enums.reasonForRevocation> = {
  compromised: enums.reasonForRevocation.keyCompromised,
  superseded: enums.reasonForRevocation.keySuperseded,
  retired: enums.reasonForRevocation.keyRetired,
};

/** The public key with its revocation signature: what is published afterwards. */
export async function revokedPublicKey(privateKey: PrivateKey, reason: RevocationReason, now = new Date()): Promise<string> {
  const { publicKey } = await revokeKey({ key: privateKey, reasonForRevocation: { flag: REVOCATION_FLAGS[reason], string: REVOCATION_REASON_LABELS[reason] }, date: now, format: "armored" });
  return publicKey;
}

/** -----BEGIN PGP SIGNED MESSAGE----- text. */
export async function clearSign(key: PrivateKey, text: string): Promise<string> {
  return sign({ message: await createCleartextMessage({ text }), signingKeys: key, format: "armored" });
}

function bytesOf(data: string | Uint8Array): Uint8Array {
  return typeof data === "string" ? new TextEncoder().encode(data) : data;
}

/** Armored detached signature over exactly these bytes (a string: its UTF-8 bytes). */
export async function signBytesDetached(key: PrivateKey, data: string | Uint8Array): Promise<string> {
  return sign({ message: await createMessage({ binary: bytesOf(data) }), signingKeys: key, detached: true, format: "armored" });
}

/** Armored message encrypted to the recipient, signed when a signing key is given. */
export async function encryptTo(
  armoredRecipientKey: string,
  signingKey: PrivateKey | null,
  data: string | Uint8Array,
  opts: { filename?: string; binary?: boolean } = {},
): Promise<string> {
  const recipient = await readKey({ armoredKey: armoredRecipientKey });
  const message =
    opts.binary || typeof data !== "string"
      ? await createMessage({ binary: bytesOf(data), ...(opts.filename ? { filename: opts.filename } : {}), format: "binary" })
      : await createMessage({ text: data, ...(opts.filename ? { filename: opts.filename } : {}) });
  return encrypt({ message, encryptionKeys: recipient, ...(signingKey ? { signingKeys: signingKey } : {}), format: "armored" });
}
