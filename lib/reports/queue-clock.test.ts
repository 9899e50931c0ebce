import { describe, expect, it } from "vitest";
import { acknowledgeDeadline, acknowledgementStats, formatDuration, queueOrder, reminderLeadMs, reportClock } from "./queue-clock";

const HOUR = 3_600_000;
const at = (h: number) => new Date(Date.UTC(2026, 11, 1) + h * HOUR);

describe("the acknowledgement clock", () => {
  it("runs from the confirmation for the target's hours", () => {
    expect(acknowledgeDeadline(at(0), 48)).toEqual(at(48));
  });

  it.each([
    [48, 4.8 * HOUR],
    [10, 2 * HOUR],
    [1, 2 * HOUR],
    [240, 24 * HOUR],
  ])("reminds %s-hour targets %s ms before the deadline (10%%, at least 2 h)", (target, lead) => {
    expect(reminderLeadMs(target)).toBe(lead);
  });

  it.each([
    // status, hours since confirmation, running, overdue, due for reminder
    ["RECEIVED", 1, true, false, false],
    ["RECEIVED", 43, true, false, false],
    ["RECEIVED", 43.3, true, false, true],
    ["RECEIVED", 48, true, true, true],
    ["RECEIVED", 60, true, true, true],
    ["ACKNOWLEDGED", 60, false, false, false],
    ["ACCEPTED", 60, false, false, false],
    ["DECLINED", 60, false, false, false],
  ] as const)("%s after %s h: running %s, overdue %s, reminder %s", (status, hours, running, overdue, due) => {
    const clock = reportClock({ status, confirmedAt: at(0) }, 48, at(hours));
    expect([clock.running, clock.overdue, clock.dueForReminder]).toEqual([running, overdue, due]);
    expect(clock.leftMs).toBeCloseTo((48 - hours) * HOUR, -1);
  });
});

describe("the queue's statistics", () => {
  it("says nothing without an acknowledged report", () => {
    expect(acknowledgementStats([], 48)).toEqual({ acknowledged: 0, medianMs: null, withinTarget: 0, share: null });
  });

  it("takes the median (odd and even counts) and the share within the target, the target itself included", () => {
    const rows = [2, 50, 10, 48].map((h) => ({ confirmedAt: at(0), acknowledgedAt: at(h) }));
    expect(acknowledgementStats(rows, 48)).toEqual({ acknowledged: 4, medianMs: 29 * HOUR, withinTarget: 3, share: 0.75 });
    expect(acknowledgementStats(rows.slice(0, 3), 48)).toMatchObject({ acknowledged: 3, medianMs: 10 * HOUR, withinTarget: 2 });
  });

  it("formats durations to the minute", () => {
    expect(formatDuration(29 * HOUR)).toBe("1 d 5 h");
    expect(formatDuration(5 * HOUR + 20 * 60_000)).toBe("5 h 20 min");
    expect(formatDuration(12 * 60_000)).toBe("12 min");
  });

  it("puts overdue reports first, then running clocks soonest first, then the rest newest first", () => {
    const now = at(100);
    const row = (name: string, status: "RECEIVED" | "ACKNOWLEDGED", confirmedH: number) => ({ name, confirmedAt: at(confirmedH), clock: reportClock({ status, confirmedAt: at(confirmedH) }, 48, now) });
    const order = queueOrder([row("fresh", "RECEIVED", 99), row("acked-old", "ACKNOWLEDGED", 10), row("late", "RECEIVED", 40), row("later", "RECEIVED", 20), row("soon", "RECEIVED", 60), row("acked-new", "ACKNOWLEDGED", 90)]);
    expect(order.map((r) => r.name)).toEqual(["later", "late", "soon", "fresh", "acked-new", "acked-old"]);
  });
});
