// Organisation admins: who an admin reaches, what they may do to whom, the last admin, invitations (role × target).
import { describe, expect, it } from "vitest";
import type { AccountStatus } from "@/generated/prisma/enums";
import { maintainer, vendor } from "@/test/viewers";
import { ANONYMOUS } from "@/lib/server/viewer-types";
import {
  adminReaches,
  awaitsApproval,
  colleagueChangeAllowed,
  colleagueInviteRefusal,
  colleagueStartsAs,
  isOrganisationAdmin,
  keepsAnAdmin,
  NOT_INVITABLE,
  type AdminFacts,
  type TargetFacts,
} from "./policy";

const v = vendor({ id: "a1", email: "a@acme.example" }, { id: "acme", name: "Acme" }, { orgAdmin: true });
const admin: AdminFacts = { userId: "a1", organisationId: "acme", isAdmin: true, status: "ACTIVE" };

describe("who is an organisation admin (from the database, not the viewer's flag)", () => {
  it.each([
    ["anonymous", ANONYMOUS, admin, false],
    ["maintainer", maintainer({ id: "a1", email: "m@p.example" }), admin, false],
    ["vendor, admin in the database", v, admin, true],
    ["vendor whose flag says admin, demoted in the database", v, { ...admin, isAdmin: false }, false],
    ["vendor, admin but suspended", v, { ...admin, status: "SUSPENDED" as AccountStatus }, false],
    ["vendor, admin of another organisation", v, { ...admin, organisationId: "globex" }, false],
    ["vendor, someone else's facts", v, { ...admin, userId: "x" }, false],
    ["vendor without a membership", v, null, false],
  ] as const)("%s → %s", (_l, viewer, facts, expected) => expect(isOrganisationAdmin(viewer, facts)).toBe(expected));
});

const target = (over: Partial<TargetFacts> = {}): TargetFacts => ({ userId: "c1", role: "VENDOR", organisationId: "acme", status: "ACTIVE", isAdmin: false, ...over });

describe("whom an admin reaches: their own organisation's vendor members only", () => {
  it.each([
    ["a colleague", target(), true],
    ["a colleague awaiting approval", target({ status: "PENDING" }), true],
    ["another admin of the same organisation", target({ isAdmin: true }), true],
    ["themselves", target({ userId: "a1", isAdmin: true }), true],
    ["a member of another organisation", target({ organisationId: "globex" }), false],
    ["a maintainer", target({ role: "MAINTAINER", organisationId: null }), false],
    ["a vendor without organisation", target({ organisationId: null }), false],
    ["nobody", null, false],
  ] as const)("%s → %s", (_l, t, expected) => expect(adminReaches(admin, t)).toBe(expected));
});

describe("what an admin may do to a colleague", () => {
  const table: Array<[string, TargetFacts, "SUSPENDED" | "REMOVED", number, boolean]> = [
    ["suspend an active colleague", target(), "SUSPENDED", 1, true],
    ["remove an active colleague", target(), "REMOVED", 1, true],
    ["suspend an invited colleague", target({ status: "INVITED" }), "SUSPENDED", 1, true],
    ["cancel a colleague awaiting approval", target({ status: "PENDING" }), "REMOVED", 1, true],
    ["suspend a colleague awaiting approval", target({ status: "PENDING" }), "SUSPENDED", 1, false],
    ["suspend a suspended colleague", target({ status: "SUSPENDED" }), "SUSPENDED", 1, false],
    ["remove a suspended colleague", target({ status: "SUSPENDED" }), "REMOVED", 1, true],
    ["remove a removed colleague", target({ status: "REMOVED" }), "REMOVED", 1, false],
    ["remove another admin (I stay)", target({ isAdmin: true }), "REMOVED", 1, true],
    ["suspend themselves", target({ userId: "a1", isAdmin: true }), "SUSPENDED", 1, false],
    ["remove themselves with another admin left", target({ userId: "a1", isAdmin: true }), "REMOVED", 1, true],
    ["remove themselves as the last admin", target({ userId: "a1", isAdmin: true }), "REMOVED", 0, false],
  ];
  it.each(table)("%s → %s", (_l, t, to, left, ok) => expect(colleagueChangeAllowed(admin, t, to, left).ok).toBe(ok));
  it("says why the last admin stays", () => {
    expect(colleagueChangeAllowed(admin, target({ userId: "a1", isAdmin: true }), "REMOVED", 0)).toEqual({ ok: false, reason: "This is the organisation's last admin. Make another member admin first." });
  });
});

describe("the last admin stays, whoever asks", () => {
  const table: Array<[string, { isAdmin: boolean; status: AccountStatus }, "REMOVED" | "SUSPENDED" | "DEMOTED", number, "maintainer" | "admin", boolean]> = [
    ["maintainer removes the last admin", { isAdmin: true, status: "ACTIVE" }, "REMOVED", 0, "maintainer", false],
    ["maintainer demotes the last admin", { isAdmin: true, status: "ACTIVE" }, "DEMOTED", 0, "maintainer", false],
    ["maintainer suspends the last admin (compromised account)", { isAdmin: true, status: "ACTIVE" }, "SUSPENDED", 0, "maintainer", true],
    ["maintainer removes one of two admins", { isAdmin: true, status: "ACTIVE" }, "REMOVED", 1, "maintainer", true],
    ["maintainer removes a suspended admin", { isAdmin: true, status: "SUSPENDED" }, "REMOVED", 0, "maintainer", true],
    ["maintainer removes a member who is not an admin", { isAdmin: false, status: "ACTIVE" }, "REMOVED", 0, "maintainer", true],
    ["admin suspends the last admin", { isAdmin: true, status: "ACTIVE" }, "SUSPENDED", 0, "admin", false],
    ["admin removes the last (invited) admin", { isAdmin: true, status: "INVITED" }, "REMOVED", 0, "admin", false],
  ];
  it.each(table)("%s → %s", (_l, t, change, left, by, ok) => expect(keepsAnAdmin(t, change, left, by).ok).toBe(ok));
});

describe("inviting a colleague", () => {
  it.each([
    ["a new address", null, null],
    ["a member of my organisation", { organisationId: "acme", status: "ACTIVE" as AccountStatus }, "This person is already a member of your organisation."],
    ["someone awaiting approval here", { organisationId: "acme", status: "PENDING" as AccountStatus }, "This person is already a member of your organisation."],
    ["someone removed from my organisation", { organisationId: "acme", status: "REMOVED" as AccountStatus }, NOT_INVITABLE],
    ["a member of another organisation", { organisationId: "globex", status: "ACTIVE" as AccountStatus }, NOT_INVITABLE],
    ["someone removed from another organisation", { organisationId: "globex", status: "REMOVED" as AccountStatus }, NOT_INVITABLE],
    ["a maintainer", { organisationId: null, status: "ACTIVE" as AccountStatus }, NOT_INVITABLE],
  ] as const)("%s → %s", (_l, existing, expected) => expect(colleagueInviteRefusal("acme", existing)).toBe(expected));
  it("the refusal for anyone outside names nothing", () => expect(NOT_INVITABLE).not.toMatch(/globex|organisation named|belongs/i));
  it.each([
    [true, "PENDING"],
    [false, "INVITED"],
  ] as const)("approval required %s → starts %s", (approve, status) => expect(colleagueStartsAs(approve)).toBe(status));
  it("only a person awaiting approval can be approved or declined", () => {
    expect((["PENDING", "INVITED", "ACTIVE", "SUSPENDED", "REMOVED"] as AccountStatus[]).filter(awaitsApproval)).toEqual(["PENDING"]);
  });
});
