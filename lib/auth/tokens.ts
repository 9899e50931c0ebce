// Secrets at rest: session tokens and recovery codes are stored hashed; TOTP secrets encrypted with a key derived
// from the instance secret (a database dump alone does not give them away).
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { openSealedText, sealText } from "@/lib/server/sealed";

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(`session:${token}`).digest("hex");
}

const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

export function generateRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

export function normalizeRecoveryCode(input: string): string {
  const bare = input.toLowerCase().replace(/[^a-z0-9]/g, "");
  return bare.length === 10 ? `${bare.slice(0, 5)}-${bare.slice(5)}` : bare;
}

export function hashRecoveryCode(secret: string, code: string): string {
  return createHmac("sha256", secret).update(`recovery:${normalizeRecoveryCode(code)}`).digest("hex");
}

const TOTP_INFO = "totp-secret-v1";

export function encryptSecret(secret: string, plaintext: string): string {
  return sealText(secret, TOTP_INFO, plaintext);
}

export function decryptSecret(secret: string, sealed: string): string {
  return openSealedText(secret, TOTP_INFO, sealed);
}

export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
