import { describe, expect, it } from "vitest";
import { packageLines, ProjectSettingsSchema } from "./schemas";

const messages = (value: string) => {
  const result = packageLines.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe("the project's known packages follow the same rules as a notice's ranges", () => {
  it("keeps a package with an OSV ecosystem, and a typed purl that names it", () => {
    expect(packageLines.parse("PyPI cryptography\nnpm @acme/core pkg:npm/%40acme/core\nDebian:12 openssl")).toEqual([
      { ecosystem: "PyPI", name: "cryptography", purl: null },
      { ecosystem: "npm", name: "@acme/core", purl: "pkg:npm/%40acme/core" },
      { ecosystem: "Debian:12", name: "openssl", purl: null },
    ]);
  });

  it.each([
    ["pypi requests", /Line 1 .*did you mean PyPI\?/],
    ["Pip requests", /Line 1 .*not an OSV ecosystem/],
    ["PyPI acme-core-py pkg:pypi/acme-lib", /Line 1 .*names another package/],
    ["PyPI requests pkg:pypi/requests@2.0", /Line 1 .*names one version/],
    ["PyPI", /Line 1 .*ECOSYSTEM NAME/],
  ])("refuses %s with a message naming the line", (line, message) => {
    expect(messages(line)).toEqual([expect.stringMatching(message)]);
  });
});

describe("the project's addresses (they go into the CSAF and CVE documents)", () => {
  const { repositoryUrl, publisherNamespace } = ProjectSettingsSchema.shape;
  const problem = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) => (result.success ? null : result.error!.issues[0]!.message);

  it("keeps an https:// address in its normal form; the repository may be left empty, the namespace may not", () => {
    expect(repositoryUrl.parse("")).toBe("");
    expect(repositoryUrl.parse("  HTTPS://GitHub.com/libarchive/libarchive ")).toBe("https://github.com/libarchive/libarchive");
    expect(publisherNamespace.parse("https://libarchive.org")).toBe("https://libarchive.org");
    expect(problem(publisherNamespace.safeParse(""))).toContain("The publisher namespace is the publisher's web address");
  });

  it.each([
    ["http://libarchive.org", "only an https:// address is accepted"],
    ["https://user:secret@libarchive.org", "leave the user name and password out"],
    ["https://libarchive.org/\u202efdp.exe", "U+202E RIGHT-TO-LEFT OVERRIDE"],
    ["https://[::1", "not a valid web address"],
    ["libarchive.org", "not a valid web address"],
  ])("refuses %j, saying why", (value, why) => {
    expect(problem(repositoryUrl.safeParse(value))).toMatch(new RegExp(`^The repository URL: .*${why.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  });
});
