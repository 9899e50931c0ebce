import { describe, expect, it } from "vitest";
import type { AccountStatus, OrganisationStatus } from "@/generated/prisma/enums";
import { maySignIn, mayEnter, secondFactorRequired, sessionExpired } from "./policy";
import type { MaintainerViewer, VendorViewer } from "@/lib/server/viewer-types";
import { ANONYMOUS } from "@/lib/server/viewer-types";

const PERSON: AccountStatus[] = ["PENDING", "INVITED", "ACTIVE", "SUSPENDED", "REMOVED"];
const ORG: OrganisationStatus[] = ["INVITED", "ACTIVE", "SUSPENDED", "REMOVED"];

describe("maySignIn: role × member status × organisation status", () => {
  const table: Array<[string, AccountStatus, OrganisationStatus | null, boolean]> = [];
  for (const person of PERSON) {
    table.push(["MAINTAINER", person, null, person === "INVITED" || person === "ACTIVE"]);
    table.push(["VENDOR", person, null, false]);
    // A reporter's account: only once its address is proven (a confirmed report, or a maintainer entered it).
    table.push(["REPORTER", person, null, person === "ACTIVE"]);
    for (const org of ORG) {
      table.push(["VENDOR", person, org, (person === "INVITED" || person === "ACTIVE") && (org === "INVITED" || org === "ACTIVE")]);
    }
  }
  it.each(table)("%s person=%s org=%s → %s", (role, status, organisationStatus, expected) => {
    expect(maySignIn({ role: role as "MAINTAINER" | "VENDOR" | "REPORTER", status, organisationStatus })).toBe(expected);
  });
});

describe("sessionExpired", () => {
  const limits = { idleMs: 60 * 60_000, maxMs: 12 * 3_600_000 };
  const t0 = new Date("2026-11-22T00:00:00Z");
  const at = (ms: number) => new Date(t0.getTime() + ms);
  const session = (lastSeenMs: number) => ({ createdAt: t0, lastSeenAt: at(lastSeenMs), absoluteExpiresAt: at(limits.maxMs) });
  it.each([
    ["fresh", session(0), at(60_000), false],
    ["idle just under the limit", session(0), at(limits.idleMs - 1), false],
    ["idle at the limit", session(0), at(limits.idleMs), true],
    ["active but past the absolute limit", session(limits.maxMs - 1000), at(limits.maxMs), true],
    ["active, well inside both", session(5 * 3_600_000), at(5.5 * 3_600_000), false],
  ])("%s", (_label, s, now, expected) => {
    expect(sessionExpired(s, limits, now)).toBe(expected);
  });
  it("a shortened maximum applies to sessions created before", () => {
    expect(sessionExpired(session(3_600_000 * 2 - 1), { idleMs: limits.idleMs, maxMs: 2 * 3_600_000 }, at(2 * 3_600_000))).toBe(true);
  });
});

describe("second factor", () => {
  it.each([
    ["MAINTAINER", false, false, true],
    ["VENDOR", false, false, false],
    ["VENDOR", true, false, true],
    ["VENDOR", false, true, true],
  ] as const)("%s enrolled=%s instanceRequires=%s → %s", (role, enrolled, required, expected) => {
    expect(secondFactorRequired(role, enrolled, required)).toBe(expected);
  });
});

describe("mayEnter: role × second factor × area", () => {
  const base = { userId: "u", email: "e@x.org", name: null, sessionId: "s" };
  const m = (secondFactor: boolean): MaintainerViewer => ({ ...base, kind: "maintainer", secondFactor, totpEnrolled: true });
  const v = (secondFactor: boolean, totpEnrolled: boolean): VendorViewer => ({ ...base, kind: "vendor", secondFactor, totpEnrolled, organisationId: "o", organisationName: "O", orgAdmin: false });
  it.each([
    ["anonymous", ANONYMOUS, "maintainer", false, false],
    ["anonymous", ANONYMOUS, "account", false, false],
    ["maintainer without 2FA", m(false), "maintainer", false, false],
    ["maintainer without 2FA", m(false), "account", false, false],
    ["maintainer", m(true), "maintainer", false, true],
    ["maintainer", m(true), "vendor", false, false],
    ["maintainer", m(true), "account", false, true],
    ["vendor", v(false, false), "vendor", false, true],
    ["vendor", v(false, false), "maintainer", false, false],
    ["vendor", v(false, false), "vendor", true, false],
    ["vendor with 2FA", v(true, true), "vendor", true, true],
    ["vendor enrolled, not verified", v(false, true), "vendor", false, false],
  ] as const)("%s → %s (instance requires vendor TOTP: %s) = %s", (_label, viewer, area, required, expected) => {
    expect(mayEnter(viewer, area, required)).toBe(expected);
  });
});
