// The two-person rule's pure rules as tables: what is covered, when an action must wait, and who may decide a request.
import { describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/server/viewer-types";
import { maintainer, reporter, vendor } from "@/test/viewers";
import { ANONYMOUS } from "@/lib/server/viewer-types";
import { APPROVAL_KINDS, closedReason, COLLECT_WINDOW_MS, collectUntil, coveredKinds, mayCollect, DEFAULT_COVERED, INVITE_KIND, isOpen, mayDecide, needsApproval, POLICY_KIND } from "./policy";
import { approvalRequestMail, breakGlassMail } from "./mail";
import { ApprovalSettingsSchema, approvalWhy } from "./schemas";

const now = new Date("2026-12-03T12:00:00Z");
const later = new Date("2026-12-04T12:00:00Z");
const earlier = new Date("2026-12-02T12:00:00Z");
const asker = maintainer({ id: "u-asker", email: "a@project.example" });
const other = maintainer({ id: "u-other", email: "b@project.example" });

describe("coveredKinds", () => {
  it.each([
    ["no saved settings, no maintainer who could approve", null, 0, "auto", []],
    ["no saved settings, one maintainer", null, 1, "auto", []],
    ["no saved settings, two maintainers", null, 2, "auto", [...DEFAULT_COVERED]],
    ["no saved settings, thirty maintainers", null, 30, "auto", [...DEFAULT_COVERED]],
    ["no saved settings, instance default off (the e2e instance)", null, 30, "off", []],
    ["saved: exactly what was saved, with one maintainer too", { covered: ["notice.withdraw"] }, 1, "auto", ["notice.withdraw"]],
    ["saved empty wins over the defaults", { covered: [] }, 5, "auto", []],
    ["saved wins over the instance default", { covered: ["notice.send"] }, 5, "off", ["notice.send"]],
    ["unknown kinds in the row are ignored", { covered: ["notice.send", "nuke.everything"] }, 5, "auto", ["notice.send"]],
  ] as const)("%s", (_name, saved, eligible, instance, expected) => {
    expect(coveredKinds(saved, eligible, instance)).toEqual(expected);
  });

  it("the defaults are send, end early and date change", () => {
    expect([...DEFAULT_COVERED].sort()).toEqual(["notice.change-date", "notice.end-embargo", "notice.send"]);
  });
});

describe("needsApproval", () => {
  it.each([
    ["covered, another maintainer could approve", "notice.send", ["notice.send"], 1, true],
    ["covered, nobody else could approve: runs at once", "notice.send", ["notice.send"], 0, false],
    ["not covered", "notice.withdraw", ["notice.send"], 3, false],
    ["changing the rule while it covers anything", POLICY_KIND, ["notice.send"], 1, true],
    ["changing the rule while it covers nothing", POLICY_KIND, [], 1, false],
    // Who can approve is guarded with the rule: a second account of one's own, or the last other approver removed.
    ["inviting a maintainer while the rule covers anything", INVITE_KIND, ["notice.send"], 1, true],
    ["removing a maintainer while the rule covers anything, even unchosen", "directory.remove-maintainer", ["notice.send"], 1, true],
    ["inviting a maintainer while the rule covers nothing", INVITE_KIND, [], 1, false],
  ] as const)("%s", (_name, kind, covered, others, expected) => {
    expect(needsApproval(kind, covered, others)).toBe(expected);
  });

  it("every kind the issue lists can be chosen", () => {
    expect(APPROVAL_KINDS).toEqual(expect.arrayContaining(["notice.send", "notice.add-recipients", "notice.change-date", "notice.end-embargo", "notice.withdraw", "notice.publish-attachment", "settings.update", "directory.remove-maintainer", "directory.export"]));
  });
});

describe("mayDecide: who may approve or decline what", () => {
  const open = { status: "PENDING", requestedById: asker.userId, expiresAt: later };
  const org = { id: "o1", name: "Acme" };
  const rows: Array<[string, Viewer, { status: string; requestedById: string; expiresAt: Date }, boolean, RegExp?]> = [
    ["another maintainer with the second factor, open request", other, open, true],
    ["the requester themselves", asker, open, false, /another maintainer/],
    ["a maintainer without the second factor", { ...other, secondFactor: false }, open, false, /second factor/],
    ["a vendor member", vendor({ id: "v", email: "v@acme.example" }, org), open, false, /maintainer/],
    ["an organisation admin", vendor({ id: "v", email: "v@acme.example" }, org, { orgAdmin: true, secondFactor: true }), open, false, /maintainer/],
    ["a reporter", reporter({ id: "r", email: "r@x.example" }), open, false, /maintainer/],
    ["anonymous", ANONYMOUS, open, false, /maintainer/],
    ["expired (still PENDING in the row)", other, { ...open, expiresAt: earlier }, false, /expired/],
    ["expiring exactly now", other, { ...open, expiresAt: now }, false, /expired/],
    ["already approved and done", other, { ...open, status: "EXECUTED" }, false, /already approved/],
    ["being done by another approver", other, { ...open, status: "EXECUTING" }, false, /already approved/],
    ["declined", other, { ...open, status: "DECLINED" }, false, /declined/],
    ["void", other, { ...open, status: "VOID" }, false, /void/],
    ["expired", other, { ...open, status: "EXPIRED" }, false, /expired/],
  ];
  it.each(rows)("%s", (_name, viewer, request, ok, reason) => {
    const verdict = mayDecide(viewer, request, now);
    expect(verdict.ok).toBe(ok);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason!);
  });

  it("isOpen: pending and before its expiry only", () => {
    expect(isOpen(open, now)).toBe(true);
    expect(isOpen({ ...open, expiresAt: earlier }, now)).toBe(false);
    expect(isOpen({ ...open, status: "DECLINED" }, now)).toBe(false);
    expect(closedReason("FAILED")).toMatch(/already approved/);
  });
});

