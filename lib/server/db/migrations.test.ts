import { describe, expect, it } from "vitest";
import { compareMigrations } from "./migrations";

const done = (name: string) => ({ name, finished: true, rolledBack: false });

describe("compareMigrations", () => {
  it.each([
    { shipped: ["a", "b"], applied: [done("a"), done("b")], state: "up-to-date", pending: [] },
    { shipped: ["a", "b"], applied: [done("a")], state: "pending", pending: ["b"] },
    { shipped: ["a", "b"], applied: [], state: "pending", pending: ["a", "b"] },
    { shipped: ["a"], applied: [done("a"), done("z")], state: "ahead", pending: [] },
    { shipped: ["a", "b"], applied: [done("a"), { name: "b", finished: false, rolledBack: false }], state: "failed", pending: [] },
    // A rolled-back attempt followed by a successful one counts as applied.
    { shipped: ["a"], applied: [{ name: "a", finished: false, rolledBack: true }, done("a")], state: "up-to-date", pending: [] },
  ])("$state when shipped=$shipped", ({ shipped, applied, state, pending }) => {
    const result = compareMigrations(shipped, applied);
    expect(result.state).toBe(state);
    expect(result.pending).toEqual(pending);
  });

  it("counts applied and shipped", () => {
    expect(compareMigrations(["a", "b"], [done("a")])).toMatchObject({ applied: 1, shipped: 2 });
  });
});
