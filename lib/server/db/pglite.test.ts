import { describe, expect, it } from "vitest";
import { pgliteOptions } from "./pglite";

// The kill -9 test cannot tell relaxed durability from strict on a healthy file system (PGlite writes through),
// so the setting itself is pinned here.
describe("pgliteOptions", () => {
  const options = pgliteOptions("/srv/forewarn/pglite");
  it("never relaxes durability", () => {
    expect(options.relaxedDurability).toBe(false);
  });
  it("opens the directory as given and silences the start-up progress timer", () => {
    expect(options.dataDir).toBe("/srv/forewarn/pglite");
    expect(options.startParams?.join(" ")).toContain("log_startup_progress_interval=0");
    expect(options.startParams).toContain("--single");
  });
});
