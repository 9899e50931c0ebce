// Files whose signature or digest the maintainers publish beside them are served as they are: a marked copy would no
// longer verify (a vendor's check of the project's own signature or SHA256SUMS must keep working).
import { describe, expect, it } from "vitest";
import { hasDetachedSignature } from "./data/marked-copies";

describe("which files are never marked", () => {
  it.each([
    ["fix.patch", ["fix.patch", "fix.patch.asc"]],
    ["fix.patch", ["fix.patch", "fix.patch.sig"]],
    ["fix.patch", ["fix.patch", "fix.patch.minisig"]],
    ["release.tar.gz", ["release.tar.gz", "release.tar.gz.sha256"]],
    ["release.tar.gz", ["release.tar.gz", "release.tar.gz.SHA512"]],
    ["fix.patch", ["fix.patch", "SHA256SUMS"]],
    ["fix.patch", ["fix.patch", "SHA256SUMS.asc"]],
    ["fix.patch", ["fix.patch", "sha512sums.txt"]],
    ["fix.patch", ["fix.patch", "checksums.txt"]],
    ["fix.patch", ["fix.patch", "project-1.2-CHECKSUMS"]],
  ])("%s beside %j is served unmarked", (file, siblings) => {
    expect(hasDetachedSignature(file, siblings)).toBe(true);
  });

  it.each([
    ["fix.patch", ["fix.patch"]],
    ["fix.patch", ["fix.patch", "other.patch.asc", "notes.txt"]],
    ["fix.patch", ["fix.patch", "sha256-notes.patch"]],
  ])("%s beside %j is marked", (file, siblings) => {
    expect(hasDetachedSignature(file, siblings)).toBe(false);
  });
});
