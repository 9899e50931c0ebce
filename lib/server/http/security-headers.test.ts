import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, STATIC_SECURITY_HEADERS } from "./security-headers";

describe("contentSecurityPolicy", () => {
  const csp = contentSecurityPolicy("abc123", { dev: false, https: true });

  it.each(["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "script-src 'self' 'nonce-abc123' 'strict-dynamic'"])(
    "contains %s",
    (directive) => expect(csp).toContain(directive),
  );

  it("allows eval only in development", () => {
    expect(csp).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy("n", { dev: true, https: false })).toContain("'unsafe-eval'");
  });

  it("never allows inline scripts without the nonce", () => {
    expect(csp).not.toContain("unsafe-inline");
  });

  it("upgrades insecure requests only behind https", () => {
    expect(csp).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("n", { dev: false, https: false })).not.toContain("upgrade-insecure-requests");
  });
});

describe("createNonce", () => {
  it("is fresh and has 128 bits", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    expect(Buffer.from([...nonces][0]!, "base64")).toHaveLength(16);
  });
});

describe("static headers", () => {
  it("include HSTS, nosniff and a strict referrer policy", () => {
    const map = Object.fromEntries(STATIC_SECURITY_HEADERS.map((h) => [h.key, h.value]));
    expect(map["Strict-Transport-Security"]).toMatch(/max-age=\d{8,}/);
    expect(map["X-Content-Type-Options"]).toBe("nosniff");
    expect(map["Referrer-Policy"]).toBe("no-referrer");
  });
});
