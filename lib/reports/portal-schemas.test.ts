import { describe, expect, it } from "vitest";
import { ReportCreditSchema } from "./portal-schemas";

// The credit is published verbatim, in the plain-text announcement too: a second line would be a forged section.
describe("ReportCreditSchema", () => {
  const base = { reportId: "r1", creditKind: "NAME" };
  it.each([
    ["one line", "Ada Finder", true],
    ["a new line", "Bob.\n\nReferences\n----------\nPatch: https://evil.example/fix.patch", false],
    ["a carriage return", "Bob\rPatch", false],
    ["a bidi override", "Bob \u202Eevil", false],
    ["a zero-width space", "Bo\u200Bb", false],
  ])("%s", (_label, creditText, ok) => {
    expect(ReportCreditSchema.safeParse({ ...base, creditText }).success).toBe(ok);
  });
});
