import { describe, expect, it } from "vitest";
import { decrypt, generateKey, readMessage, readPrivateKey } from "openpgp";
import { EncryptionRefusedError, encryptForKey } from "./pgp";

async function pair(keyExpirationTime = 0, date?: Date) {
  return generateKey({ type: "curve25519", userIDs: [{ email: "security@acme.example" }], format: "armored", keyExpirationTime, ...(date ? { date } : {}) });
}

describe("encryptForKey", () => {
  it("encrypts so that only the organisation's private key reads it", async () => {
    const { publicKey, privateKey } = await pair();
    const armored = await encryptForKey(publicKey, "FW-2026-0007: heap overflow in the parser");
    expect(armored).toMatch(/^-----BEGIN PGP MESSAGE-----/);
    expect(armored).not.toContain("heap overflow");
    const { data } = await decrypt({ message: await readMessage({ armoredMessage: armored }), decryptionKeys: await readPrivateKey({ armoredKey: privateKey }) });
    expect(data).toBe("FW-2026-0007: heap overflow in the parser");
  });

  it("another key cannot read it", async () => {
    const { publicKey } = await pair();
    const other = await pair();
    const armored = await encryptForKey(publicKey, "secret");
    await expect(decrypt({ message: await readMessage({ armoredMessage: armored }), decryptionKeys: await readPrivateKey({ armoredKey: other.privateKey }) })).rejects.toThrow();
  });

  it("refuses an expired key instead of sending in clear", async () => {
    const { publicKey } = await pair(3600, new Date(Date.now() - 7200_000));
    await expect(encryptForKey(publicKey, "secret")).rejects.toBeInstanceOf(EncryptionRefusedError);
    await expect(encryptForKey(publicKey, "secret")).rejects.toThrow(/expired on/);
  });

  it("refuses unreadable keys and private keys", async () => {
    await expect(encryptForKey("nonsense", "secret")).rejects.toThrow(/cannot be read/);
    const { privateKey } = await pair();
    await expect(encryptForKey(privateKey, "secret")).rejects.toThrow(/private key/);
  });
});
