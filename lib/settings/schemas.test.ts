import { describe, expect, it } from "vitest";
import { packageLines } from "./schemas";

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
