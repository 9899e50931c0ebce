import { describe, expect, it } from "vitest";
import { ANONYMOUS, type MaintainerViewer, type VendorViewer } from "@/lib/server/viewer-types";
import { actionAllowed, canManageNotices, canPreAnnounce, canTraceLeaks, checkEmbargo, formatReference, needToKnowGrants, noticeScope, preAnnouncementRefusal, vendorMayRespond, type NoticeAction } from "./policy";
import { NoticeDraftSchema } from "./schemas";

const base = { userId: "u1", email: "e@x.example", name: null, sessionId: "s", totpEnrolled: true };
const maintainer: MaintainerViewer = { ...base, kind: "maintainer", secondFactor: true };
const vendor: VendorViewer = { ...base, kind: "vendor", secondFactor: false, organisationId: "orgA", organisationName: "Acme", orgAdmin: false };

describe("who runs notices", () => {
  it.each([
    ["maintainer with second factor", maintainer, true],
    ["maintainer without second factor", { ...maintainer, secondFactor: false }, false],
    ["vendor", vendor, false],
    ["anonymous", ANONYMOUS, false],
  ] as const)("%s → %s", (_, viewer, expected) => expect(canManageNotices(viewer)).toBe(expected));
});

describe("who may trace a leaked copy", () => {
  it.each([
    ["maintainer with second factor", maintainer, true],
    ["maintainer without second factor", { ...maintainer, secondFactor: false }, false],
    ["vendor", vendor, false],
    ["vendor organisation admin", { ...vendor, orgAdmin: true, secondFactor: true }, false],
    ["anonymous", ANONYMOUS, false],
  ] as const)("%s → %s", (_, viewer, expected) => expect(canTraceLeaks(viewer)).toBe(expected));
});

describe("what a viewer's notice scope contains", () => {
  it("maintainers: everything; nobody else but vendors: nothing", () => {
    expect(noticeScope(maintainer)).toEqual({});
    expect(noticeScope({ ...maintainer, secondFactor: false })).toBeNull();
    expect(noticeScope(ANONYMOUS)).toBeNull();
  });
  it("vendors: embargoed or disclosed, addressed to their organisation and not removed from it, organisation and member active, within need-to-know", () => {
    expect(noticeScope(vendor)).toEqual({
      state: { in: ["EMBARGOED", "DISCLOSED"] },
      recipients: {
        some: {
          organisationId: "orgA",
          removedAt: null,
          organisation: { status: "ACTIVE", memberships: { some: { userId: "u1", user: { status: "ACTIVE" } } } },
          OR: [{ restricted: false }, { accessGrants: { some: { userId: "u1" } } }, { organisation: { memberships: { some: { userId: "u1", isAdmin: true } } } }],
        },
      },
    });
  });
});

describe("actions by state", () => {
  const states = ["DRAFT", "EMBARGOED", "DISCLOSED", "WITHDRAWN"] as const;
  const table: Record<NoticeAction, (typeof states)[number][]> = {
    edit: ["DRAFT"],
    send: ["DRAFT"],
    "delete-draft": ["DRAFT"],
    revise: ["EMBARGOED"],
    "change-date": ["EMBARGOED"],
    "end-embargo": ["EMBARGOED"],
    withdraw: ["DRAFT", "EMBARGOED", "DISCLOSED"],
  };
  for (const [action, allowed] of Object.entries(table)) {
    it.each(states)(`${action} when %s`, (state) => expect(actionAllowed(state, action as NoticeAction)).toBe(allowed.includes(state)));
  }
  it.each([
    ["DRAFT", false],
    ["EMBARGOED", true],
    ["DISCLOSED", true],
    ["WITHDRAWN", false],
  ] as const)("vendors respond when %s → %s", (state, expected) => expect(vendorMayRespond(state)).toBe(expected));
});

describe("embargo policy", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
  it("refuses the past and more than 14 days without a reason", () => {
    expect(checkEmbargo({ now, disclosureAt: at(-1), attachments: 1, overrideReason: null }).blocking).toMatch(/in the past/);
    expect(checkEmbargo({ now, disclosureAt: at(15 * 24), attachments: 1, overrideReason: null }).blocking).toMatch(/more than 14 days/);
    expect(checkEmbargo({ now, disclosureAt: at(15 * 24), attachments: 1, overrideReason: "coordinated with CERT" })).toEqual({ blocking: null, warnings: ["Longer than the 14-day maximum, by exception: coordinated with CERT"] });
  });
  it("warns above 7 days, under 24 hours, and without a patch", () => {
    expect(checkEmbargo({ now, disclosureAt: at(5 * 24), attachments: 1, overrideReason: null })).toEqual({ blocking: null, warnings: [] });
    expect(checkEmbargo({ now, disclosureAt: at(8 * 24), attachments: 1, overrideReason: null }).warnings).toEqual([expect.stringMatching(/more than 7 days/)]);
    expect(checkEmbargo({ now, disclosureAt: at(10), attachments: 0, overrideReason: null }).warnings).toEqual([expect.stringMatching(/Less than 24 hours/), expect.stringMatching(/No patch/)]);
  });
  it("counts the maximum from sending when the date moves", () => {
    const sentAt = new Date(now.getTime() - 10 * 24 * 3_600_000);
    expect(checkEmbargo({ now, disclosureAt: at(5 * 24), attachments: 1, overrideReason: null, sentAt }).blocking).toMatch(/more than 14 days from sending/);
  });
});

