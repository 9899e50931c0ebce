import { describe, expect, it } from "vitest";
import { generateKey, reformatKey, readPrivateKey, revokeKey } from "openpgp";
import { ValidationError } from "@/lib/server/errors";
import { formatFingerprint, inspectPublicKey } from "./pgp";

async function keyPair(opts: { expiresInSeconds?: number; date?: Date } = {}) {
  return generateKey({ type: "curve25519", userIDs: [{ name: "Acme Security", email: "security@acme.example" }], format: "armored", keyExpirationTime: opts.expiresInSeconds ?? 0, ...(opts.date ? { date: opts.date } : {}) });
}

describe("inspectPublicKey", () => {
  it("accepts a public key that can encrypt: fingerprint, expiry, user ids", async () => {
    const { publicKey } = await keyPair({ expiresInSeconds: 365 * 86400 });
    const info = await inspectPublicKey(publicKey);
    expect(info.fingerprint).toMatch(/^[0-9A-F]{40,64}$/);
    expect(info.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 360 * 86400_000);
    expect(info.userIds).toEqual(["Acme Security <security@acme.example>"]);
    expect(formatFingerprint("ABCD1234EF")).toBe("ABCD 1234 EF");
  });

  it("keys that never expire have no expiry", async () => {
    const { publicKey } = await keyPair();
    expect((await inspectPublicKey(publicKey)).expiresAt).toBeNull();
  });

  it.each([
    ["", /Paste the organisation's OpenPGP public key/],
    ["hello", /not a readable OpenPGP public key/],
    ["-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----", /not a readable/],
  ])("refuses %j", async (input, message) => {
    await expect(inspectPublicKey(input)).rejects.toThrow(message);
  });

  it("refuses a private key, loudly", async () => {
    const { privateKey } = await keyPair();
    await expect(inspectPublicKey(privateKey)).rejects.toThrow(/PRIVATE key/);
  });

  it("refuses an expired key", async () => {
    const { publicKey } = await keyPair({ expiresInSeconds: 3600, date: new Date(Date.now() - 7200_000) });
    await expect(inspectPublicKey(publicKey)).rejects.toBeInstanceOf(ValidationError);
    await expect(inspectPublicKey(publicKey)).rejects.toThrow(/expired on/);
  });

  it("refuses a revoked key", async () => {
    const { privateKey } = await keyPair();
    const { publicKey } = await revokeKey({ key: await readPrivateKey({ armoredKey: privateKey }), format: "armored" });
    await expect(inspectPublicKey(publicKey)).rejects.toThrow(/revoked/);
  });

  it("refuses a signing-only key", async () => {
    const { privateKey } = await keyPair();
    const key = await readPrivateKey({ armoredKey: privateKey });
    // The same primary key without its encryption subkey.
    const { publicKey } = await reformatKey({ privateKey: key, userIDs: [{ email: "sign@acme.example" }], format: "armored" });
    const stripped = (await import("openpgp")).readKey({ armoredKey: publicKey }).then(async (k) => {
      k.subkeys = [];
      return k.armor();
    });
    await expect(inspectPublicKey(await stripped)).rejects.toThrow(/cannot encrypt/);
  });
});
