// One key for the project (issue 17): once the project has an OpenPGP key, reports are encrypted to it — the report
// page and its key file, security.txt's Encryption field and the server's check of encrypted fields — instead of
// the report key pasted in Settings. Importing that report key's private key keeps the very same key.
import { beforeAll, expect, it } from "vitest";
import { createMessage, encrypt, generateKey, readKey } from "openpgp";
import { describeEachDatabase } from "@/test/db";
import { maintainer } from "@/test/viewers";
import { ANONYMOUS } from "@/lib/server/viewer-types";
import { ValidationError } from "@/lib/server/errors";
import { saveProjectSettings } from "@/lib/settings/data";
import { ProjectSettingsSchema } from "@/lib/settings/schemas";
import { generateKeyForProject, importKeyForProject, revokeProjectKey, listProjectKeys } from "@/lib/signing/data";
import { GenerateKeySchema, ImportKeySchema } from "@/lib/signing/schemas";
import { ReportSubmissionSchema } from "./schemas";
import { getReportIntakeInfo, submitReport } from "./data";

const request = { ip: "203.0.113.30", userAgent: "vitest" };
const settings = { repositoryUrl: "", packages: "", name: "Acme", slug: "acme", publisherName: "Acme", publisherNamespace: "https://acme.example", osvPrefix: "x_acme", defaultDisclosureTime: "14:00", defaultDisclosureZone: "UTC", securityAddress: "security@acme.example" };
const report = (details: string) => ReportSubmissionSchema.parse({ summary: "Overflow", details, affectedVersions: "", reproduction: "", reporterName: "R", email: "r@reporter.example", creditKind: "NONE", encrypted: "yes" });
const sealTo = async (armored: string, text: string) => (await encrypt({ message: await createMessage({ text }), encryptionKeys: await readKey({ armoredKey: armored }), format: "armored" })) as string;

beforeAll(() => {
  process.env.NEXTAUTH_SECRET ??= "test-instance-secret";
});

describeEachDatabase("reports: the project's key is the report key", (db) => {
  const newMaintainer = async () => maintainer(await db.client.user.create({ data: { email: "key@project.example", role: "MAINTAINER", status: "ACTIVE" } }));

  it("a generated project key replaces the Settings report key everywhere reports are encrypted", async () => {
    const m = await newMaintainer();
    const pasted = await generateKey({ type: "ecc", userIDs: [{ email: "security@acme.example" }], format: "armored" });
    await saveProjectSettings(m, ProjectSettingsSchema.parse({ ...settings, reportPublicKey: pasted.publicKey }), request);
    const before = (await getReportIntakeInfo()).key!;
    expect(before.armored).toBe((await readKey({ armoredKey: pasted.publicKey })).armor());

    const generated = await generateKeyForProject(m, GenerateKeySchema.parse({}), request);
    const after = (await getReportIntakeInfo()).key!;
    expect(after.fingerprint).toBe(generated.fingerprint);
    expect((await readKey({ armoredKey: after.armored })).getFingerprint().toUpperCase()).toBe(generated.fingerprint);

    // The server's check follows: a report encrypted to the old Settings key is refused, one to the project key taken.
    const refused = await submitReport(ANONYMOUS, report(await sealTo(pasted.publicKey, "to the old key")), request).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(await db.client.report.count()).toBe(0);
    expect(await submitReport(ANONYMOUS, report(await sealTo(after.armored, "to the project key")), request)).toMatchObject({ reference: expect.any(String) });

    // Revoked and nothing active: never the revoked key; the Settings key, not one of the project's keys, again.
    const [active] = await listProjectKeys(m);
    await revokeProjectKey(m, { keyId: active!.id, reason: "superseded", confirm: generated.fingerprint.slice(-8) }, request);
    expect((await getReportIntakeInfo()).key?.fingerprint).toBe(before.fingerprint);
  });

  it("importing the Settings report key's private key keeps the same key; once revoked it is offered no more", async () => {
    const m = await newMaintainer();
    const pasted = await generateKey({ type: "ecc", userIDs: [{ email: "security@acme.example" }], format: "armored" });
    await saveProjectSettings(m, ProjectSettingsSchema.parse({ ...settings, reportPublicKey: pasted.publicKey }), request);
    const before = (await getReportIntakeInfo()).key!;
    const imported = await importKeyForProject(m, ImportKeySchema.parse({ privateKey: pasted.privateKey }), request);
    expect(imported.fingerprint).toBe(before.fingerprint);
    expect((await getReportIntakeInfo()).key?.fingerprint).toBe(before.fingerprint);

    const [active] = await listProjectKeys(m);
    await revokeProjectKey(m, { keyId: active!.id, reason: "compromised", confirm: imported.fingerprint.slice(-8) }, request);
    expect((await getReportIntakeInfo()).key).toBeNull();
  });
});
