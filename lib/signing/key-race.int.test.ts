// The project's key under concurrent changes, on both databases: a revocation checks the typed fingerprint and the
// key's status in the transaction that uses them, so a rotation made while the revocation signature was being
// computed is seen (the key revoked is the one confirmed; "was active" is what it was when revoked), and a rotation
// racing a revocation never turns a revoked key back into a retired one.
import { beforeAll, beforeEach, expect, it, vi } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer } from "@/test/viewers";
import type { MaintainerViewer } from "@/lib/server/viewer-types";

/** Runs once between the revocation's first read and its transaction (while the revocation signature is made). */
const between = vi.hoisted(() => ({ run: null as null | (() => Promise<void>) }));
vi.mock("@/lib/signing/keys", async (importOriginal) => {
  const keys = await importOriginal<typeof import("@/lib/signing/keys")>();
  return {
    ...keys,
    revokedPublicKey: async (...args: Parameters<typeof keys.revokedPublicKey>) => {
      const run = between.run;
      between.run = null;
      if (run) await run();
      return keys.revokedPublicKey(...args);
    },
  };
});

const { forgetCachedKeys, generateKeyForProject, getSigningState, importKeyForProject, listProjectKeys, revokeProjectKey } = await import("./data");
const { GenerateKeySchema, ImportKeySchema } = await import("./schemas");
const { generateKey } = await import("openpgp");

const request = { ip: "192.0.2.18", userAgent: "vitest" };

beforeAll(() => {
  process.env.NEXTAUTH_SECRET ??= "test-instance-secret";
});

describeEachDatabase("signing: the key under concurrent changes", (db) => {
  beforeEach(() => {
    forgetCachedKeys();
    between.run = null;
  });

  const newMaintainer = async (email: string): Promise<MaintainerViewer> => maintainer(await db.client.user.create({ data: { email, role: "MAINTAINER", status: "ACTIVE" } }));
  const generate = (m: MaintainerViewer) => generateKeyForProject(m, GenerateKeySchema.parse({ validityDays: "365", overlapDays: "30" }), request);
  const byFingerprint = async (fingerprint: string) => db.client.projectKey.findUniqueOrThrow({ where: { fingerprint }, select: { status: true, encryptedPrivateKey: true } });

  it("a rotation between the revocation's check and its use: the confirmed key is revoked as the retired key it now is", async () => {
    const a = await newMaintainer("race-a@project.example");
    const b = await newMaintainer("race-b@project.example");
    const first = await generate(a);
    const row = await db.client.projectKey.findUniqueOrThrow({ where: { fingerprint: first.fingerprint }, select: { id: true } });
    let second = "";
    // Another maintainer rotates while the revocation signature is being made.
    between.run = async () => {
      second = (await generate(b)).fingerprint;
    };
    const revoked = await revokeProjectKey(a, { keyId: row.id, reason: "compromised", confirm: first.fingerprint.slice(-8) }, request);
    expect(second).toMatch(/^[0-9A-F]{40}$/);
    expect(revoked).toEqual({ fingerprint: first.fingerprint, wasActive: false });
    expect(await byFingerprint(first.fingerprint)).toEqual({ status: "REVOKED", encryptedPrivateKey: null });
    // The rotation's key stays the active one: signing goes on with it.
    expect((await byFingerprint(second)).status).toBe("ACTIVE");
    expect(await getSigningState()).toMatchObject({ on: true, fingerprint: second, problem: null });
    const audit = await db.client.auditEvent.findFirstOrThrow({ where: { action: "signing.key-revoked" }, select: { details: true } });
    expect(audit.details).toMatchObject({ fingerprint: first.fingerprint, wasActive: false });
  });

  it("the typed characters are checked again under the lock: a key revoked meanwhile by another maintainer is refused once", async () => {
    const a = await newMaintainer("race-a@project.example");
    const b = await newMaintainer("race-b@project.example");
    const key = await generate(a);
    const row = await db.client.projectKey.findUniqueOrThrow({ where: { fingerprint: key.fingerprint }, select: { id: true } });
    between.run = async () => {
      await revokeProjectKey(b, { keyId: row.id, reason: "superseded", confirm: key.fingerprint.slice(-8) }, request);
    };
    await expect(revokeProjectKey(a, { keyId: row.id, reason: "compromised", confirm: key.fingerprint.slice(-8) }, request)).rejects.toThrow(/already revoked/);
    expect(await db.client.auditEvent.count({ where: { action: "signing.key-revoked" } })).toBe(1);
    expect((await db.client.projectKey.findUniqueOrThrow({ where: { id: row.id } })).revocationReason).toBe("superseded");
  });

  it("a rotation and a revocation of the active key at once: the revoked key stays revoked, one key is active", async () => {
    const a = await newMaintainer("race-a@project.example");
    const b = await newMaintainer("race-b@project.example");
    const first = await generate(a);
    const row = await db.client.projectKey.findUniqueOrThrow({ where: { fingerprint: first.fingerprint }, select: { id: true } });
    const [revoked, rotated] = await Promise.allSettled([revokeProjectKey(a, { keyId: row.id, reason: "compromised", confirm: first.fingerprint.slice(-8) }, request), generate(b)]);
    expect(revoked.status).toBe("fulfilled");
    expect(rotated.status).toBe("fulfilled");
    const keys = await listProjectKeys(a);
    expect(keys.filter((k) => k.status === "ACTIVE")).toHaveLength(1);
    expect(keys.find((k) => k.fingerprint === first.fingerprint)!.status).toBe("REVOKED");
    const wasActive = (revoked as PromiseFulfilledResult<{ wasActive: boolean }>).value.wasActive;
    const audit = await db.client.auditEvent.findFirstOrThrow({ where: { action: "signing.key-revoked" }, select: { details: true } });
    expect(audit.details).toMatchObject({ wasActive });
  });

  it("importing the same key twice at once: one import, the other refused as the project's key already", async () => {
    const a = await newMaintainer("race-a@project.example");
    const { privateKey } = await generateKey({ type: "curve25519", userIDs: [{ email: "security@project.example" }], format: "armored" });
    const input = ImportKeySchema.parse({ privateKey, passphrase: "", overlapDays: "30" });
    const outcomes = await Promise.allSettled([importKeyForProject(a, input, request), importKeyForProject(a, input, request)]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(String((outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult).reason.message)).toMatch(/already the project's active key|changed at the same moment/);
    expect(await db.client.projectKey.count()).toBe(1);
  });
});
