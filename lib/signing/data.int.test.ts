// The signing contract on both databases: off until the project has a key; then every signature verifies with gpg and
// OpenPGP.js; rotation keeps the previous key published; revocation and expiry stop signing with a sentence that
// names the cause; the private key is stored sealed (no column ever holds it armored), and the audit names
// fingerprints and who acted, never key material.
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { decrypt, decryptKey, generateKey, readCleartextMessage, readKey, readMessage, readPrivateKey, verify } from "openpgp";
import { describeEachDatabase } from "@/test/db";
import { maintainer } from "@/test/viewers";
import { createGpg, type Gpg } from "@/test/gpg";
import { privateKeyTraces, tracesIn } from "@/test/key-material";
import { getInstanceSecret } from "@/lib/server/config";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import { openSealedText } from "@/lib/server/sealed";
import {
  assertSigningReady,
  forgetCachedKeys,
  generateKeyForProject,
  getSigningState,
  importKeyForProject,
  listProjectKeys,
  listPublishedKeys,
  revokeProjectKey,
  SEAL_INFO,
  signAndEncrypt,
  signDetached,
  signText,
  SigningUnavailableError,
} from "./data";
import { GenerateKeySchema, ImportKeySchema } from "./schemas";

const request = { ip: "192.0.2.17", userAgent: "vitest" };
let gpg: Gpg;

beforeAll(() => {
  process.env.NEXTAUTH_SECRET ??= "test-instance-secret";
  gpg = createGpg();
});
afterAll(() => gpg.dispose());


