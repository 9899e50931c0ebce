import { describe, expect, it } from "vitest";
import { embargoedNoticeMail, noticeUpdateMail } from "./mail";

const notice = { id: "n1", reference: "FW-2026-0042", disclosureAt: new Date("2026-12-10T14:00:00Z") };

describe("emails about notices", () => {
  it("a date change names the new time in its subject and when it changed, so two changes read in any order", () => {
    const first = noticeUpdateMail({ ...notice, disclosureAt: new Date("2026-12-08T09:00:00Z") }, "https://portal.example", "date-changed", new Date("2026-11-30T10:00:00Z"));
    const second = noticeUpdateMail(notice, "https://portal.example", "date-changed", new Date("2026-11-30T10:05:00Z"));
    expect(first.subject).toBe("[EMBARGOED] FW-2026-0042: disclosure time changed to 2026-12-08 09:00 UTC");
    expect(second.subject).toBe("[EMBARGOED] FW-2026-0042: disclosure time changed to 2026-12-10 14:00 UTC");
    expect(second.text).toContain("The disclosure time is now 2026-12-10 14:00 UTC (changed 2026-11-30 10:05 UTC).");
    expect(second.text).toContain("the latest change holds");
    expect(second.text).toContain("https://portal.example/vendor/notices/n1");
  });

  it("clear-text emails carry the reference, the marker, the time and a link only", () => {
    const mail = embargoedNoticeMail(notice, "https://portal.example");
    expect(mail.subject).toBe("[EMBARGOED] FW-2026-0042: advance security notice");
    expect(mail.text).toContain("Public disclosure: 2026-12-10 14:00 UTC");
  });
});
