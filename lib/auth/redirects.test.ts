import { describe, expect, it } from "vitest";
import { AFTER_SIGN_IN, safeCallbackPath } from "./redirects";

const base = "https://forewarn.example";

describe("safeCallbackPath", () => {
  it.each([
    ["/vendor", "/vendor"],
    ["/maintainer/directory?q=acme", "/maintainer/directory?q=acme"],
    ["https://forewarn.example/account", "/account"],
  ])("keeps %s", (raw, expected) => expect(safeCallbackPath(raw, base)).toBe(expected));

  it.each([
    null,
    "",
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "http://forewarn.example/account", // other scheme = other origin
    "javascript:alert(1)",
    "/api/auth/signout",
    "https://forewarn.example.evil.example/",
  ])("refuses %j", (raw) => expect(safeCallbackPath(raw, base)).toBe(AFTER_SIGN_IN));
});
