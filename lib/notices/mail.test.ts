import { describe, expect, it } from "vitest";
import { accessEndedMail, embargoedNoticeMail, noticeUpdateMail } from "./mail";

const notice = { id: "n1", reference: "FW-2026-0042", disclosureAt: new Date("2026-12-10T14:00:00Z") };
const member = { project: "pyca/cryptography", kind: "member" as const, to: "ann@acme.example" };

describe("emails about notices", () => {
  it("an organisation removed from a notice is told only that its access ended: no reason, no link, no time", () => {
    const mail = accessEndedMail(notice, member);
    expect(mail.subject).toBe("[EMBARGOED] pyca/cryptography FW-2026-0042: your access ended");
    expect(mail.text).toContain("access to the advance security notice FW-2026-0042 from pyca/cryptography has ended");
    expect(mail.text).toContain("Keep everything you read about it confidential");
    expect(mail.text).not.toMatch(/https?:|n1|2026-12-10|acme/i);
  });

  it("a date change names the new time in its subject and when it changed, so two changes read in any order", () => {
    const first = noticeUpdateMail({ ...notice, disclosureAt: new Date("2026-12-08T09:00:00Z") }, "https://portal.example", "date-changed", new Date("2026-11-30T10:00:00Z"), member);
    const second = noticeUpdateMail(notice, "https://portal.example", "date-changed", new Date("2026-11-30T10:05:00Z"), member);
    expect(first.subject).toBe("[EMBARGOED] pyca/cryptography FW-2026-0042: disclosure time changed to 2026-12-08 09:00 UTC");
    expect(second.subject).toBe("[EMBARGOED] pyca/cryptography FW-2026-0042: disclosure time changed to 2026-12-10 14:00 UTC");
    expect(second.text).toContain("The disclosure time is now 2026-12-10 14:00 UTC (changed 2026-11-30 10:05 UTC).");
    expect(second.text).toContain("the latest change holds");
    expect(second.text).toContain("https://portal.example/vendor/notices/n1");
  });

  it("clear-text emails carry the reference, the marker, the time and a link only", () => {
    const mail = embargoedNoticeMail(notice, "https://portal.example", member);
    expect(mail.subject).toBe("[EMBARGOED] pyca/cryptography FW-2026-0042: advance security notice");
    expect(mail.text).toContain("Public disclosure: 2026-12-10 14:00 UTC");
    expect(mail.text).not.toContain("not signed in");
  });

  it("someone who has not signed in yet is told how to get in; the role address is told it cannot sign in and who can", () => {
    const fresh = embargoedNoticeMail(notice, "https://portal.example", { ...member, kind: "new-member", to: "ivy@acme.example" });
    expect(fresh.text).toContain("You have not signed in to Forewarn yet");
    expect(fresh.text).toContain("https://portal.example/sign-in");
    expect(fresh.text).toContain("ivy@acme.example");
    const role = embargoedNoticeMail(notice, "https://portal.example", { ...member, kind: "role-address", to: "security@acme.example" });
    expect(role.text).toContain("security contact address, which cannot sign in itself");
    expect(role.subject).toBe(fresh.subject);
    // Every follow-up carries the same hint.
    for (const what of ["revised", "date-changed", "reminder", "message"] as const) {
      expect(noticeUpdateMail(notice, "https://portal.example", what, new Date(), { ...member, kind: "new-member" }).text).toContain("You have not signed in to Forewarn yet");
    }
  });

  it("the subject carries the project and the reference, never the title; the embargo-ended email says when, why and where", () => {
    const ended = noticeUpdateMail({ ...notice, disclosureAt: new Date("2026-12-03T08:15:00Z") }, "https://portal.example", "disclosed", new Date(), member, {
      endReason: "Exploited in the wild",
      plannedDisclosureAt: new Date("2026-12-10T14:00:00Z"),
    });
    expect(ended.subject).toBe("pyca/cryptography FW-2026-0042: embargo ended");
    expect(ended.text).toContain("public since 2026-12-03 08:15 UTC");
    expect(ended.text).toContain("It ended early (it was planned for 2026-12-10 14:00 UTC): Exploited in the wild");
    expect(ended.text).toContain("Public advisory: https://portal.example/advisories/n1");
    const onTime = noticeUpdateMail(notice, "https://portal.example", "disclosed", new Date(), member, { plannedDisclosureAt: null });
    expect(onTime.text).not.toContain("ended early");
  });
});
