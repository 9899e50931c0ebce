import { describe, expect, it } from "vitest";
import { affectedRangesField, referencesField, referencesText } from "./advisory-fields";

const rows = (...r: object[]) => JSON.stringify(r);
const base = { ecosystem: "PyPI", name: "cryptography", purl: "", rangeType: "ECOSYSTEM", repo: "", introduced: "", fixed: "", lastAffected: "" };
const issues = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) => result.error?.issues.map((i) => i.message) ?? [];

const COMMIT_A = "1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c";
const COMMIT_B = "A1B2C3D4E5F60718A1B2C3D4E5F60718A1B2C3D4";

describe("affected ranges", () => {
  it("turns rows into ranges whose events start at introduced (0 when empty), with the purl derived from ecosystem + name", () => {
    expect(affectedRangesField.parse(rows({ ...base, fixed: "44.0.1" }))).toEqual([{ ecosystem: "PyPI", name: "cryptography", purl: "pkg:pypi/cryptography", rangeType: "ECOSYSTEM", repo: null, events: [{ introduced: "0" }, { fixed: "44.0.1" }] }]);
    expect(affectedRangesField.parse(rows({ ...base, rangeType: "GIT", ecosystem: "PyPI", repo: "https://github.com/pyca/cryptography", introduced: COMMIT_A, lastAffected: COMMIT_B }))[0]).toMatchObject({ ecosystem: "", purl: null, events: [{ introduced: COMMIT_A }, { last_affected: COMMIT_B.toLowerCase() }] });
    expect(affectedRangesField.parse("")).toEqual([]);
  });

  it("accepts OSV's ecosystems with their release suffixes, and SemVer ranges in order", () => {
    const parsed = affectedRangesField.parse(
      rows(
        { ...base, ecosystem: "Debian:12", name: "openssl", fixed: "3.0.15-1~deb12u1" },
        { ...base, ecosystem: "Ubuntu:22.04:LTS", name: "openssl", fixed: "3.0.2-0ubuntu1.18" },
        { ...base, ecosystem: "Alpine:v3.16", name: "openssl", fixed: "1.1.1w-r0" },
        { ...base, ecosystem: "npm", name: "@acme/parser", rangeType: "SEMVER", introduced: "1.0.0", fixed: "1.4.2-rc.1" },
        { ...base, ecosystem: "Maven", name: "org.acme:parser", purl: "pkg:maven/org.acme/parser?type=jar", introduced: "1.0", fixed: "1.2" },
      ),
    );
    expect(parsed.map((r) => [r.ecosystem, r.purl])).toEqual([
      ["Debian:12", "pkg:deb/debian/openssl"],
      ["Ubuntu:22.04:LTS", "pkg:deb/ubuntu/openssl"],
      ["Alpine:v3.16", "pkg:apk/alpine/openssl"],
      ["npm", "pkg:npm/%40acme/parser"],
      ["Maven", "pkg:maven/org.acme/parser?type=jar"],
    ]);
  });

  it.each([
    [{ ...base, fixed: "1", lastAffected: "2" }, "either the fixed version or the last affected one"],
    [{ ...base }, "at least the version that introduced"],
    [{ ...base, rangeType: "GIT", repo: "http://insecure.example", fixed: COMMIT_A }, "the repository: only an https:// address"],
    [{ ...base, rangeType: "GIT", repo: "", fixed: COMMIT_A }, "a git range needs the repository's https:// URL"],
    [{ ...base, repo: "JAVASCRIPT:alert(1)//", fixed: "1.0" }, "the repository: this is not a valid web address"],
    [{ ...base, repo: "http://insecure.example", fixed: "1.0" }, "only an https:// address"],
    [{ ...base, repo: 'https://"><img/src=x>', fixed: "1.0" }, "the repository: this is not a valid web address"],
    [{ ...base, repo: "https://user:secret@github.com/o/r", fixed: "1.0" }, "leave the user name and password out"],
    [{ ...base, repo: "https://github.com/o/\u202er", fixed: "1.0" }, "U+202E RIGHT-TO-LEFT OVERRIDE"],
    // Control and invisible characters are named, not stored (a NUL cannot be stored at all).
    [{ ...base, name: "re\u0000po", fixed: "1.0" }, "The name contains U+0000 CONTROL CHARACTER"],
    [{ ...base, fixed: "1.0\u200b" }, "A version contains U+200B ZERO WIDTH SPACE"],
    [{ ...base, purl: "pkg:pypi/cryptography\u0007", fixed: "1.0" }, "The package URL contains U+0007"],
    [{ ...base, ecosystem: "", fixed: "1" }, "name the package's ecosystem"],
    [{ ...base, fixed: "1 2" }, "A version has no spaces"],
    [{ ...base, fixed: "1", extra: "x" }, "Unrecognized key"],
    // Ecosystems as OSV spells them.
    [{ ...base, ecosystem: "pypi", fixed: "1" }, "did you mean PyPI?"],
    [{ ...base, ecosystem: "debian:12", fixed: "1" }, "did you mean Debian:12?"],
    [{ ...base, ecosystem: "Pip", fixed: "1" }, "“Pip” is not an OSV ecosystem"],
    [{ ...base, ecosystem: "Alpine", fixed: "1" }, "Alpine needs its release after a colon, e.g. Alpine:v3.16"],
    [{ ...base, ecosystem: "Alpine:3.16", fixed: "1" }, "write it like Alpine:v3.16"],
    [{ ...base, ecosystem: "Ubuntu:jammy", fixed: "1" }, "write it like Ubuntu:22.04:LTS"],
    [{ ...base, ecosystem: "PyPI:3", fixed: "1" }, "PyPI takes no suffix"],
    // A purl names the row's own package, or is derived.
    [{ ...base, name: "acme-core-py", purl: "pkg:pypi/acme-lib", fixed: "1" }, "The purl pkg:pypi/acme-lib names another package than PyPI acme-core-py (expected pkg:pypi/acme-core-py)"],
    [{ ...base, purl: "pkg:npm/cryptography", fixed: "1" }, "names another package"],
    [{ ...base, purl: "not a purl", fixed: "1" }, "is not a package URL"],
    [{ ...base, purl: "pkg:pypi/cryptography@44.0.1", fixed: "1" }, "remove it"],
    // SEMVER, GIT, order.
    [{ ...base, rangeType: "SEMVER", fixed: "v1.2.3" }, "not a SemVer 2.0 version (like 1.4.2 or 2.0.0-rc.1, without a leading v): did you mean 1.2.3?"],
    [{ ...base, rangeType: "SEMVER", fixed: "1.2" }, "“1.2” is not a SemVer 2.0 version"],
    [{ ...base, rangeType: "GIT", repo: "https://github.com/pyca/cryptography", fixed: "main" }, "“main” is not a full commit hash"],
    [{ ...base, rangeType: "GIT", repo: "https://github.com/pyca/cryptography", introduced: "1f2e3d4", fixed: COMMIT_A }, "“1f2e3d4” is not a full commit hash"],
    [{ ...base, rangeType: "SEMVER", introduced: "2.0.0", fixed: "1.9.9" }, "(2.0.0) must come before the fixed version (1.9.9)"],
    [{ ...base, rangeType: "SEMVER", introduced: "2.0.0", fixed: "2.0.0" }, "must come before the fixed version"],
    [{ ...base, rangeType: "SEMVER", introduced: "2.0.0", lastAffected: "1.0.0" }, "must not come after the last affected version (1.0.0)"],
    [{ ...base, ecosystem: "npm", name: "left-pad", introduced: "2.0.0", fixed: "1.0.0" }, "must come before the fixed version"],
  ])("refuses %j with a message naming the range", (row, message) => {
    const messages = issues(affectedRangesField.safeParse(rows({ ...base, fixed: "1.0.0" }, row)));
    expect(messages.join(" ")).toContain("Range 2");
    expect(messages.join(" ")).not.toContain("Range 1");
    expect(messages.join(" ").toLowerCase()).toContain(message.toLowerCase());
  });

  it("leaves free-form versions alone where the order is the ecosystem's own (PyPI, Debian)", () => {
    expect(affectedRangesField.safeParse(rows({ ...base, introduced: "2.0", fixed: "1.0" })).success).toBe(true);
    expect(affectedRangesField.safeParse(rows({ ...base, ecosystem: "Debian:12", name: "openssl", introduced: "1:2.0", fixed: "1:1.0" })).success).toBe(true);
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

  it("takes a link in any case and keeps it in its normal form (scheme and host in lower case, the rest as written)", () => {
    expect(referencesField.parse("fix HTTPS://GitHub.com/o/R/commit/ABC\nHttp://example.org/X")).toEqual([
      { type: "FIX", url: "https://github.com/o/R/commit/ABC" },
      { type: "WEB", url: "http://example.org/X" },
    ]);
    expect(affectedRangesField.parse(rows({ ...base, rangeType: "GIT", repo: "HTTPS://github.com/pyca/Cryptography", introduced: COMMIT_A, fixed: COMMIT_B }))[0]?.repo).toBe("https://github.com/pyca/Cryptography");
  });

  it.each(["javascript:alert(1)", "JAVASCRIPT://x.example", "fix ftp://x.example", "FTP://x.example", "bogus https://x.example", "fix https://a.example extra"])("refuses %s", (line) => {
    expect(issues(referencesField.safeParse(line)).join(" ")).toContain("Line 1");
  });

  it.each([
    ["https://[::1", "not a valid web address"],
    ["https:///", "not a valid web address"],
    ["https://x.example/a|b", "“|”, “^” or “[ ]” in it percent-encoded"],
    ["https://user:pass@host.example/x", "leave the user name and password out"],
    ["https://a\u202egnp.exe", "U+202E RIGHT-TO-LEFT OVERRIDE"],
    ["https://x\u0001y.example", "U+0001 CONTROL CHARACTER"],
    ["https://x.example/\u0000", "U+0000 CONTROL CHARACTER"],
    ["https://x\u200by.example", "U+200B ZERO WIDTH SPACE"],
  ])("refuses %j, saying why", (line, why) => {
    expect(issues(referencesField.safeParse(`web https://ok.example\nfix ${line}`)).join(" ")).toContain(`Line 2: `);
    expect(issues(referencesField.safeParse(`fix ${line}`)).join(" ")).toContain(why);
  });

  it("keeps a link with characters a URI may not hold as its percent-encoded form (what the records carry)", () => {
    expect(referencesField.parse('fix https://x.example/"><script>alert(1)</script>')).toEqual([{ type: "FIX", url: "https://x.example/%22%3E%3Cscript%3Ealert(1)%3C/script%3E" }]);
    expect(referencesField.parse("https://bücher.example/ü")).toEqual([{ type: "WEB", url: "https://xn--bcher-kva.example/%C3%BC" }]);
  });
});