describeEachDatabase("signing: the project's key", (db) => {
  beforeEach(() => forgetCachedKeys());

  const newMaintainer = async (email = "key@project.example") => maintainer(await db.client.user.create({ data: { email, role: "MAINTAINER", status: "ACTIVE" } }));
  const allColumns = async () => JSON.stringify(await db.client.$queryRawUnsafe(`SELECT * FROM "ProjectKey"`));

  it("is off without a key: text unchanged, no detached signature, encryption only", async () => {
    expect(await getSigningState()).toEqual({ on: false, fingerprint: null, problem: null });
    await assertSigningReady();
    expect(await signText("hello\n")).toBe("hello\n");
    expect(await signDetached("hello")).toBeNull();
    const recipient = await generateKey({ type: "ecc", userIDs: [{ email: "psirt@vendor.example" }], format: "object" });
    const encrypted = await signAndEncrypt("secret", recipient.publicKey.armor());
    const { data, signatures } = await decrypt({ message: await readMessage({ armoredMessage: encrypted }), decryptionKeys: recipient.privateKey });
    expect(data).toBe("secret");
    expect(signatures).toHaveLength(0);
    expect(await listPublishedKeys()).toEqual([]);
  });

  it("generates a key that signs text and bytes verifiably; the private key is only ever sealed; the audit says who", async () => {
    const m = await newMaintainer();
    const details = await generateKeyForProject(m, GenerateKeySchema.parse({}), request);
    expect(await getSigningState()).toEqual({ on: true, fingerprint: details.fingerprint, problem: null });

    const [published] = await listPublishedKeys();
    expect(published).toMatchObject({ fingerprint: details.fingerprint, status: "ACTIVE", expiresAt: details.expiresAt });
    expect(gpg.importKey(published!.publicKey).ok).toBe(true);

    const signed = await signText("Notice ACME-1\n[EMBARGOED]\n");
    expect(gpg.verifyClearSigned(signed)).toBe(details.fingerprint);
    const check = await verify({ message: await readCleartextMessage({ cleartextMessage: signed }), verificationKeys: await readKey({ armoredKey: published!.publicKey }), expectSigned: true });
    expect(check.data).toBe("Notice ACME-1\n[EMBARGOED]\n");
    const bytes = new Uint8Array([0, 1, 2, 255, 10, 13]);
    expect(gpg.verifyDetached((await signDetached(bytes))!, bytes)).toBe(details.fingerprint);
    expect(gpg.verifyDetached((await signDetached("é\n"))!, "é\n")).toBe(details.fingerprint);

    // Stored: sealed under the instance secret with the signing key's own info; no column holds it armored.
    const row = await db.client.projectKey.findUniqueOrThrow({ where: { fingerprint: details.fingerprint } });
    const armoredPrivate = openSealedText(getInstanceSecret(), SEAL_INFO, row.encryptedPrivateKey!);
    expect(armoredPrivate).toContain("BEGIN PGP PRIVATE KEY BLOCK");
    expect(() => openSealedText(getInstanceSecret(), "totp-secret-v1", row.encryptedPrivateKey!)).toThrow();
    expect(tracesIn(await allColumns(), await privateKeyTraces(armoredPrivate))).toEqual([]);
    expect(row).toMatchObject({ status: "ACTIVE", origin: "generated", createdById: m.userId, algorithm: "EdDSA (Ed25519)" });

    const event = await db.client.auditEvent.findFirstOrThrow({ where: { action: "signing.key-generated" } });
    expect(event).toMatchObject({ actorId: m.userId, actorEmail: m.email, ipAddress: request.ip, targetId: row.id });
    expect(event.details).toMatchObject({ fingerprint: details.fingerprint });
    expect(JSON.stringify(event.details)).not.toMatch(/BEGIN PGP|v1\./);
  });

  it("signs and encrypts to a recipient: the recipient decrypts and verifies the project's signature", async () => {
    const m = await newMaintainer();
    const details = await generateKeyForProject(m, GenerateKeySchema.parse({}), request);
    const recipient = await generateKey({ type: "ecc", userIDs: [{ email: "psirt@vendor.example" }], format: "object" });
    const [published] = await listPublishedKeys();
    const encrypted = await signAndEncrypt("Full notice text", recipient.publicKey.armor());
    const { data, signatures } = await decrypt({
      message: await readMessage({ armoredMessage: encrypted }),
      decryptionKeys: recipient.privateKey,
      verificationKeys: await readKey({ armoredKey: published!.publicKey }),
      expectSigned: true,
    });
    expect(data).toBe("Full notice text");
    expect(signatures[0]!.keyID.toHex().toUpperCase()).toBe(details.fingerprint.slice(-16));
  });

  it("rotation: the new key signs at the next use, the old one stays published until the overlap ends", async () => {
    const m = await newMaintainer();
    const first = await generateKeyForProject(m, GenerateKeySchema.parse({}), request);
    gpg.importKey((await listPublishedKeys())[0]!.publicKey);
    expect(gpg.verifyClearSigned(await signText("one"))).toBe(first.fingerprint);
    const second = await generateKeyForProject(m, GenerateKeySchema.parse({ overlapDays: "30" }), request);
    gpg.importKey((await listPublishedKeys())[0]!.publicKey);
    expect(gpg.verifyClearSigned(await signText("two"))).toBe(second.fingerprint);

    const published = await listPublishedKeys();
    expect(published.map((k) => [k.fingerprint, k.status])).toEqual([
      [second.fingerprint, "ACTIVE"],
      [first.fingerprint, "RETIRED"],
    ]);
    const old = await db.client.projectKey.findUniqueOrThrow({ where: { fingerprint: first.fingerprint } });
    expect(old.publishUntil!.getTime() - old.retiredAt!.getTime()).toBe(30 * 86_400_000);
    // After the overlap the retired key is no longer listed.
    expect((await listPublishedKeys(new Date(Date.now() + 31 * 86_400_000))).map((k) => k.fingerprint)).toEqual([second.fingerprint]);
    const event = await db.client.auditEvent.findFirstOrThrow({ where: { action: "signing.key-generated" }, orderBy: { seq: "desc" } });
    expect(event.details).toMatchObject({ fingerprint: second.fingerprint, retiredFingerprint: first.fingerprint, overlapDays: 30 });
  });

  it("the decrypted key is cached per process, and a key changed elsewhere is seen at the next use", async () => {
    const m = await newMaintainer();
    const first = await generateKeyForProject(m, GenerateKeySchema.parse({}), request);
    await signText("warm the cache");
    // Another instance rotates: simulated by writing the rows directly (this process's cache is not told).
    const other = await generateKey({ type: "ecc", userIDs: [{ email: "x@project.example" }], format: "object" });
    await db.client.projectKey.update({ where: { fingerprint: first.fingerprint }, data: { status: "RETIRED", retiredAt: new Date() } });
    const { sealPrivateKey } = await import("./data");
    await db.client.projectKey.create({
      data: { fingerprint: other.privateKey.getFingerprint().toUpperCase(), algorithm: "EdDSA (Ed25519)", userIds: [], publicKey: other.publicKey.armor(), encryptedPrivateKey: sealPrivateKey(other.privateKey.armor()), keyCreatedAt: new Date(), origin: "imported" },
    });
    gpg.importKey(other.publicKey.armor());
    expect(gpg.verifyClearSigned(await signText("after rotation elsewhere"))).toBe(other.privateKey.getFingerprint().toUpperCase());
  });

  it("revocation: published with its revocation signature, private part erased, signing stops with the cause", async () => {
    const m = await newMaintainer();
    const details = await generateKeyForProject(m, GenerateKeySchema.parse({}), request);
    await signText("warm the cache");
    const [row] = await listProjectKeys(m);
    const refused = await revokeProjectKey(m, { keyId: row!.id, reason: "compromised", confirm: "00000000" }, request).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(await getSigningState()).toMatchObject({ problem: null });

    expect(await revokeProjectKey(m, { keyId: row!.id, reason: "compromised", confirm: details.fingerprint.slice(-8) }, request)).toEqual({ fingerprint: details.fingerprint, wasActive: true });
    const state = await getSigningState();
    expect(state).toMatchObject({ on: true, fingerprint: null, problem: expect.stringMatching(/revoked on .* no new key is active/) });
    await expect(signText("x")).rejects.toBeInstanceOf(SigningUnavailableError);
    await expect(signDetached("x")).rejects.toThrow(/revoked/);
    await expect(assertSigningReady()).rejects.toBeInstanceOf(SigningUnavailableError);

    const stored = await db.client.projectKey.findUniqueOrThrow({ where: { fingerprint: details.fingerprint } });
    expect(stored).toMatchObject({ status: "REVOKED", encryptedPrivateKey: null, revocationReason: "compromised" });
    const [published] = await listPublishedKeys();
    expect(published!.status).toBe("REVOKED");
    await expect((await readKey({ armoredKey: published!.publicKey })).isRevoked()).resolves.toBe(true);
    const event = await db.client.auditEvent.findFirstOrThrow({ where: { action: "signing.key-revoked" } });
    expect(event).toMatchObject({ actorEmail: m.email, details: { fingerprint: details.fingerprint, reason: "compromised", wasActive: true } });

    // A new key brings signing back.
    const next = await generateKeyForProject(m, GenerateKeySchema.parse({}), request);
    expect(await getSigningState()).toEqual({ on: true, fingerprint: next.fingerprint, problem: null });
  });

  it("an expired active key stops signing with the date", async () => {
    const m = await newMaintainer();
    const details = await generateKeyForProject(m, GenerateKeySchema.parse({}), request);
    await db.client.projectKey.update({ where: { fingerprint: details.fingerprint }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(signText("x")).rejects.toThrow(/expired on \d{4}-\d{2}-\d{2} \(UTC\)/);
  });

  it("imports a private key with its passphrase and re-seals it; refusals change nothing", async () => {
    const m = await newMaintainer();
    const { privateKey, publicKey } = await generateKey({ type: "ecc", curve: "curve25519Legacy", userIDs: [{ name: "Acme", email: "security@acme.example" }], passphrase: "open sesame", format: "armored" });
    const wrong = await importKeyForProject(m, ImportKeySchema.parse({ privateKey, passphrase: "nope" }), request).catch((e: unknown) => e);
    expect((wrong as ValidationError).fieldErrors.passphrase?.[0]).toMatch(/does not unlock/);
    const publicOnly = await importKeyForProject(m, ImportKeySchema.parse({ privateKey: publicKey }), request).catch((e: unknown) => e);
    expect((publicOnly as ValidationError).fieldErrors.privateKey?.[0]).toMatch(/public key only/);
    expect(await db.client.projectKey.count()).toBe(0);
    expect(await db.client.auditEvent.count()).toBe(0);

    const details = await importKeyForProject(m, ImportKeySchema.parse({ privateKey, passphrase: "open sesame" }), request);
    expect(gpg.importKey(publicKey).ok).toBe(true);
    expect(gpg.verifyClearSigned(await signText("imported"))).toBe(details.fingerprint);
    const unlocked = (await decryptKey({ privateKey: await readPrivateKey({ armoredKey: privateKey }), passphrase: "open sesame" })).armor();
    const traces = await privateKeyTraces(unlocked);
    expect(tracesIn(unlocked, traces)).not.toEqual([]);
    expect(tracesIn(await allColumns(), traces)).toEqual([]);
    const again = await importKeyForProject(m, ImportKeySchema.parse({ privateKey, passphrase: "open sesame" }), request).catch((e: unknown) => e);
    expect((again as ValidationError).publicMessage).toMatch(/already the project's active key/);
    const event = await db.client.auditEvent.findFirstOrThrow({ where: { action: "signing.key-imported" } });
    expect(event).toMatchObject({ actorEmail: m.email, details: { fingerprint: details.fingerprint } });
    expect(JSON.stringify(event.details)).not.toContain("sesame");
  });

  it("only a maintainer with a second factor manages keys", async () => {
    const m = await newMaintainer();
    const without = { ...m, secondFactor: false };
    await expect(generateKeyForProject(without, GenerateKeySchema.parse({}), request)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listProjectKeys(without)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.client.projectKey.count()).toBe(0);
  });
});
