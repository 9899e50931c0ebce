// The CPU hogs of `FOREWARN_TEST_HOGS=N npm test` are bounded: they end at their ceiling on their own, and at once
// when stopped, saying how much CPU they used.
import { describe, expect, it } from "vitest";
import { startHogs } from "./hogs";

describe("startHogs", () => {
  it("a hog ends by itself once its ceiling has passed", async () => {
    const hogs = startHogs(1, 300);
    // No fixed wait: the test's own timeout is the ceiling on a loaded machine.
    await hogs.exited;
    expect(hogs.stop()).toMatch(/^1 CPU hog ran beside the suite/);
  });

  it("stop() ends every hog at once and reports the CPU each one used", async () => {
    const hogs = startHogs(2, 3_600_000);
    expect(hogs.count).toBe(2);
    expect(hogs.stop()).toMatch(/^2 CPU hogs ran beside the suite \(CPU used: \d+ s, \d+ s\)$/);
    await hogs.exited;
  });
});
