// The Settings fields for reports: a public key that can encrypt is kept with its fingerprint; a private key is
// refused without being echoed or stored; the audit names the key by its fingerprint only.
import { expect, it } from "vitest";
import { generateKey } from "openpgp";
import { describeEachDatabase } from "@/test/db";
import { maintainer } from "@/test/viewers";
import { ValidationError } from "@/lib/server/errors";
import { getProjectSettings, saveProjectSettings } from "./data";
import { ProjectSettingsSchema } from "./schemas";

const request = { ip: "192.0.2.80", userAgent: "vitest" };
const base = { name: "Acme", slug: "acme", repositoryUrl: "", packages: "", publisherName: "Acme", publisherNamespace: "https://acme.example", osvPrefix: "x_acme", defaultDisclosureTime: "14:00", defaultDisclosureZone: "UTC" };

describeEachDatabase("settings: the report key, security address and acknowledgement target", (db) => {
  it("keeps a public key with its fingerprint, the address and the target; audits the fingerprint only", async () => {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const { publicKey } = await generateKey({ type: "curve25519", userIDs: [{ email: "security@acme.example" }], format: "armored" });
    await saveProjectSettings(m, ProjectSettingsSchema.parse({ ...base, securityAddress: "security@acme.example", reportPublicKey: publicKey, acknowledgeTargetHours: "72" }), request);
    const s = await getProjectSettings();
    expect(s).toMatchObject({ securityAddress: "security@acme.example", acknowledgeTargetHours: 72 });
    expect(s.reportKeyFingerprint).toMatch(/^[0-9A-F]{40,64}$/);
    expect(s.reportPublicKey).toContain("BEGIN PGP PUBLIC KEY BLOCK");
    const event = await db.client.auditEvent.findFirstOrThrow({ where: { action: "settings.updated" } });
    expect(event.details).toMatchObject({ reportKeyFingerprint: s.reportKeyFingerprint, changed: expect.arrayContaining(["reportPublicKey", "securityAddress", "acknowledgeTargetHours"]) });
    expect(JSON.stringify(event.details)).not.toContain("BEGIN PGP");

    // Emptied: no key any more.
    await saveProjectSettings(m, ProjectSettingsSchema.parse({ ...base, reportPublicKey: "" }), request);
    expect(await getProjectSettings()).toMatchObject({ reportPublicKey: null, reportKeyFingerprint: null, securityAddress: null, acknowledgeTargetHours: 48 });
  });

  it("refuses a private key without echoing it, and saves nothing", async () => {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const { privateKey } = await generateKey({ type: "curve25519", userIDs: [{ email: "security@acme.example" }], format: "armored" });
    const error = await saveProjectSettings(m, ProjectSettingsSchema.parse({ ...base, reportPublicKey: privateKey }), request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const { publicMessage, fieldErrors } = error as ValidationError;
    expect(fieldErrors.reportPublicKey?.[0]).toMatch(/PRIVATE key/);
    expect(JSON.stringify([publicMessage, fieldErrors])).not.toContain(privateKey.split("\n")[2]!.slice(0, 20));
    expect(await db.client.projectSettings.count()).toBe(0);
    expect(await db.client.auditEvent.count()).toBe(0);
  });

  it("refuses a target outside 1–720 hours and a malformed address", () => {
    for (const hours of ["0", "721", "1.5", "soon"]) expect(ProjectSettingsSchema.safeParse({ ...base, acknowledgeTargetHours: hours }).success).toBe(false);
    expect(ProjectSettingsSchema.safeParse({ ...base, securityAddress: "security at acme" }).success).toBe(false);
  });
});
