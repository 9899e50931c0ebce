import { describe, expect, it } from "vitest";
import { affectedRangesField, referencesField, referencesText } from "./advisory-fields";

const rows = (...r: object[]) => JSON.stringify(r);
const base = { ecosystem: "PyPI", name: "cryptography", purl: "", rangeType: "ECOSYSTEM", repo: "", introduced: "", fixed: "", lastAffected: "" };
const issues = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) => result.error?.issues.map((i) => i.message) ?? [];

describe("affected ranges", () => {
  it("turns rows into ranges whose events start at introduced (0 when empty)", () => {
    expect(affectedRangesField.parse(rows({ ...base, fixed: "44.0.1" }))).toEqual([{ ecosystem: "PyPI", name: "cryptography", purl: null, rangeType: "ECOSYSTEM", repo: null, events: [{ introduced: "0" }, { fixed: "44.0.1" }] }]);
    expect(affectedRangesField.parse(rows({ ...base, rangeType: "GIT", ecosystem: "PyPI", repo: "https://github.com/pyca/cryptography", introduced: "abc", lastAffected: "def" }))[0]).toMatchObject({ ecosystem: "", events: [{ introduced: "abc" }, { last_affected: "def" }] });
    expect(affectedRangesField.parse("")).toEqual([]);
  });

  it.each([
    [{ ...base, fixed: "1", lastAffected: "2" }, "either the fixed version or the last affected one"],
    [{ ...base }, "at least the version that introduced"],
    [{ ...base, rangeType: "GIT", repo: "http://insecure.example", fixed: "abc" }, "https:// URL"],
    [{ ...base, ecosystem: "", fixed: "1" }, "name the package's ecosystem"],
    [{ ...base, fixed: "1 2" }, "A version has no spaces"],
    [{ ...base, fixed: "1", extra: "x" }, "Unrecognized key"],
  ])("refuses %j with a message naming the range", (row, message) => {
    const messages = issues(affectedRangesField.safeParse(rows(row)));
    expect(messages.join(" ")).toContain("Range 1");
    expect(messages.join(" ").toLowerCase()).toContain(message.toLowerCase());
  });

  it("refuses text that is not the editor's JSON", () => {
    expect(issues(affectedRangesField.safeParse("{not json"))).toEqual(["The affected ranges could not be read; reload the page and enter them again."]);
    expect(issues(affectedRangesField.safeParse(JSON.stringify({ a: 1 })))).toEqual(["At most 50 affected ranges."]);
  });
});

describe("links", () => {
  it("reads one link per line, with an optional kind, and writes them back the same way", () => {
    const parsed = referencesField.parse("fix https://github.com/o/r/commit/abc\n\nhttps://example.org/release\nREPORT https://bugs.example/1");
    expect(parsed).toEqual([
      { type: "FIX", url: "https://github.com/o/r/commit/abc" },
      { type: "WEB", url: "https://example.org/release" },
      { type: "REPORT", url: "https://bugs.example/1" },
    ]);
    expect(referencesText(parsed)).toBe("fix https://github.com/o/r/commit/abc\nweb https://example.org/release\nreport https://bugs.example/1");
  });

  it.each(["javascript:alert(1)", "fix ftp://x.example", "bogus https://x.example", "fix https://a.example extra"])("refuses %s", (line) => {
    expect(issues(referencesField.safeParse(line)).join(" ")).toContain("Line 1");
  });
});
