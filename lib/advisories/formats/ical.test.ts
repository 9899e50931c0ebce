import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { fullAdvisory, now, project } from "@/test/advisory-fixtures";
import { disclosureUid, toICalendar, WITHDRAWN_TEXT, type DisclosureItem } from "./ical";

function events(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    calendar,
    events: calendar.getAllSubcomponents("vevent").map((vevent) => {
      const dtstart = vevent.getFirstProperty("dtstart");
      return {
        uid: vevent.getFirstPropertyValue("uid"),
        summary: vevent.getFirstPropertyValue("summary"),
        description: vevent.getFirstPropertyValue("description"),
        url: vevent.getFirstPropertyValue("url"),
        status: vevent.getFirstPropertyValue("status"),
        class: vevent.getFirstPropertyValue("class"),
        // jCal keeps the value as written: a trailing Z means UTC.
        startRaw: dtstart?.toJSON()[3],
        start: (dtstart?.getFirstValue() as InstanceType<typeof ICAL.Time>).toJSDate().toISOString(),
        stamp: String(vevent.getFirstPropertyValue("dtstamp")),
        hasEnd: vevent.hasProperty("dtend"),
        props: vevent.getAllProperties().map((p) => p.name),
      };
    }),
  };
}

const full = fullAdvisory({ state: "EMBARGOED", disclosedAt: null });
const items: DisclosureItem[] = [
  { id: "adv_b", reference: "FW-2026-0003", disclosureAt: new Date("2026-05-02T08:30:00Z"), url: "https://forewarn.example.org/notices/adv_b" },
  { id: full.id, reference: full.reference, disclosureAt: full.disclosureAt, url: "https://forewarn.example.org/notices/adv_full01" },
];

describe("toICalendar", () => {
  it("one event per disclosure at its UTC time, in time order, with stable UIDs", () => {
    const { calendar, events: list } = events(toICalendar(project, items, { now, name: "Acme Parser disclosures" }));
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Acme Parser disclosures");
    expect(calendar.getAllSubcomponents("vtimezone")).toHaveLength(0);
    expect(list.map((e) => [e.uid, e.summary, e.start, e.startRaw])).toEqual([
      ["disclosure-adv_full01@forewarn.example.org", "Disclosure: FW-2026-0001", "2026-02-03T14:00:00.000Z", "2026-02-03T14:00:00Z"],
      ["disclosure-adv_b@forewarn.example.org", "Disclosure: FW-2026-0003", "2026-05-02T08:30:00.000Z", "2026-05-02T08:30:00Z"],
    ]);
    expect(list[0]).toMatchObject({ url: "https://forewarn.example.org/notices/adv_full01", description: "https://forewarn.example.org/notices/adv_full01", status: "CONFIRMED", class: "PRIVATE", hasEnd: false });
    // DTSTAMP comes from `now`, not the clock.
    expect(list[0]?.stamp).toBe("2026-04-01T00:00:00Z");
    // Same input, same UIDs: a refreshed subscription updates events instead of duplicating them.
    expect(events(toICalendar(project, items, { now: new Date(), name: "x" })).events.map((e) => e.uid)).toEqual(list.map((e) => e.uid));
    expect(disclosureUid(project, "a b")).toBe("disclosure-a%20b@forewarn.example.org");
  });

  it("ends every line with CRLF, the last one included (RFC 5545 §3.1), and stamps each event with its last change", () => {
    const changedAt = new Date("2026-03-02T09:15:00Z");
    const text = toICalendar(project, [{ ...items[0]!, changedAt }, items[1]!], { now, name: "x" });
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(events(text).events.map((e) => e.stamp)).toEqual(["2026-04-01T00:00:00Z", "2026-03-02T09:15:00Z"]);
  });

  it("carries only the reference, the time and the link, never the title or any details", () => {
    const text = toICalendar(project, items, { now, name: "Disclosures" });
    for (const secret of [full.title, full.summary, full.description, full.remediation, "Jane Finder", "CVE-2026-12345", "chunk"]) {
      expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
    }
    const { events: list } = events(text);
    expect(list[0]?.props.sort()).toEqual(["class", "description", "dtstamp", "dtstart", "sequence", "status", "summary", "uid", "url"]);
  });

  it("marks cancelled disclosures, without the link that no longer leads anywhere, and carries the sequence", () => {
    const { events: list } = events(toICalendar(project, [{ ...items[0]!, cancelled: true, sequence: 2 }], { now, name: "x" }));
    expect(list[0]).toMatchObject({ status: "CANCELLED", description: WITHDRAWN_TEXT, url: null });
    expect(events(toICalendar(project, [{ ...items[0]!, sequence: 2 }], { now, name: "x" })).calendar.getFirstSubcomponent("vevent")?.getFirstPropertyValue("sequence")).toBe(2);
  });

  it("escapes commas, semicolons and newlines in the reference, the URL and the calendar name", () => {
    const reference = "FW-1, evil;\r\nATTENDEE:mailto:x@example.org";
    const url = "https://forewarn.example.org/notices/a,b;c\r\nX-INJECTED:1";
    const text = toICalendar(project, [{ id: "id\r\nX-UID:1", reference, disclosureAt: items[0]!.disclosureAt, url }], { now, name: "Name, with; line\nBREAK:1" });
    // No injected property line, and no raw CR/LF other than line ends.
    const lines = text.split("\r\n");
    expect(lines.some((l) => /^(ATTENDEE|X-INJECTED|X-UID|BREAK)/.test(l))).toBe(false);
    expect(lines.every((l) => !/[\r\n]/.test(l))).toBe(true);
    expect(text).toContain("SUMMARY:Disclosure: FW-1\\, evil\\;\\nATTENDEE:mailto:x@example.org");

    const { calendar, events: list } = events(text);
    // ical.js leaves X- properties as written (it does not know their type); RFC 5545 makes them TEXT, escaped so.
    expect(lines).toContain("X-WR-CALNAME:Name\\, with\\; line\\nBREAK:1");
    expect(calendar.getAllProperties().map((p) => p.name)).not.toContain("break");
    expect(list).toHaveLength(1);
    expect(list[0]?.summary).toBe("Disclosure: FW-1, evil;\nATTENDEE:mailto:x@example.org");
    // The URL parser drops raw newlines; commas and semicolons are percent-encoded, so the URI needs no escaping.
    expect(list[0]?.url).toBe("https://forewarn.example.org/notices/a%2Cb%3BcX-INJECTED:1");
    expect(list[0]?.description).toBe(list[0]?.url);
    expect(list[0]?.uid).toBe("disclosure-id%0D%0AX-UID%3A1@forewarn.example.org");
  });
});
