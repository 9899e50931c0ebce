import { describe, expect, it } from "vitest";
import { formatBytes } from "@/components/notices/format-bytes";
import { timeLeft } from "@/lib/time/time-left";

const now = new Date("2026-11-20T10:00:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe("time left until disclosure", () => {
  it.each([
    [3 * DAY + 4 * HOUR, "in 3 days 4 hours"],
    [3 * DAY + 4 * HOUR + 59 * MIN, "in 3 days 4 hours"],
    [DAY, "in 1 day"],
    [DAY + HOUR, "in 1 day 1 hour"],
    [2 * DAY + 30 * MIN, "in 2 days"],
    [5 * HOUR + 12 * MIN, "in 5 hours 12 minutes"],
    [HOUR, "in 1 hour"],
    [HOUR + MIN, "in 1 hour 1 minute"],
    [45 * MIN, "in 45 minutes"],
    [45 * MIN + 59_999, "in 45 minutes"],
    [MIN, "in 1 minute"],
    [59_999, "in less than a minute"],
    [1, "in less than a minute"],
  ])("%i ms before → %s", (ms, expected) => {
    expect(timeLeft(later(ms), now)).toBe(expected);
  });

  it("says disclosed once the notice is, whatever the clock says", () => {
    expect(timeLeft(later(-DAY), now, true)).toBe("disclosed");
    // Ended early: the planned time is still ahead, but the notice is public.
    expect(timeLeft(later(3 * DAY), now, true)).toBe("disclosed");
  });

  it("never calls an embargoed notice disclosed, even when its time has passed", () => {
    expect(timeLeft(now, now)).toBe("due now");
    expect(timeLeft(later(-5 * MIN), now)).toBe("due now");
  });
});

describe("file sizes", () => {
  it.each([
    [0, "0 bytes"],
    [1, "1 byte"],
    [1023, "1023 bytes"],
    [1024, "1 KiB"],
    [1536, "1.5 KiB"],
    [20 * 1024, "20 KiB"],
    [1024 * 1024 * 1.25, "1.3 MiB"],
    [5 * 1024 ** 3, "5 GiB"],
  ])("%i → %s", (size, expected) => {
    expect(formatBytes(size)).toBe(expected);
  });
});
