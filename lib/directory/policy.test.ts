import { describe, expect, it } from "vitest";
import type { AccountStatus } from "@/generated/prisma/enums";
import { maintainer, vendor } from "@/test/viewers";
import { ANONYMOUS } from "@/lib/server/viewer-types";
import { audienceCounts, MAIL_ADDRESSES_SELECT, mailAddresses } from "@/lib/mail/addresses";
import { canViewDirectory, endsSessions, mayBeInvited, mayRemoveMaintainer, memberTransitionAllowed } from "./policy";

const m = maintainer({ id: "m1", email: "m@p.example" });
const v = vendor({ id: "v1", email: "v@a.example" }, { id: "o1", name: "Acme" });

describe("directory visibility: role × second factor", () => {
  it.each([
    ["anonymous", ANONYMOUS, false],
    ["vendor", v, false],
    ["vendor with 2FA", { ...v, secondFactor: true, totpEnrolled: true }, false],
    ["maintainer without 2FA", { ...m, secondFactor: false }, false],
    ["maintainer", m, true],
  ] as const)("%s → %s", (_l, viewer, expected) => expect(canViewDirectory(viewer)).toBe(expected));
});

describe("member transitions", () => {
  const table: Array<[AccountStatus, "ACTIVE" | "SUSPENDED" | "REMOVED", boolean]> = [
    ["INVITED", "ACTIVE", false],
    ["INVITED", "SUSPENDED", true],
    ["INVITED", "REMOVED", true],
    ["ACTIVE", "ACTIVE", false],
    ["ACTIVE", "SUSPENDED", true],
    ["ACTIVE", "REMOVED", true],
    ["SUSPENDED", "ACTIVE", true],
    ["SUSPENDED", "SUSPENDED", false],
    ["SUSPENDED", "REMOVED", true],
    ["REMOVED", "ACTIVE", false],
    ["REMOVED", "SUSPENDED", false],
    ["REMOVED", "REMOVED", false],
  ];
  it.each(table)("%s → %s: %s", (from, to, expected) => expect(memberTransitionAllowed(from, to)).toBe(expected));
  it("suspended and removed end sessions", () => {
    expect(["INVITED", "ACTIVE", "SUSPENDED", "REMOVED"].filter((s) => endsSessions(s as AccountStatus))).toEqual(["SUSPENDED", "REMOVED"]);
  });
});

describe("removing maintainers", () => {
  it.each([
    ["another, with others left", "m2", 2, true],
    ["another, leaving only me", "m2", 1, true],
    ["myself", "m1", 2, false],
    ["the last active one", "m2", 0, false],
  ] as const)("%s", (_l, target, active, ok) => expect(mayRemoveMaintainer(m, target, active).ok).toBe(ok));
  it("vendors cannot", () => expect(mayRemoveMaintainer(v, "m2", 3).ok).toBe(false));
});

describe("where an organisation's notice email goes", () => {
  const at = new Date("2026-12-01T10:00:00Z");
  const org = {
    roleAddress: "security@acme.example",
    memberships: [
      { userId: "ann", isAdmin: true, user: { email: "ann@acme.example", lastSignInAt: at } },
      { userId: "bob", isAdmin: false, user: { email: "bob@acme.example", lastSignInAt: at } },
      { userId: "ivy", isAdmin: false, user: { email: "ivy@acme.example", lastSignInAt: null } },
    ],
  };

  it("every member the select returns (invited or active), then the role address, each once, with who they are", () => {
    expect(MAIL_ADDRESSES_SELECT.memberships.where).toEqual({ user: { status: { in: ["INVITED", "ACTIVE"] } } });
    expect(mailAddresses(org)).toEqual([
      { to: "ann@acme.example", kind: "member" },
      { to: "bob@acme.example", kind: "member" },
      { to: "ivy@acme.example", kind: "new-member" },
      { to: "security@acme.example", kind: "role-address" },
    ]);
    // A role address that is also a member's address gets one email, as that member.
    expect(mailAddresses({ ...org, roleAddress: "BOB@acme.example" }).map((a) => a.to)).toEqual(["ann@acme.example", "bob@acme.example", "ivy@acme.example"]);
    expect(mailAddresses({ roleAddress: null, memberships: [] })).toEqual([]);
  });

  it("a need-to-know restriction keeps the admins and the chosen members, and not the shared role address", () => {
    expect(mailAddresses(org, { restricted: true, grantedUserIds: ["ivy"] }).map((a) => a.to)).toEqual(["ann@acme.example", "ivy@acme.example"]);
    expect(mailAddresses(org, { restricted: true, grantedUserIds: [] }).map((a) => a.to)).toEqual(["ann@acme.example"]);
    // A member left out whose address is also the role address gets nothing either way.
    expect(mailAddresses({ ...org, roleAddress: "bob@acme.example" }, { restricted: true, grantedUserIds: [] }).map((a) => a.to)).toEqual(["ann@acme.example"]);
    expect(mailAddresses(org, { restricted: false, grantedUserIds: [] })).toHaveLength(4);
  });

  it("counts what a maintainer reads before sending; the total is the number of emails", () => {
    expect(audienceCounts(mailAddresses(org))).toEqual({ people: 3, notSignedIn: 1, roleAddress: true, emails: 4 });
    expect(audienceCounts([])).toEqual({ people: 0, notSignedIn: 0, roleAddress: false, emails: 0 });
  });
});

describe("who may be sent an invitation", () => {
  const people: AccountStatus[] = ["PENDING", "INVITED", "ACTIVE", "SUSPENDED", "REMOVED"];
  const orgs = ["INVITED", "ACTIVE", "SUSPENDED", "REMOVED"] as const;
  it.each(people.flatMap((p) => orgs.map((o) => [p, o, p === "INVITED" && (o === "INVITED" || o === "ACTIVE")] as const)))("person %s in organisation %s → %s", (person, org, expected) => {
    expect(mayBeInvited(person, org)).toBe(expected);
  });
});