describe("references and inputs", () => {
  it("formats references with four digits", () => {
    expect(formatReference(2026, 7)).toBe("FW-2026-0007");
    expect(formatReference(2027, 12345)).toBe("FW-2027-12345");
  });
  const valid = { title: "Heap overflow", disclosureAt: "2026-12-08T14:00Z" };
  it("validates CVE IDs, CWE, the CVSS vector and the audience, with messages that say what is expected", () => {
    expect(NoticeDraftSchema.parse({ ...valid, cveIds: "cve-2026-1234, CVE-2026-1234", relatedCveIds: "CVE-2025-99999 cve-2024-1111", cwe: "787" })).toMatchObject({ cveIds: ["CVE-2026-1234"], relatedCveIds: ["CVE-2025-99999", "CVE-2024-1111"], cwe: "CWE-787" });
    const bad = NoticeDraftSchema.safeParse({ ...valid, cveIds: "CVE-26-1", cwe: "overflow", cvssVector: "CVSS:4.0/AV:N", audience: "SELECTED" });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([expect.stringMatching(/^cveIds: CVE-26-1 is not a CVE ID/), expect.stringMatching(/^cwe: Write the weakness like CWE-787/), expect.stringMatching(/^cvssVector: The base metrics AC, AT, PR, UI, VC, VI, VA, SC, SI, SA are missing/)]),
    );
    expect(NoticeDraftSchema.safeParse({ ...valid, audience: "SELECTED" }).error?.issues[0]?.message).toMatch(/Choose at least one organisation/);
    expect(NoticeDraftSchema.safeParse({ ...valid, disclosureAt: "2026-12-08 14:00" }).error?.issues[0]?.message).toMatch(/with its zone/);
    expect(NoticeDraftSchema.safeParse({ ...valid, extra: "x" }).success).toBe(false);
  });
});

describe("need-to-know grants: an admin's choice × who the members are", () => {
  const members = [
    { userId: "admin", isAdmin: true, status: "ACTIVE" },
    { userId: "b", isAdmin: false, status: "ACTIVE" },
    { userId: "c", isAdmin: false, status: "INVITED" },
    { userId: "p", isAdmin: false, status: "PENDING" },
    { userId: "s", isAdmin: false, status: "SUSPENDED" },
  ];
  it.each([
    ["nobody ticked", [], []],
    ["an active and an invited member", ["b", "c"], ["b", "c"]],
    ["an admin (needs no grant)", ["admin", "b"], ["b"]],
    ["the same member twice", ["b", "b"], ["b"]],
    ["a member awaiting approval", ["p"], null],
    ["a suspended member", ["s"], null],
    ["someone of another organisation", ["b", "stranger"], null],
  ] as const)("%s → %j", (_l, chosen, expected) => expect(needToKnowGrants(members, chosen)).toEqual(expected));
});

describe("who may pre-announce a notice", () => {
  it.each([
    ["maintainer with second factor", maintainer, true],
    ["maintainer without second factor", { ...maintainer, secondFactor: false }, false],
    ["vendor member", vendor, false],
    ["vendor member with second factor", { ...vendor, secondFactor: true }, false],
    ["reporter", { ...base, kind: "reporter" as const, secondFactor: true }, false],
    ["anonymous", ANONYMOUS, false],
  ] as const)("%s → %s", (_, viewer, expected) => expect(canPreAnnounce(viewer)).toBe(expected));
});

describe("which notices can be pre-announced", () => {
  const now = new Date("2026-12-03T12:00:00Z");
  const later = new Date("2026-12-10T14:00:00Z");
  it.each([
    ["DRAFT", true, later, /^A draft cannot be pre-announced: its disclosure time is not fixed until it is sent/],
    ["EMBARGOED", true, later, null],
    ["EMBARGOED", false, later, /^Rate the notice's severity first/],
    ["EMBARGOED", true, now, /^The disclosure time has passed/],
    ["DISCLOSED", true, later, /^This notice is disclosed/],
    ["WITHDRAWN", true, later, /^This notice was withdrawn/],
    ["SOMETHING_NEW", true, later, /^This notice cannot be pre-announced\.$/],
  ] as const)("%s, rated %s → %s", (state, rated, disclosureAt, expected) => {
    const refusal = preAnnouncementRefusal({ state, rated, disclosureAt }, now);
    if (expected === null) expect(refusal).toBeNull();
    else expect(refusal).toMatch(expected);
  });
});