describe("mayCollect: who downloads an approved directory export, and until when", () => {
  const approvedAt = new Date(now.getTime() - 10 * 60_000);
  const approved = { kind: "directory.export", status: "EXECUTED", requestedById: asker.userId, executedAt: approvedAt, collectedAt: null };
  const org = { id: "o1", name: "Acme" };
  const rows: Array<[string, Viewer, typeof approved | (Omit<typeof approved, "collectedAt" | "executedAt"> & { collectedAt: Date | null; executedAt: Date | null }), boolean, RegExp]> = [
    ["the requester, approved ten minutes ago", asker, approved, true, /./],
    ["the approver (not the requester)", other, approved, false, /^Not found\.$/],
    ["the requester without the second factor", { ...asker, secondFactor: false }, approved, false, /^Not found\.$/],
    ["a vendor member with the requester's id", vendor({ id: asker.userId, email: "v@acme.example" }, org), approved, false, /^Not found\.$/],
    ["anonymous", ANONYMOUS, approved, false, /^Not found\.$/],
    ["a request of another kind", asker, { ...approved, kind: "notice.send" }, false, /^Not found\.$/],
    ["already downloaded", asker, { ...approved, collectedAt: approvedAt }, false, /already downloaded/],
    ["still waiting for approval", asker, { ...approved, status: "PENDING", executedAt: null }, false, /still waiting/],
    ["declined", asker, { ...approved, status: "DECLINED", executedAt: null }, false, /declined/],
    ["void", asker, { ...approved, status: "VOID", executedAt: null }, false, /void/],
    ["interrupted or failed", asker, { ...approved, status: "FAILED" }, false, /nothing to download/],
    ["exactly an hour after the approval", asker, { ...approved, executedAt: new Date(now.getTime() - COLLECT_WINDOW_MS) }, false, /has passed/],
    ["a minute before the hour ends", asker, { ...approved, executedAt: new Date(now.getTime() - COLLECT_WINDOW_MS + 60_000) }, true, /./],
  ];
  it.each(rows)("%s", (_name, viewer, request, ok, reason) => {
    const verdict = mayCollect(viewer, request, "directory.export", now);
    expect(verdict.ok).toBe(ok);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });

  it("collectUntil: an hour after the approval, for collected kinds only", () => {
    expect(collectUntil(approved)).toEqual(new Date(approvedAt.getTime() + 3_600_000));
    expect(collectUntil({ ...approved, kind: "notice.send" })).toBeNull();
    expect(collectUntil({ ...approved, status: "EXECUTING" })).toBeNull();
  });
});

describe("inputs", () => {
  it("a reason of three characters at least; settings bounded, duplicates dropped, unknown kinds refused", () => {
    expect(approvalWhy.safeParse("ok").success).toBe(false);
    expect(approvalWhy.safeParse("  Fix is ready.  ").data).toBe("Fix is ready.");
    expect(approvalWhy.safeParse("Fix is\u0000 ready.").error?.issues[0]?.message).toContain("NUL character (U+0000)");
    expect(ApprovalSettingsSchema.parse({ covered: ["notice.send", "notice.send"], expiryHours: "24" })).toEqual({ covered: ["notice.send"], expiryHours: 24 });
    expect(ApprovalSettingsSchema.safeParse({ covered: ["nuke"], expiryHours: "24" }).success).toBe(false);
    expect(ApprovalSettingsSchema.safeParse({ covered: [], expiryHours: "0" }).success).toBe(false);
    expect(ApprovalSettingsSchema.safeParse({ covered: [], expiryHours: "400" }).success).toBe(false);
  });
});

describe("emails", () => {
  it("a request email carries the kind, a reference and a link, nothing about the notice", () => {
    const mail = approvalRequestMail("https://fw.example", "Libfoo", { id: "cmabcdefgh12345678", kind: "notice.send", requestedBy: "a@project.example", expiresAt: later });
    expect(mail.subject).toBe("[Libfoo] Approval needed: Send a notice (APR-12345678)");
    expect(mail.text).toContain("https://fw.example/maintainer/approvals/cmabcdefgh12345678");
    expect(mail.text).toContain("2026-12-04 12:00 UTC");
  });

  it("a break-glass email names who, when and why", () => {
    const mail = breakGlassMail("https://fw.example", "Libfoo", { id: "cmabcdefgh12345678", kind: "notice.end-embargo", by: "a@project.example", reason: "Exploited in the wild.", at: now, link: "/maintainer/notices/n1" });
    expect(mail.subject).toMatch(/Done without approval: End an embargo early/);
    expect(mail.text).toContain("Exploited in the wild.");
    expect(mail.text).toContain("https://fw.example/maintainer/notices/n1");
  });
});
