import { describe, expect, it } from "vitest";
import { formatLocal, formatUtc } from "./time";

describe("times", () => {
  it("UTC is always labelled", () => {
    expect(formatUtc(new Date("2026-11-22T14:00:00Z"))).toBe("2026-11-22 14:00 UTC");
  });
  it("local time carries its zone (and the formatter options are valid)", () => {
    expect(formatLocal(new Date("2026-11-22T14:00:00Z"), "en-GB", "Europe/Berlin")).toMatch(/22 Nov 2026, 15:00 (CET|GMT\+1)/);
  });
});
