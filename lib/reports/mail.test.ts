// The reporter's emails: the time always with its zone, the credit, the shared reason, and — given only what a
// reporter may read — nothing else (no notice title, no organisation, no vendor words).
import { describe, expect, it } from "vitest";
import { creditSentence, reporterNoticeMail, zonedTime, type ReporterEvent, type ReporterMailInput } from "./mail";
import { noticeCredit } from "./policy";

const planned = new Date("2026-12-10T14:00:00Z");
const base: ReporterMailInput = {
  project: "Acme Lib",
  zone: "Europe/Berlin",
  publicUrl: "https://forewarn.example",
  report: { id: "rep1", reference: "R-2026-0007" },
  event: "DATE_SET",
  disclosureAt: planned,
  at: new Date("2026-12-03T10:00:00Z"),
  ownCredit: "Jane Doe",
};
const EVENTS: ReporterEvent[] = ["DATE_SET", "DATE_CHANGED", "EMBARGO_ENDED", "WITHDRAWN", "DISCLOSED"];

describe("zonedTime", () => {
  it("shows UTC, and the project's zone with its offset when it is not UTC", () => {
    expect(zonedTime(planned, "UTC")).toBe("2026-12-10 14:00 UTC");
    expect(zonedTime(planned, "Europe/Berlin")).toBe("2026-12-10 14:00 UTC (15:00 on 2026-12-10 in Europe/Berlin, UTC+01:00)");
    expect(zonedTime(new Date("2026-12-11T02:30:00Z"), "America/New_York")).toBe("2026-12-11 02:30 UTC (21:30 on 2026-12-10 in America/New_York, UTC−05:00)");
    expect(zonedTime(planned, "Not/AZone")).toBe("2026-12-10 14:00 UTC");
  });
});

describe("reporterNoticeMail", () => {
  it.each(EVENTS)("%s: names the project and the report, links the reporter's own page, and carries the zone", (event) => {
    const mail = reporterNoticeMail({ ...base, event, advisory: { reference: "FW-2026-0003", url: "https://forewarn.example/advisories/n1", credit: "Jane Doe" } });
    expect(mail.subject).toContain("Acme Lib R-2026-0007");
    expect(mail.text).toContain("https://forewarn.example/reporter/reports/rep1");
    if (event !== "WITHDRAWN") expect(mail.text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(\d{2}:\d{2} on \d{4}-\d{2}-\d{2} in Europe\/Berlin, UTC\+01:00\)/);
    // Never a link into the vendor area (where the embargoed notice lives).
    expect(mail.text).not.toContain("/vendor/");
  });

  it("the date set: the planned time with its zone and how they will be credited, changeable until public", () => {
    const mail = reporterNoticeMail(base);
    expect(mail.subject).toBe("Acme Lib R-2026-0007: planned disclosure date");
    expect(mail.text).toContain("Planned public disclosure: 2026-12-10 14:00 UTC (15:00 on 2026-12-10 in Europe/Berlin, UTC+01:00)");
    expect(mail.text).toContain("You will be credited as: Jane Doe");
    expect(mail.text).toContain("until the advisory is public");
    expect(reporterNoticeMail({ ...base, ownCredit: null }).text).toContain("You chose not to be credited");
  });

  it("a date change: new and old time, when it changed, and the shared reason only when there is one", () => {
    const moved = reporterNoticeMail({ ...base, event: "DATE_CHANGED", disclosureAt: new Date("2026-12-11T14:00:00Z"), previousAt: planned, reason: "The fix needs one more day." });
    expect(moved.subject).toBe("Acme Lib R-2026-0007: disclosure date changed to 2026-12-11 14:00 UTC");
    expect(moved.text).toContain("New planned disclosure: 2026-12-11 14:00 UTC (15:00 on 2026-12-11 in Europe/Berlin, UTC+01:00)");
    expect(moved.text).toContain("It was planned for: 2026-12-10 14:00 UTC");
    expect(moved.text).toContain("Changed: 2026-12-03 10:00 UTC");
    expect(moved.text).toContain("The maintainers' note to you:\nThe fix needs one more day.");
    const silent = reporterNoticeMail({ ...base, event: "DATE_CHANGED", previousAt: planned, reason: "   " });
    expect(silent.text).not.toContain("note to you");
  });

  it("public: the advisory link and the credit exactly as published", () => {
    const advisory = { reference: "FW-2026-0003", url: "https://forewarn.example/advisories/n1", credit: "Jane Doe and @bob" };
    const early = reporterNoticeMail({ ...base, event: "EMBARGO_ENDED", disclosureAt: new Date("2026-12-05T09:00:00Z"), previousAt: planned, reason: "Exploited in the wild.", advisory });
    expect(early.text).toContain("Public advisory FW-2026-0003: https://forewarn.example/advisories/n1");
    expect(early.text).toContain("Credit as published: Jane Doe and @bob");
    expect(early.text).toContain("It had been planned for: 2026-12-10 14:00 UTC");
    expect(early.text).toContain("Exploited in the wild.");
    const onTime = reporterNoticeMail({ ...base, event: "DISCLOSED", advisory: { ...advisory, credit: null } });
    expect(onTime.subject).toBe("Acme Lib R-2026-0007: the advisory is public");
    expect(onTime.text).toContain("Credit as published: nobody is named");
  });

  it("withdrawn: says it will not be published and the report is back with the maintainers", () => {
    const mail = reporterNoticeMail({ ...base, event: "WITHDRAWN", reason: "Not reachable from untrusted input." });
    expect(mail.text).toContain("will not be published");
    expect(mail.text).toContain("back with the maintainers");
    expect(mail.text).toContain("Not reachable from untrusted input.");
  });
});

describe("creditSentence and noticeCredit", () => {
  it("states the reporter's own choice", () => {
    expect(creditSentence("@jd")).toBe("You will be credited as: @jd");
    expect(creditSentence(null)).toMatch(/not to be credited/);
  });

  it("the notice's credit names every linked reporter who wishes it, and opts out when none does", () => {
    expect(noticeCredit([])).toBeNull();
    expect(noticeCredit([{ creditKind: "NAME", creditText: " Jane Doe " }])).toEqual({ reporterCredit: "Jane Doe", reporterOptOut: false });
    expect(noticeCredit([{ creditKind: "NONE", creditText: "Jane Doe" }])).toEqual({ reporterCredit: null, reporterOptOut: true });
    expect(
      noticeCredit([
        { creditKind: "NAME", creditText: "Jane Doe" },
        { creditKind: "NONE", creditText: "Hidden Person" },
        { creditKind: "HANDLE", creditText: "@bob" },
        { creditKind: "ORGANISATION", creditText: "Example Security" },
      ]),
    ).toEqual({ reporterCredit: "Jane Doe, @bob and Example Security", reporterOptOut: false });
    expect(noticeCredit([{ creditKind: "HANDLE", creditText: "@bob" }, { creditKind: "HANDLE", creditText: "@bob" }])?.reporterCredit).toBe("@bob");
  });
});
