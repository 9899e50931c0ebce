import { describe, expect, it } from "vitest";
import { SEVERITIES } from "@/lib/notices/schemas";
import { formatBytes, formatHours, formatShare, SEVERITY_OPTIONS } from "./labels";

describe("notice formats", () => {
  it.each([
    [0, "0 bytes"],
    [1, "1 byte"],
    [1023, "1023 bytes"],
    [1536, "1.5 KB"],
    [10 * 1024 * 1024, "10 MB"],
  ])("%i bytes reads %s", (size, text) => {
    expect(formatBytes(size)).toBe(text);
  });
  it("hours to acknowledge", () => {
    expect(formatHours(null)).toBe("—");
    expect(formatHours(5.25)).toBe("5.3 h");
    expect(formatHours(0.05)).toBe("3 min");
    expect(formatHours(0.001)).toBe("under 1 min");
    expect(formatHours(0.999)).toBe("60 min");
    expect(formatHours(30.4)).toBe("30 h");
    expect(formatHours(76)).toBe("3 d 4 h");
  });
  it("offers exactly the ratings the draft schema accepts", () => {
    expect([...SEVERITY_OPTIONS]).toEqual([...SEVERITIES]);
  });
  it("shares", () => {
    expect(formatShare(2, 5)).toBe("40%");
    expect(formatShare(0, 0)).toBe("—");
  });
});
