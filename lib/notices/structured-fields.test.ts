import { describe, expect, it } from "vitest";
import { affectedOf, referencesOf } from "./structured-fields";

// Values stored before the form checked addresses strictly (or written by hand) are read back only in the checked
// normal form: the pages, the API and every advisory record go through these two.
describe("reading stored structured fields back", () => {
  it("keeps references that are web addresses, in their normal form, and leaves the rest out", () => {
    const stored = [
      { type: "FIX", url: "https://github.com/o/r/commit/abc" },
      { type: "WEB", url: "HTTPS://Example.ORG/x" },
      { type: "REPORT", url: 'https://x.example/"><script>' },
      { type: "WEB", url: "https://a\u202egnp.exe" },
      { type: "WEB", url: "https://[::1" },
      { type: "WEB", url: "javascript:alert(1)" },
      { type: "WEB", url: "https://user:pass@host.example/" },
      { type: "NONSENSE", url: "https://example.org/y" },
      { url: 42 },
      "https://example.org/z",
    ];
    expect(referencesOf(stored)).toEqual([
      { type: "FIX", url: "https://github.com/o/r/commit/abc" },
      { type: "WEB", url: "https://example.org/x" },
      { type: "REPORT", url: "https://x.example/%22%3E%3Cscript%3E" },
      { type: "WEB", url: "https://example.org/y" },
    ]);
  });

  it("reads a range's repository only as an https:// address, and a git range only with one", () => {
    const range = (rangeType: string, repo: unknown) => ({ ecosystem: rangeType === "GIT" ? "" : "PyPI", name: "repo", purl: null, rangeType, repo, events: [{ introduced: "0" }, { fixed: rangeType === "GIT" ? "a".repeat(40) : "1.0" }] });
    expect(affectedOf([range("GIT", "https://github.com/o/r")])[0]?.repo).toBe("https://github.com/o/r");
    for (const repo of ["http://github.com/o/r", 'https://"><img/src=x>', "https://github.com/o/\u0000r", "https:///", 7]) {
      expect(affectedOf([range("GIT", repo)]), JSON.stringify(repo)).toEqual([]);
      expect(affectedOf([range("ECOSYSTEM", repo)])[0]?.repo, JSON.stringify(repo)).toBeNull();
    }
  });
});
