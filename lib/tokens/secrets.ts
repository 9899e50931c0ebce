// Secrets of API tokens and calendar feeds: 32 random bytes behind a recognisable prefix. Only a SHA-256 of the whole
// secret is stored (the secret is as long and random as a session token, so a plain hash is enough); the hash input
// names its use, so a token's hash can never match a feed's or a session's.
import { createHash, randomBytes } from "node:crypto";
import { API_TOKEN_PREFIX, CALENDAR_SECRET_PREFIX } from "./policy";

export function newApiTokenSecret(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function hashApiToken(secret: string): string {
  return createHash("sha256").update(`api-token:${secret}`).digest("hex");
}

/** What the token list shows to tell tokens apart: the prefix and four characters, never enough to guess the rest. */
export function tokenHint(secret: string): string {
  return secret.slice(0, API_TOKEN_PREFIX.length + 4);
}

export function newCalendarSecret(): string {
  return `${CALENDAR_SECRET_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function hashCalendarSecret(secret: string): string {
  return createHash("sha256").update(`calendar-feed:${secret}`).digest("hex");
}
