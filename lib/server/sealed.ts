// Secrets at rest, sealed with AES-256-GCM under a key derived (HKDF-SHA256) from the instance secret. Each use names
// its own `info` string, so a TOTP secret's key never opens a signing key and the other way round: a database dump
// alone gives neither away.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

function derivedKey(secret: string, info: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "forewarn", info, 32));
}

/** "v1.<iv>.<tag>.<ciphertext>" (base64url parts). */
export function sealText(secret: string, info: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derivedKey(secret, info), iv);
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
}

/** Throws when the format is unknown, the secret or info differ, or the sealed text was altered. */
export function openSealedText(secret: string, info: string, sealed: string): string {
  const [version, iv, tag, ct] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !ct) throw new Error("unknown secret format");
  const decipher = createDecipheriv("aes-256-gcm", derivedKey(secret, info), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}
