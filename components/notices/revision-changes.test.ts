import { describe, expect, it } from "vitest";
import { describeChanges } from "./vendor-revision-changes";

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
      { field: "cveIds", label: "CVE IDs", from: "none", to: "CVE-2026-1234, CVE-2026-5678" },
      { field: "cwe", label: "CWE", from: "none", to: "CWE-787" },
    ]);
  });

  it("only says that a long text changed", () => {
    expect(describeChanges({ description: ["short", "a\n\nlonger text"] }, shown)).toEqual([{ field: "description", label: "Description", from: null, to: null }]);
    expect(describeChanges({ summary: ["x".repeat(200), "y"] }, shown)).toEqual([{ field: "summary", label: "Summary", from: null, to: null }]);
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
