import { describe, expect, it } from "vitest";
import { describeChanges, lineDiff } from "./revision-changes";

const shown = { hideCredit: false };

describe("a revision's changes", () => {
  it("shows a moved disclosure time in UTC", () => {
    expect(describeChanges({ disclosureAt: ["2026-12-01T14:00:00.000Z", "2026-12-03T09:30:00.000Z"] }, shown)).toEqual([
      { field: "disclosureAt", label: "Disclosure time", from: "2026-12-01 14:00 UTC", to: "2026-12-03 09:30 UTC" },
    ]);
  });

  it("shows short values before → after, with words for flags, lists and empty values", () => {
    expect(describeChanges({ deployBeforeDisclosure: [false, true], cveIds: [[], ["CVE-2026-1234", "CVE-2026-5678"]], cwe: [null, "CWE-787"] }, shown)).toEqual([
      { field: "deployBeforeDisclosure", label: "Fixes may be deployed before disclosure", from: "no", to: "yes" },
      { field: "cveIds", label: "CVE ID", from: "none", to: "CVE-2026-1234, CVE-2026-5678" },
      { field: "cwe", label: "CWE", from: "none", to: "CWE-787" },
    ]);
  });

  it("copes with shapes it does not know", () => {
    expect(describeChanges(null, shown)).toEqual([]);
    expect(describeChanges([1, 2], shown)).toEqual([]);
    expect(describeChanges({ somethingNew: { a: 1 } }, shown)).toEqual([{ field: "somethingNew", label: "somethingNew", from: null, to: null }]);
  });

  it("never names a reporter who opted out of credit", () => {
    const changes = { reporterCredit: ["Alice Example", "Alice Example (Example Corp)"], reporterOptOut: [false, true] };
    const lines = describeChanges(changes, { hideCredit: true });
    expect(JSON.stringify(lines)).not.toContain("Alice");
    expect(lines).toContainEqual({ field: "reporterCredit", label: "Reporter credit", from: null, to: null });
    expect(describeChanges(changes, shown)).toContainEqual({ field: "reporterCredit", label: "Reporter credit", from: "Alice Example", to: "Alice Example (Example Corp)" });
  });
});

describe("a long text's line diff", () => {
  it("shows the changed lines with one line of context and a gap for the rest", () => {
    const before = ["# Impact", "", "one", "two", "three", "four", "five", "six"].join("\n");
    const after = ["# Impact", "", "one", "two", "THREE", "four", "five", "six", "seven"].join("\n");
    expect(lineDiff(before, after)).toEqual([
      { kind: "gap", text: "" },
      { kind: "context", text: "two" },
      { kind: "removed", text: "three" },
      { kind: "added", text: "THREE" },
      { kind: "context", text: "four" },
      { kind: "gap", text: "" },
      { kind: "context", text: "six" },
      { kind: "added", text: "seven" },
    ]);
  });

  it("is what a revision of a Markdown section shows, from empty too", () => {
    const [line] = describeChanges({ remediation: ["", "Upgrade to 4.2.7.\n"] }, shown);
    expect(line).toMatchObject({ field: "remediation", from: null, to: null, diff: [{ kind: "added", text: "Upgrade to 4.2.7." }] });
    expect(describeChanges({ description: ["short", "a\n\nlonger text"] }, shown)[0]!.diff).toEqual([
      { kind: "removed", text: "short" },
      { kind: "added", text: "a" },
      { kind: "added", text: "" },
      { kind: "added", text: "longer text" },
    ]);
  });

  it("never diffs the credit of a reporter who opted out", () => {
    expect(describeChanges({ reporterCredit: ["Jane Doe", "Jane Doe (Example Labs)\nand team"] }, { hideCredit: true })).toEqual([{ field: "reporterCredit", label: "Reporter credit", from: null, to: null }]);
  });
});

describe("structured fields in a revision", () => {
  it("shows affected ranges and links as lines of a diff", () => {
    const before = [{ ecosystem: "PyPI", name: "cryptography", rangeType: "ECOSYSTEM", repo: null, events: [{ introduced: "41.0.0" }, { fixed: "44.0.1" }] }];
    const after = [...before, { ecosystem: "", name: "cryptography", rangeType: "GIT", repo: "https://github.com/pyca/cryptography", events: [{ introduced: "0" }, { fixed: "abc123" }] }];
    expect(describeChanges({ affectedPackages: [before, after] }, shown)[0]!.diff).toEqual([
      { kind: "context", text: "PyPI cryptography (ECOSYSTEM): introduced 41.0.0, fixed 44.0.1" },
      { kind: "added", text: "cryptography (GIT https://github.com/pyca/cryptography): introduced 0, fixed abc123" },
    ]);
    expect(describeChanges({ references: [[], [{ type: "FIX", url: "https://example.org/c/1" }]] }, shown)[0]!.diff).toEqual([{ kind: "added", text: "fix https://example.org/c/1" }]);
  });

  it("leaves out ranges and links stored unchanged with their keys in another order (as jsonb returns them)", () => {
    const range = { ecosystem: "PyPI", name: "archiver", purl: null, rangeType: "ECOSYSTEM", repo: null, events: [{ introduced: "0" }, { fixed: "2.0.1" }] };
    const reordered = { name: "archiver", purl: null, repo: null, events: [{ introduced: "0" }, { fixed: "2.0.1" }], ecosystem: "PyPI", rangeType: "ECOSYSTEM" };
    const lines = describeChanges({ summary: ["Old", "New"], affectedPackages: [[range], [reordered]], references: [[{ type: "FIX", url: "https://example.org/c/1" }], [{ url: "https://example.org/c/1", type: "FIX" }]] }, shown);
    expect(lines.map((l) => l.label)).toEqual(["Summary"]);
  });
});
