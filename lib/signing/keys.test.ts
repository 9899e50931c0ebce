// The key helpers against an independent implementation: what OpenPGP.js generates and signs here, gpg 2.2 reads and
// verifies; every refusal of an imported key names its reason and repeats nothing of what was pasted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMessage, decrypt, generateKey, readCleartextMessage, readKey, readMessage, readPrivateKey, readSignature, revokeKey, verify } from "openpgp";
import { ValidationError } from "@/lib/server/errors";
import { createGpg, type Gpg } from "@/test/gpg";
import { clearSign, encryptTo, generateProjectKey, inspectPrivateKey, revokedPublicKey, signBytesDetached } from "./keys";

let gpg: Gpg;
let project: Awaited<ReturnType<typeof generateProjectKey>>;

beforeAll(async () => {
  gpg = createGpg();
  project = await generateProjectKey({ name: "Acme", email: "security@acme.example" });
  expect(gpg.importKey(project.publicKey).ok).toBe(true);
});
afterAll(() => gpg.dispose());

describe("generateProjectKey", () => {
  it("makes a v4 EdDSA key with a cv25519 encryption subkey, the project's user id and a two-year expiry", async () => {
    const key = project.privateKey;
    expect(key.keyPacket.version).toBe(4);
    expect(key.getAlgorithmInfo()).toMatchObject({ algorithm: "eddsaLegacy" });
    expect(key.subkeys[0]!.getAlgorithmInfo()).toMatchObject({ algorithm: "ecdh", curve: "curve25519Legacy" });
    expect(project.details).toMatchObject({ algorithm: "EdDSA (Ed25519)", userIds: ["Acme security team <security@acme.example>"], fingerprint: expect.stringMatching(/^[0-9A-F]{40}$/) });
    const days = (project.details.expiresAt!.getTime() - project.details.keyCreatedAt.getTime()) / 86_400_000;
    expect(days).toBe(730);
    expect(project.publicKey).toContain("BEGIN PGP PUBLIC KEY BLOCK");
    expect(project.publicKey).not.toContain("PRIVATE");
  });

  it("is read by gpg 2.2 with the same fingerprint", () => {
    const listed = gpg.run(["--with-colons", "--list-keys", project.details.fingerprint]);
    expect(listed.ok).toBe(true);
    expect(listed.stdout.toString()).toContain(`fpr:::::::::${project.details.fingerprint}:`);
  });
});

describe("signing", () => {
  it("clear-signs text that gpg and OpenPGP.js verify", async () => {
    const text = "Forewarn notice ACME-2026-001\n[EMBARGOED] until 2026-12-10 14:00 UTC\n- a line starting with a dash\n";
    const signed = await clearSign(project.privateKey, text);
    expect(signed.startsWith("-----BEGIN PGP SIGNED MESSAGE-----")).toBe(true);
    expect(gpg.verifyClearSigned(signed)).toBe(project.details.fingerprint);
    const result = await verify({ message: await readCleartextMessage({ cleartextMessage: signed }), verificationKeys: await readKey({ armoredKey: project.publicKey }) });
    await expect(result.signatures[0]!.verified).resolves.toBe(true);
    // A changed text no longer verifies.
    expect(gpg.verifyClearSigned(signed.replace("ACME-2026-001", "ACME-2026-002"))).toBeNull();
  });

  it("signs exactly the bytes, detached: gpg and OpenPGP.js verify them, and refuse one changed byte", async () => {
    const bytes = new TextEncoder().encode('{"document":{"title":"Ünïcode"}}\n');
    const signature = await signBytesDetached(project.privateKey, bytes);
    expect(signature).toContain("BEGIN PGP SIGNATURE");
    expect(gpg.verifyDetached(signature, bytes)).toBe(project.details.fingerprint);
    expect(gpg.verifyDetached(await signBytesDetached(project.privateKey, '{"document":{"title":"Ünïcode"}}\n'), bytes)).toBe(project.details.fingerprint);
    const changed = bytes.slice();
    changed[3]! ^= 1;
    expect(gpg.verifyDetached(signature, changed)).toBeNull();
    const result = await verify({ message: await createMessage({ binary: bytes }), signature: await readSignature({ armoredSignature: signature }), verificationKeys: project.privateKey.toPublic() });
    await expect(result.signatures[0]!.verified).resolves.toBe(true);
  });

  it("encrypts to a recipient and signs; the recipient decrypts and verifies the project's signature", async () => {
    const recipient = await generateKey({ type: "ecc", curve: "curve25519Legacy", userIDs: [{ email: "psirt@vendor.example" }], format: "object" });
    const armored = await encryptTo(recipient.publicKey.armor(), project.privateKey, new Uint8Array([1, 2, 3, 250]), { filename: "fix.patch", binary: true });
    const { data, signatures, filename } = await decrypt({
      message: await readMessage({ armoredMessage: armored }),
      decryptionKeys: recipient.privateKey,
      verificationKeys: project.privateKey.toPublic(),
      format: "binary",
      expectSigned: true,
    });
    expect([...(data as Uint8Array)]).toEqual([1, 2, 3, 250]);
    expect(filename).toBe("fix.patch");
    await expect(signatures[0]!.verified).resolves.toBe(true);
    // And gpg, holding the recipient's secret key, reports the project's valid signature.
    const recipientGpg = createGpg();
    try {
      recipientGpg.importKey(recipient.privateKey.armor());
      recipientGpg.importKey(project.publicKey);
      const result = recipientGpg.run(["--decrypt"], armored);
      expect(result.ok).toBe(true);
      expect(result.status).toContain(`VALIDSIG ${project.details.fingerprint}`);
      expect([...result.stdout]).toEqual([1, 2, 3, 250]);
    } finally {
      recipientGpg.dispose();
    }
  });
});

