import { describe, expect, it } from "vitest";
import { GenerateKeySchema, ImportKeySchema, RevokeKeySchema } from "./schemas";

describe("key forms", () => {
  it("defaults to two years of validity and a year of overlap", () => {
    expect(GenerateKeySchema.parse({})).toEqual({ validityDays: 730, overlapDays: 365 });
    expect(GenerateKeySchema.parse({ validityDays: "365", overlapDays: "0" })).toEqual({ validityDays: 365, overlapDays: 0 });
  });

  it.each([
    [{ validityDays: "29" }, /validity must be a whole number of days from 30 to 3650/],
    [{ validityDays: "3651" }, /validity/],
    [{ validityDays: "1.5" }, /validity/],
    [{ overlapDays: "-1" }, /overlap must be a whole number of days from 0 to 3650/],
    [{ overlapDays: "soon" }, /overlap/],
  ])("refuses %o", (input, message) => {
    const result = GenerateKeySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(message);
  });

  it("keeps a passphrase exactly as typed", () => {
    expect(ImportKeySchema.parse({ privateKey: "x", passphrase: " two spaces " }).passphrase).toBe(" two spaces ");
    expect(ImportKeySchema.parse({ privateKey: "x" }).passphrase).toBe("");
  });

  it("revocation: a known reason and the key's last 8 characters, spaces and case ignored", () => {
    expect(RevokeKeySchema.parse({ keyId: "k1", reason: "compromised", confirm: "89ab cdef" })).toEqual({ keyId: "k1", reason: "compromised", confirm: "89ABCDEF" });
    expect(RevokeKeySchema.safeParse({ keyId: "k1", reason: "bored", confirm: "89ABCDEF" }).success).toBe(false);
    expect(RevokeKeySchema.safeParse({ keyId: "k1", reason: "retired", confirm: "89ABCDE" }).success).toBe(false);
  });
});
