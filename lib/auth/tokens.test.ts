import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, generateRecoveryCodes, hashRecoveryCode, hashSessionToken, normalizeRecoveryCode, randomToken } from "./tokens";

describe("tokens", () => {
  it("random tokens carry 256 bits and never repeat", () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => randomToken()));
    expect(tokens.size).toBe(1000);
    expect(Buffer.from([...tokens][0]!, "base64url")).toHaveLength(32);
  });

  it("session tokens are stored as a hash", () => {
    expect(hashSessionToken("abc")).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSessionToken("abc")).not.toContain("abc");
  });

  it("recovery codes are distinct, typed loosely, hashed with the instance secret", () => {
    const codes = generateRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const code = codes[0]!;
    expect(normalizeRecoveryCode(` ${code.toUpperCase().replace("-", " ")} `)).toBe(code);
    expect(hashRecoveryCode("s1", code.toUpperCase())).toBe(hashRecoveryCode("s1", code));
    expect(hashRecoveryCode("s2", code)).not.toBe(hashRecoveryCode("s1", code));
  });

  it("TOTP secrets are encrypted, authenticated and bound to the instance secret", () => {
    const sealed = encryptSecret("instance", "JBSWY3DPEHPK3PXPJBSWY3DP");
    expect(sealed).not.toContain("JBSWY3DP");
    expect(decryptSecret("instance", sealed)).toBe("JBSWY3DPEHPK3PXPJBSWY3DP");
    expect(() => decryptSecret("other", sealed)).toThrow();
    const parts = sealed.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => decryptSecret("instance", parts.join("."))).toThrow();
  });
});