describe("inspectPrivateKey", () => {
  const now = new Date();
  const later = () => new Date();
  const userIDs = [{ name: "Acme", email: "security@acme.example" }];
  const bodyLines = (armored: string) => armored.split("\n").filter((l) => l.length >= 24 && !l.startsWith("-----"));
  let withPassphrase: string;
  let revoked: string;
  let expired: string;
  let v6: string;
  let certifyOnly: string;

  beforeAll(async () => {
    withPassphrase = (await generateKey({ type: "ecc", userIDs, passphrase: "correct horse", format: "armored" })).privateKey;
    const toRevoke = await generateKey({ type: "ecc", userIDs, format: "object" });
    revoked = (await revokeKey({ key: toRevoke.privateKey, format: "armored" })).privateKey;
    expired = (await generateKey({ type: "ecc", userIDs, date: new Date(now.getTime() - 10 * 86_400_000), keyExpirationTime: 86_400, format: "armored" })).privateKey;
    v6 = (await generateKey({ type: "curve25519", userIDs, format: "armored", config: { v6Keys: true } })).privateKey;
    // A certify-only primary key without a signing subkey: OpenPGP.js never makes one, gpg does.
    const maker = createGpg();
    try {
      expect(maker.run(["--passphrase", "", "--quick-gen-key", "Certify only <c@acme.example>", "ed25519", "cert", "never"]).ok).toBe(true);
      certifyOnly = maker.run(["--passphrase", "", "--armor", "--export-secret-keys"]).stdout.toString();
    } finally {
      maker.dispose();
    }
  });

  it("accepts a key with its passphrase and returns it decrypted", async () => {
    const { key, details } = await inspectPrivateKey(withPassphrase, "correct horse", later());
    expect(key.isDecrypted()).toBe(true);
    expect(details.userIds).toEqual(["Acme <security@acme.example>"]);
  });

  it.each([
    ["an empty field", () => "", "", "privateKey", /Paste the project's OpenPGP private key/],
    ["unreadable text", () => "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nnot a key\n-----END PGP PRIVATE KEY BLOCK-----", "", "privateKey", /not a readable OpenPGP private key/],
    ["a public key only", () => project.publicKey, "", "privateKey", /public key only/],
    ["a missing passphrase", () => withPassphrase, "", "passphrase", /protected by a passphrase/],
    ["a wrong passphrase", () => withPassphrase, "wrong horse", "passphrase", /passphrase does not unlock/],
    ["a revoked key", () => revoked, "", "privateKey", /has been revoked/],
    ["an expired key", () => expired, "", "privateKey", /expired on \d{4}-\d{2}-\d{2} \(UTC\)/],
    ["a key that cannot sign", () => certifyOnly, "", "privateKey", /cannot sign/],
    ["a version 6 key", () => v6, "", "privateKey", /version 6 key/],
  ])("refuses %s with the reason, echoing nothing", async (_name, armored, passphrase, field, reason) => {
    const pasted = armored();
    const error = await inspectPrivateKey(pasted, passphrase, later()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const { publicMessage, fieldErrors } = error as ValidationError;
    expect(fieldErrors[field]?.[0]).toMatch(reason);
    const shown = JSON.stringify([publicMessage, fieldErrors]);
    for (const line of bodyLines(pasted)) expect(shown).not.toContain(line.slice(0, 24));
    expect(shown).not.toContain("-----END");
  });
});

describe("revokedPublicKey", () => {
  it("publishes the revocation: OpenPGP.js and gpg both see the key as revoked", async () => {
    const { privateKey } = await generateProjectKey({ name: "Acme", email: "security@acme.example" });
    const armored = await revokedPublicKey(await readPrivateKey({ armoredKey: privateKey.armor() }), "compromised");
    expect(armored).not.toContain("PRIVATE");
    await expect((await readKey({ armoredKey: armored })).isRevoked()).resolves.toBe(true);
    const home = createGpg();
    try {
      home.importKey(armored);
      const listed = home.run(["--with-colons", "--list-keys"]).stdout.toString();
      expect(listed).toMatch(/^pub:r:/m);
    } finally {
      home.dispose();
    }
  });
});
