import { describe, expect, it } from "vitest";
import type { AccountStatus, OrganisationStatus, Role } from "@/generated/prisma/enums";
import { ANONYMOUS, type MaintainerViewer, type VendorViewer } from "@/lib/server/viewer-types";
import { credentialRefusal, isSecret, mayHoldApiCredentials, parseBearer, parseFeedFile, shouldAuditFeedFetch, shouldTouch, tokenExpiry, tokenStatus } from "./policy";
import { CreateApiTokenSchema } from "./schemas";
import { hashApiToken, hashCalendarSecret, newApiTokenSecret, newCalendarSecret, tokenHint } from "./secrets";

const now = new Date("2026-11-29T12:00:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);

describe("credentialRefusal: token state × role × member × organisation", () => {
  const PEOPLE: AccountStatus[] = ["INVITED", "ACTIVE", "SUSPENDED", "REMOVED"];
  const ORGS: Array<OrganisationStatus | null> = [null, "INVITED", "ACTIVE", "SUSPENDED", "REMOVED"];
  const table: Array<[Role, AccountStatus, OrganisationStatus | null, ReturnType<typeof credentialRefusal>]> = [];
  for (const role of ["VENDOR", "MAINTAINER"] as Role[]) {
    for (const person of PEOPLE) {
      for (const org of ORGS) table.push([role, person, org, role === "VENDOR" && person === "ACTIVE" && org === "ACTIVE" ? null : "inactive"]);
    }
  }
  it.each(table)("live token, %s person=%s org=%s → %s", (role, userStatus, organisationStatus, expected) => {
    expect(credentialRefusal({ revokedAt: null, expiresAt: later(1000), role, userStatus, organisationStatus }, now)).toBe(expected);
  });

  const ok = { role: "VENDOR" as const, userStatus: "ACTIVE" as const, organisationStatus: "ACTIVE" as const };
  it.each([
    ["revoked, even if unexpired", { revokedAt: later(-1), expiresAt: later(1000) }, "revoked"],
    ["expires exactly now", { revokedAt: null, expiresAt: now }, "expired"],
    ["expired a second ago", { revokedAt: null, expiresAt: later(-1000) }, "expired"],
    ["one millisecond left", { revokedAt: null, expiresAt: later(1) }, null],
    ["a calendar feed (no expiry)", { revokedAt: null, expiresAt: null }, null],
  ] as const)("%s", (_label, token, expected) => {
    expect(credentialRefusal({ ...token, ...ok }, now)).toBe(expected);
  });
  it("revocation wins over a suspended member (the reason recorded is the token's own)", () => {
    expect(credentialRefusal({ revokedAt: now, expiresAt: later(-1), role: "VENDOR", userStatus: "SUSPENDED", organisationStatus: "ACTIVE" }, now)).toBe("revoked");
    // Vendors must now have a second factor and this member has none: the credential stops.
    expect(credentialRefusal({ revokedAt: null, expiresAt: later(1000), role: "VENDOR", userStatus: "ACTIVE", organisationStatus: "ACTIVE", lacksRequiredSecondFactor: true }, now)).toBe("inactive");
  });
});

describe("mayHoldApiCredentials", () => {
  const v: VendorViewer = { kind: "vendor", userId: "u", email: "v@x.example", name: null, sessionId: "s", secondFactor: false, totpEnrolled: false, organisationId: "o", organisationName: "O", orgAdmin: false };
  const m: MaintainerViewer = { kind: "maintainer", userId: "m", email: "m@x.example", name: null, sessionId: "s", secondFactor: true, totpEnrolled: true };
  it.each([
    ["anonymous", ANONYMOUS, false, false],
    ["maintainer with second factor", m, false, false],
    ["vendor without TOTP, not required", v, false, true],
    ["vendor without TOTP, instance requires it", v, true, false],
    ["vendor with TOTP enrolled, not passed in this session", { ...v, totpEnrolled: true }, false, false],
    ["vendor with TOTP passed", { ...v, totpEnrolled: true, secondFactor: true }, true, true],
  ] as const)("%s → %s", (_label, viewer, requireTotp, expected) => {
    expect(mayHoldApiCredentials(viewer, requireTotp)).toBe(expected);
  });
});

describe("secrets", () => {
  it("API tokens and calendar secrets are 32 random bytes behind their own prefix, and hashed with their use", () => {
    const token = newApiTokenSecret();
    const feed = newCalendarSecret();
    expect(token).toMatch(/^fwt_[A-Za-z0-9_-]{43}$/);
    expect(feed).toMatch(/^fwc_[A-Za-z0-9_-]{43}$/);
    expect(newApiTokenSecret()).not.toBe(token);
    expect(hashApiToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiToken(token)).not.toContain(token.slice(4));
    // The same text never hashes alike for the two uses.
    expect(hashApiToken(token)).not.toBe(hashCalendarSecret(token));
    expect(tokenHint(token)).toBe(token.slice(0, 8));
  });
});

describe("parseBearer", () => {
  const token = `fwt_${"A".repeat(43)}`;
  it.each([
    [null, { kind: "missing" }],
    ["", { kind: "missing" }],
    ["   ", { kind: "missing" }],
    [`Bearer ${token}`, { kind: "token", secret: token }],
    [`bearer ${token}`, { kind: "token", secret: token }],
    [`Bearer  ${token} `, { kind: "token", secret: token }],
    [token, { kind: "malformed" }],
    [`Basic ${token}`, { kind: "malformed" }],
    [`Bearer ${token} ${token}`, { kind: "malformed" }],
    [`Bearer ${token}x`, { kind: "malformed" }],
    [`Bearer fwc_${"A".repeat(43)}`, { kind: "malformed" }],
    [`Bearer fwt_${"A".repeat(42)}=`, { kind: "malformed" }],
    ["Bearer " + "x".repeat(5000), { kind: "malformed" }],
  ])("%j → %j", (header, expected) => {
    expect(parseBearer(header)).toEqual(expected);
  });
});

describe("parseFeedFile", () => {
  const secret = `fwc_${"b".repeat(43)}`;
  it.each([
    [`${secret}.ics`, secret],
    [secret, null],
    [`${secret}.ICS`, null],
    [`fwt_${"b".repeat(43)}.ics`, null],
    ["../etc/passwd.ics", null],
    [".ics", null],
  ])("%s → %s", (file, expected) => {
    expect(parseFeedFile(file)).toBe(expected);
  });
  it("isSecret needs the exact prefix and length", () => {
    expect(isSecret(secret, "fwc_")).toBe(true);
    expect(isSecret(`${secret}a`, "fwc_")).toBe(false);
  });
});

describe("status and throttles", () => {
  it("tokenStatus", () => {
    expect(tokenStatus({ revokedAt: null, expiresAt: later(1) }, now)).toBe("active");
    expect(tokenStatus({ revokedAt: null, expiresAt: now }, now)).toBe("expired");
    expect(tokenStatus({ revokedAt: later(-5), expiresAt: later(-1) }, now)).toBe("revoked");
  });
  it("tokenExpiry counts whole days", () => {
    expect(tokenExpiry(now, 90).toISOString()).toBe("2027-02-27T12:00:00.000Z");
  });
  it("lastUsedAt is written at most once a minute", () => {
    expect(shouldTouch(null, now)).toBe(true);
    expect(shouldTouch(later(-59_999), now)).toBe(false);
    expect(shouldTouch(later(-60_000), now)).toBe(true);
  });
  it.each([
    ["first fetch", { at: null, ip: null }, "192.0.2.1", true],
    ["same address within the hour", { at: later(-3_599_000), ip: "192.0.2.1" }, "192.0.2.1", false],
    ["same address an hour later", { at: later(-3_600_000), ip: "192.0.2.1" }, "192.0.2.1", true],
    ["another address a minute later", { at: later(-60_000), ip: "192.0.2.1" }, "198.51.100.9", true],
  ] as const)("feed fetch audit: %s → %s", (_label, last, ip, expected) => {
    expect(shouldAuditFeedFetch(last, ip, now)).toBe(expected);
  });
});

describe("CreateApiTokenSchema", () => {
  it("defaults to 90 days and trims the name", () => {
    expect(CreateApiTokenSchema.parse({ label: "  tracker sync " })).toEqual({ label: "tracker sync", expiresInDays: 90 });
    expect(CreateApiTokenSchema.parse({ label: "ci", expiresInDays: "365" }).expiresInDays).toBe(365);
  });
  it.each([
    ["no name", { label: "  " }],
    ["a lifetime not offered", { label: "x", expiresInDays: "3650" }],
    ["a control character", { label: "a\nb" }],
    ["a bidi override", { label: "abc\u202Edef" }],
    ["a pasted token", { label: `my fwt_${"A".repeat(43)}` }],
    ["too long", { label: "x".repeat(81) }],
    ["an extra field (owner comes from the session)", { label: "x", userId: "someone-else" }],
  ])("refuses %s", (_label, input) => {
    expect(CreateApiTokenSchema.safeParse(input).success).toBe(false);
  });
});
