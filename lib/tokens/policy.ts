// Personal API tokens and private calendar feeds of vendor members: who may hold them, when one still works, and what
// a presented secret must look like. Pure functions, table-tested in policy.test.ts.
import type { AccountStatus, OrganisationStatus, Role } from "@/generated/prisma/enums";
import { mayEnter } from "@/lib/auth/policy";
import type { Viewer, VendorViewer } from "@/lib/server/viewer-types";

/** Every API token starts with this, so secret scanners (and people) recognise one in a log or a repository. */
export const API_TOKEN_PREFIX = "fwt_";
/** Calendar feed secrets: a different prefix, so one can never be mistaken for (or used as) the other. */
export const CALENDAR_SECRET_PREFIX = "fwc_";
/** 32 random bytes in base64url. */
const SECRET_BODY = /^[A-Za-z0-9_-]{43}$/;

export const TOKEN_LIFETIMES_DAYS = [30, 90, 365] as const;
export type TokenLifetimeDays = (typeof TOKEN_LIFETIMES_DAYS)[number];
export const DEFAULT_TOKEN_LIFETIME_DAYS: TokenLifetimeDays = 90;
/** A person keeps a handful of scripts, not an unbounded pile of live credentials. */
export const MAX_ACTIVE_TOKENS = 10;

/** lastUsedAt is written at most this often; every use is audited anyway. */
export const TOUCH_EVERY_MS = 60_000;
/** A calendar fetch is audited when the client address changed or this long after the last audited one. */
export const FEED_AUDIT_EVERY_MS = 3_600_000;

/**
 * Vendor members who may enter the vendor area now (their second factor passed where required) manage their own
 * tokens and feed. Maintainers have none: the API only serves the vendor's view of notices.
 */
export function mayHoldApiCredentials(viewer: Viewer, requireVendorTotp: boolean): viewer is VendorViewer {
  return viewer.kind === "vendor" && mayEnter(viewer, "vendor", requireVendorTotp);
}

export type CredentialFacts = {
  revokedAt: Date | null;
  /** Null for calendar feeds (they live until rotated or turned off). */
  expiresAt: Date | null;
  role: Role;
  userStatus: AccountStatus;
  /** The member's organisation; null without one. */
  organisationStatus: OrganisationStatus | null;
  /**
   * The instance now requires vendors to have a second factor and this member has none: a credential made before
   * that rule stops (otherwise it would read what the member's own sessions may not).
   */
  lacksRequiredSecondFactor?: boolean;
};

export type CredentialRefusal = "revoked" | "expired" | "inactive";

/**
 * Whether a token or feed acts for its owner right now: not revoked, not expired, and the owner a vendor member
 * who is ACTIVE in an ACTIVE organisation. Checked on every use, so a suspension or removal takes effect at once.
 * (Sign-in also lets INVITED people in, to see that access is pending; a credential has nothing to show them.)
 */
export function credentialRefusal(facts: CredentialFacts, now: Date): CredentialRefusal | null {
  if (facts.revokedAt) return "revoked";
  if (facts.expiresAt && facts.expiresAt <= now) return "expired";
  if (facts.role !== "VENDOR" || facts.userStatus !== "ACTIVE" || facts.organisationStatus !== "ACTIVE") return "inactive";
  if (facts.lacksRequiredSecondFactor) return "inactive";
  return null;
}

export type TokenStatus = "active" | "revoked" | "expired";

/** What the list shows next to a token. */
export function tokenStatus(token: { revokedAt: Date | null; expiresAt: Date }, now: Date): TokenStatus {
  if (token.revokedAt) return "revoked";
  return token.expiresAt <= now ? "expired" : "active";
}

export function tokenExpiry(now: Date, days: TokenLifetimeDays): Date {
  return new Date(now.getTime() + days * 86_400_000);
}

export type BearerCredential = { kind: "missing" } | { kind: "malformed" } | { kind: "token"; secret: string };

/**
 * Reads `Authorization: Bearer fwt_…`. Anything that is not exactly one well-formed token is "malformed" and is
 * never looked up (nothing to hash, nothing to time).
 */
export function parseBearer(header: string | null): BearerCredential {
  if (header === null || header.trim() === "") return { kind: "missing" };
  const match = /^Bearer +(\S+) *$/i.exec(header);
  const secret = match?.[1];
  if (!secret || !isSecret(secret, API_TOKEN_PREFIX)) return { kind: "malformed" };
  return { kind: "token", secret };
}

/** `fwc_….ics` from the feed URL's last segment, or null. */
export function parseFeedFile(file: string): string | null {
  const secret = file.endsWith(".ics") ? file.slice(0, -4) : null;
  return secret && isSecret(secret, CALENDAR_SECRET_PREFIX) ? secret : null;
}

export function isSecret(value: string, prefix: string): boolean {
  return value.startsWith(prefix) && SECRET_BODY.test(value.slice(prefix.length));
}

/** Whether lastUsedAt is stale enough to be written again. */
export function shouldTouch(lastUsedAt: Date | null, now: Date): boolean {
  return !lastUsedAt || now.getTime() - lastUsedAt.getTime() >= TOUCH_EVERY_MS;
}

/**
 * Calendar apps poll every few minutes: auditing each fetch would bury the log. A fetch is recorded when it comes
 * from another address than the last recorded one (a leaked URL shows up at once) or an hour after it.
 */
export function shouldAuditFeedFetch(last: { at: Date | null; ip: string | null }, ip: string | null, now: Date): boolean {
  if (!last.at) return true;
  if ((last.ip ?? "") !== (ip ?? "")) return true;
  return now.getTime() - last.at.getTime() >= FEED_AUDIT_EVERY_MS;
}
