import { describe, expect, it } from "vitest";
import { instant } from "@/lib/notices/schemas";
import { defaultDisclosure, formatOffset, formatUtcInstant, isTimeZone, offsetMinutes, toIsoUtc, utcToZoned, zonedToUtc } from "./zones";
import { timeLeftShort } from "@/lib/time/time-left";

const iso = (local: string, zone: string) => zonedToUtc(local, zone)?.instant.toISOString();

describe("a wall-clock time in a zone → the UTC instant", () => {
  it.each([
    ["2026-12-08T14:00", "UTC", "2026-12-08T14:00:00.000Z"],
    ["2026-12-08T15:00", "Europe/Berlin", "2026-12-08T14:00:00.000Z"],
    ["2026-07-08T16:00", "Europe/Berlin", "2026-07-08T14:00:00.000Z"],
    ["2026-12-08T09:00", "America/New_York", "2026-12-08T14:00:00.000Z"],
    ["2026-07-08T10:00", "America/New_York", "2026-07-08T14:00:00.000Z"],
    ["2026-12-08T19:30", "Asia/Kolkata", "2026-12-08T14:00:00.000Z"],
    ["2026-12-31T23:30", "America/Los_Angeles", "2027-01-01T07:30:00.000Z"],
  ])("%s in %s is %s", (local, zone, expected) => {
    expect(zonedToUtc(local, zone)).toMatchObject({ kind: "exact" });
    expect(iso(local, zone)).toBe(expected);
  });

  describe("Europe/Berlin daylight-saving changes (2026-03-29 01:00 UTC forward, 2026-10-25 01:00 UTC back)", () => {
    it("either side of the spring change", () => {
      expect(iso("2026-03-29T01:59", "Europe/Berlin")).toBe("2026-03-29T00:59:00.000Z");
      expect(iso("2026-03-29T03:00", "Europe/Berlin")).toBe("2026-03-29T01:00:00.000Z");
    });
    it("a skipped time moves forward by the jump, and says so", () => {
      expect(zonedToUtc("2026-03-29T02:30", "Europe/Berlin")).toEqual({ instant: new Date("2026-03-29T01:30:00.000Z"), kind: "skipped", offset: 120 });
    });
    it("a repeated time takes its first occurrence (summer time), and says so", () => {
      expect(zonedToUtc("2026-10-25T02:30", "Europe/Berlin")).toEqual({ instant: new Date("2026-10-25T00:30:00.000Z"), kind: "repeated", offset: 120 });
      expect(zonedToUtc("2026-10-25T03:00", "Europe/Berlin")).toMatchObject({ instant: new Date("2026-10-25T02:00:00.000Z"), kind: "exact", offset: 60 });
    });
  });

  describe("America/New_York daylight-saving changes (2026-03-08 and 2026-11-01)", () => {
    it("a skipped time moves forward by the jump", () => {
      expect(zonedToUtc("2026-03-08T02:30", "America/New_York")).toEqual({ instant: new Date("2026-03-08T07:30:00.000Z"), kind: "skipped", offset: -240 });
      expect(iso("2026-03-08T01:59", "America/New_York")).toBe("2026-03-08T06:59:00.000Z");
      expect(iso("2026-03-08T03:00", "America/New_York")).toBe("2026-03-08T07:00:00.000Z");
    });
    it("a repeated time takes its first occurrence (EDT)", () => {
      expect(zonedToUtc("2026-11-01T01:30", "America/New_York")).toEqual({ instant: new Date("2026-11-01T05:30:00.000Z"), kind: "repeated", offset: -240 });
      expect(iso("2026-11-01T02:00", "America/New_York")).toBe("2026-11-01T07:00:00.000Z");
    });
  });

  it.each([
    ["", "UTC"],
    ["2026-02-30T10:00", "UTC"],
    ["2026-12-08T24:00", "UTC"],
    ["2026-12-08 14:00", "UTC"],
    ["2026-12-08T14:00Z", "UTC"],
    ["2026-12-08T14:00", "Mars/Olympus_Mons"],
    ["2026-12-08T14:00", ""],
  ])("refuses %j in %j", (local, zone) => {
    expect(zonedToUtc(local, zone)).toBeNull();
  });
});

