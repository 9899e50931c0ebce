import { describe, expect, it } from "vitest";
import { parseSecurityTxt, securityTxt, securityTxtExpires } from "./security-txt";

const NOW = new Date("2026-12-03T13:45:12.345Z");

describe("security.txt (RFC 9116)", () => {
  it("names the report page, the security address, the key, the policy, itself and the language", () => {
    const fields = parseSecurityTxt(securityTxt({ publicUrl: "https://forewarn.example.org/", securityAddress: "security@example.org", hasReportKey: true, now: NOW }));
    expect(fields.get("contact")).toEqual(["https://forewarn.example.org/report", "mailto:security@example.org"]);
    expect(fields.get("encryption")).toEqual(["https://forewarn.example.org/report/public-key.asc"]);
    expect(fields.get("policy")).toEqual(["https://forewarn.example.org/report#policy"]);
    expect(fields.get("canonical")).toEqual(["https://forewarn.example.org/.well-known/security.txt"]);
    expect(fields.get("preferred-languages")).toEqual(["en"]);
    expect(fields.get("expires")).toEqual(["2027-06-01T00:00:00Z"]);
    // CSAF 2.0 §7.1.8: the provider metadata, at its well-known URL (§7.1.9), the one CSAF entry.
    expect(fields.get("csaf")).toEqual(["https://forewarn.example.org/.well-known/csaf/provider-metadata.json"]);
  });

  it("leaves out the address and the key when Settings has none", () => {
    const fields = parseSecurityTxt(securityTxt({ publicUrl: "http://localhost:3000", securityAddress: null, hasReportKey: false, now: NOW }));
    expect(fields.get("contact")).toEqual(["http://localhost:3000/report"]);
    expect(fields.has("encryption")).toBe(false);
    expect([...fields.keys()].filter((k) => k === "expires")).toHaveLength(1);
  });

  it.each(["2026-01-01T00:00:00Z", "2026-12-31T23:59:59Z", "2028-02-29T12:00:00Z"])("expires in the future and within a year from %s", (at) => {
    const now = new Date(at);
    const expires = securityTxtExpires(now);
    expect(expires.getTime()).toBeGreaterThan(now.getTime() + 150 * 86_400_000);
    expect(expires.getTime()).toBeLessThan(now.getTime() + 365 * 86_400_000);
    expect(expires.toISOString()).toMatch(/T00:00:00\.000Z$/);
  });

  it("ends with a newline, one field per line, no blank field", () => {
    const text = securityTxt({ publicUrl: "https://x.example", securityAddress: "s@x.example", hasReportKey: true, now: NOW });
    expect(text.endsWith("\n")).toBe(true);
    for (const line of text.trim().split("\n")) expect(line).toMatch(/^(#.*|[A-Z][A-Za-z-]+: \S.*)$/);
  });
});
