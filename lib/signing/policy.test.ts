import { describe, expect, it } from "vitest";
import { ANONYMOUS } from "@/lib/server/viewer-types";
import { maintainer, reporter, vendor } from "@/test/viewers";
import { canManageProjectKey, isPublished, replacementNotice, signingState } from "./policy";

const user = { id: "u1", email: "m@project.example" };
const now = new Date("2026-12-03T12:00:00Z");
const FPR = "0123456789ABCDEF0123456789ABCDEF01234567";

describe("canManageProjectKey", () => {
  it.each([
    ["a maintainer with their second factor", maintainer(user), true],
    ["a maintainer without it", maintainer(user, { secondFactor: false }), false],
    ["an organisation admin", vendor(user, { id: "o1", name: "Org" }, { orgAdmin: true, secondFactor: true }), false],
    ["a reporter", reporter(user), false],
    ["anonymous", ANONYMOUS, false],
  ] as const)("%s: %s", (_who, viewer, expected) => {
    expect(canManageProjectKey(viewer)).toBe(expected);
  });
});

describe("signingState", () => {
  it.each([
    ["no key ever: off", { active: null, anyKey: false, lastRevokedAt: null }, { on: false, fingerprint: null, problem: null }],
    ["an active key without expiry", { active: { fingerprint: FPR, expiresAt: null }, anyKey: true, lastRevokedAt: null }, { on: true, fingerprint: FPR, problem: null }],
    ["an active key expiring later", { active: { fingerprint: FPR, expiresAt: new Date("2027-01-01T00:00:00Z") }, anyKey: true, lastRevokedAt: null }, { on: true, fingerprint: FPR, problem: null }],
    ["an active key that expired", { active: { fingerprint: FPR, expiresAt: new Date("2026-12-01T00:00:00Z") }, anyKey: true, lastRevokedAt: null }, { on: true, fingerprint: FPR, problem: expect.stringMatching(/expired on 2026-12-01 \(UTC\).*Settings → OpenPGP key/) }],
    ["keys but none active, one revoked", { active: null, anyKey: true, lastRevokedAt: new Date("2026-11-30T10:00:00Z") }, { on: true, fingerprint: null, problem: expect.stringMatching(/revoked on 2026-11-30 \(UTC\) and no new key is active/) }],
    ["keys but none active", { active: null, anyKey: true, lastRevokedAt: null }, { on: true, fingerprint: null, problem: expect.stringMatching(/no active OpenPGP key.*nothing is sent/) }],
  ] as const)("%s", (_case, input, expected) => {
    expect(signingState(input, now)).toEqual(expected);
  });

  it("never names anything but the fingerprint and dates", () => {
    const state = signingState({ active: { fingerprint: FPR, expiresAt: new Date("2026-12-01T00:00:00Z") }, anyKey: true, lastRevokedAt: null }, now);
    expect(state.problem).not.toMatch(/BEGIN PGP|PRIVATE/);
  });
});

describe("isPublished", () => {
  it.each([
    ["the active key", { status: "ACTIVE", publishUntil: null }, true],
    ["a retired key within its overlap", { status: "RETIRED", publishUntil: new Date("2027-01-01T00:00:00Z") }, true],
    ["a retired key without an end", { status: "RETIRED", publishUntil: null }, true],
    ["a retired key after its overlap", { status: "RETIRED", publishUntil: new Date("2026-12-03T11:59:59Z") }, false],
    ["a revoked key (verifiers must learn of it)", { status: "REVOKED", publishUntil: new Date("2020-01-01T00:00:00Z") }, true],
  ] as const)("%s: %s", (_case, key, expected) => {
    expect(isPublished(key, now)).toBe(expected);
  });
});

describe("replacementNotice", () => {
  const REPORT = "FEDCBA9876543210FEDCBA9876543210FEDCBA98";
  it.each([
    ["the first key, no report key", { activeFingerprint: null, reportKeyFingerprint: null, importing: false }, null],
    ["the first key while reports use a Settings key", { activeFingerprint: null, reportKeyFingerprint: REPORT, importing: false }, /Reports are encrypted today to the report key in Settings, FEDC BA98 .*From now on they will be encrypted to the new key instead, whose private key stays sealed on this server: the maintainers cannot decrypt those reports with the key they hold\. To keep it, import that key's private key/],
    ["importing while reports use a Settings key", { activeFingerprint: null, reportKeyFingerprint: REPORT, importing: true }, /encrypted to the imported key instead \(unless it is that key's private key\), and the maintainers decrypt them with its private key/],
    ["a rotation", { activeFingerprint: FPR, reportKeyFingerprint: REPORT, importing: false }, /The current key 0123 4567 .* will be retired: it stops signing and stays published for the overlap/],
  ] as const)("%s", (_case, input, expected) => {
    const notice = replacementNotice(input);
    if (expected === null) expect(notice).toBeNull();
    else expect(notice).toMatch(expected);
  });
});