describe("the UTC instant → the wall clock in a zone", () => {
  it.each([
    ["2026-12-08T14:00:00.000Z", "UTC", "2026-12-08T14:00"],
    ["2026-12-08T14:00:00.000Z", "Europe/Berlin", "2026-12-08T15:00"],
    ["2026-07-08T14:00:00.000Z", "Europe/Berlin", "2026-07-08T16:00"],
    ["2026-11-01T05:30:00.000Z", "America/New_York", "2026-11-01T01:30"],
    ["2026-11-01T06:30:00.000Z", "America/New_York", "2026-11-01T01:30"],
    ["2026-12-08T14:00:59.999Z", "UTC", "2026-12-08T14:00"],
  ])("%s in %s reads %s", (instant, zone, local) => {
    expect(utcToZoned(new Date(instant), zone)).toBe(local);
  });

  it("round-trips every quarter hour across the Berlin autumn change", () => {
    for (let t = Date.parse("2026-10-24T20:00:00Z"); t < Date.parse("2026-10-25T06:00:00Z"); t += 15 * 60_000) {
      const local = utcToZoned(new Date(t), "Europe/Berlin");
      const back = zonedToUtc(local, "Europe/Berlin")!;
      // A repeated hour maps back to its first occurrence: the same wall clock, at most an hour earlier.
      expect(utcToZoned(back.instant, "Europe/Berlin")).toBe(local);
      expect(t - back.instant.getTime()).toBeGreaterThanOrEqual(0);
      expect(t - back.instant.getTime()).toBeLessThanOrEqual(3_600_000);
    }
  });
});

describe("small formats", () => {
  it("offsets", () => {
    expect(offsetMinutes(new Date("2026-01-15T12:00Z"), "Europe/Berlin")).toBe(60);
    expect(offsetMinutes(new Date("2026-07-15T12:00Z"), "America/New_York")).toBe(-240);
    expect(formatOffset(60)).toBe("UTC+01:00");
    expect(formatOffset(-240)).toBe("UTC−04:00");
    expect(formatOffset(330)).toBe("UTC+05:30");
    expect(formatOffset(0)).toBe("UTC");
  });
  it("what the form submits is accepted by the notice schema's format (an instant with Z)", () => {
    expect(toIsoUtc(new Date("2026-12-08T14:00:00Z"))).toBe("2026-12-08T14:00Z");
    expect(toIsoUtc(new Date("2026-12-08T14:00:30Z"))).toBe("2026-12-08T14:00:30.000Z");
    expect(formatUtcInstant(new Date("2026-12-08T14:00:00Z"))).toBe("2026-12-08 14:00 UTC");
    for (const d of [new Date("2026-12-08T14:00:00Z"), zonedToUtc("2026-03-29T02:30", "Europe/Berlin")!.instant, new Date("2026-12-08T14:00:30.5Z")]) {
      expect(instant.parse(toIsoUtc(d))).toEqual(d);
    }
  });
  it("zones", () => {
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Europe/Atlantis")).toBe(false);
  });
  it("a new notice proposes a week ahead at 14:00 UTC", () => {
    expect(defaultDisclosure(new Date("2026-12-28T23:59:00Z")).toISOString()).toBe("2027-01-04T14:00:00.000Z");
    // The project's own time of day, in its zone: 09:30 in Berlin is 08:30 UTC in winter, 07:30 in summer.
    expect(defaultDisclosure(new Date("2026-12-01T10:00:00Z"), 7, "09:30", "Europe/Berlin").toISOString()).toBe("2026-12-08T08:30:00.000Z");
    expect(defaultDisclosure(new Date("2026-06-01T10:00:00Z"), 7, "09:30", "Europe/Berlin").toISOString()).toBe("2026-06-08T07:30:00.000Z");
    // Counted from the date in that zone: 23:30 UTC on the 1st is already the 2nd in Tokyo.
    expect(defaultDisclosure(new Date("2026-12-01T23:30:00Z"), 7, "10:00", "Asia/Tokyo").toISOString()).toBe("2026-12-09T01:00:00.000Z");
    expect(defaultDisclosure(new Date("2026-12-01T10:00:00Z"), 7, "bad", "Not/AZone").toISOString()).toBe("2026-12-08T14:00:00.000Z");
  });
  it("time left", () => {
    const now = new Date("2026-12-01T10:00:00Z");
    expect(timeLeftShort(now, new Date("2026-12-08T14:00:00Z"))).toBe("7 d 4 h left");
    expect(timeLeftShort(now, new Date("2026-12-01T13:20:00Z"))).toBe("3 h 20 min left");
    expect(timeLeftShort(now, new Date("2026-12-01T10:05:00Z"))).toBe("5 min left");
    expect(timeLeftShort(now, new Date("2026-11-29T09:00:00Z"))).toBe("2 d 1 h ago");
  });
});
