import { describe, expect, it } from "vitest";
import { normalizeEmail } from "./email";

describe("normalizeEmail", () => {
  it.each([
    ["alice@example.org", "alice@example.org"],
    ["  Alice@Example.ORG ", "alice@example.org"],
    ["first.last+tag@sub.example.co.uk", "first.last+tag@sub.example.co.uk"],
    ["ＡＬＩＣＥ@example.org", "alice@example.org"], // full-width letters fold to ASCII under NFKC
  ])("accepts %s", (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });

  it.each([
    "",
    "alice",
    "alice@",
    "@example.org",
    "alice@example",
    "alice@@example.org",
    "alice@example.org,bob@example.org",
    "alice@example.org;bob@example.org",
    "alice@example.org bob@example.org",
    "Alice <alice@example.org>",
    '"alice"@example.org',
    "alice(comment)@example.org",
    "alice@example.org\r\nBcc: bob@example.org",
    "alice@exa mple.org",
    ".alice@example.org",
    "al..ice@example.org",
    "alice@.example.org",
    "alice@example..org",
    "alice@[127.0.0.1]",
    "аlice@example.org", // Cyrillic а
    `${"a".repeat(65)}@example.org`,
    `a@${"b".repeat(250)}.org`,
  ])("refuses %j", (input) => {
    expect(normalizeEmail(input)).toBeNull();
  });

  it("refuses non-strings", () => {
    expect(normalizeEmail(["a@example.org"])).toBeNull();
    expect(normalizeEmail(undefined)).toBeNull();
  });
});
