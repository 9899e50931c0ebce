import { describe, expect, it } from "vitest";
import { purlForRow, rowsFromRanges } from "./range-rows";

const packages = [
  { ecosystem: "PyPI", name: "acme-lib", purl: "pkg:pypi/acme-lib" },
  { ecosystem: "Debian:12", name: "acme", purl: "pkg:deb/debian/acme?arch=source" },
];

describe("range rows", () => {
  it("post a known package's purl only while the row names that package", () => {
    expect(purlForRow({ ecosystem: "PyPI", name: "acme-lib" }, packages)).toBe("pkg:pypi/acme-lib");
    expect(purlForRow({ ecosystem: "PyPI", name: "acme-core-py" }, packages)).toBe("");
    expect(purlForRow({ ecosystem: "npm", name: "acme-lib" }, packages)).toBe("");
    expect(purlForRow({ ecosystem: "Debian:12", name: "acme" }, packages)).toBe("pkg:deb/debian/acme?arch=source");
  });

  it("open a stored range without another package's purl (saved before that was refused)", () => {
    const stored = [
      { ecosystem: "PyPI", name: "acme-core-py", purl: "pkg:pypi/acme-lib", rangeType: "ECOSYSTEM", repo: null, events: [{ introduced: "0" }, { fixed: "2.0" }] },
      { ecosystem: "PyPI", name: "acme-lib", purl: "pkg:pypi/acme-lib", rangeType: "ECOSYSTEM", repo: null, events: [{ introduced: "1.0" }, { fixed: "1.2" }] },
    ];
    expect(rowsFromRanges(stored).map((r) => [r.name, r.purl, r.introduced, r.fixed])).toEqual([
      ["acme-core-py", "", "", "2.0"],
      ["acme-lib", "pkg:pypi/acme-lib", "1.0", "1.2"],
    ]);
  });
});
