import { describe, expect, it } from "vitest";
import { openSealedText, sealText } from "./sealed";

describe("sealed secrets", () => {
  it("opens with the same instance secret and info only, and refuses altered text", () => {
    const sealed = sealText("instance", "project-openpgp-key-v1", "-----BEGIN PGP PRIVATE KEY BLOCK-----");
    expect(sealed).not.toContain("PRIVATE");
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(openSealedText("instance", "project-openpgp-key-v1", sealed)).toBe("-----BEGIN PGP PRIVATE KEY BLOCK-----");
    expect(() => openSealedText("other", "project-openpgp-key-v1", sealed)).toThrow();
    // A TOTP secret's key never opens a signing key.
    expect(() => openSealedText("instance", "totp-secret-v1", sealed)).toThrow();
    const parts = sealed.split(".");
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith("AA") ? "BB" : "AA");
    expect(() => openSealedText("instance", "project-openpgp-key-v1", parts.join("."))).toThrow();
    expect(() => openSealedText("instance", "project-openpgp-key-v1", "v2.a.b.c")).toThrow(/unknown secret format/);
  });

  it("uses a fresh IV each time", () => {
    expect(sealText("s", "i", "same")).not.toBe(sealText("s", "i", "same"));
  });
});
