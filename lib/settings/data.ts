import "server-only";
// The project's settings, one row. Read by the exports and the notice form; written by maintainers, audited with
// what changed.
import { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";
import { queryPrepared } from "@/lib/server/db/prepared";
import { getConfig } from "@/lib/server/config";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { inspectPublicKey, type KeyWording } from "@/lib/server/pgp-keys";
import { canManageSettings, defaultSettings, type ProjectSettings } from "./policy";
import type { ProjectPackage, ProjectSettingsInput } from "./schemas";

const ROW = 1;

const REPORT_KEY: KeyWording = {
  field: "reportPublicKey",
  whose: "the project's",
  privateKey: "paste the PUBLIC key (gpg --armor --export), and keep the private key to yourselves. It was not saved",
  current: "Paste the project's current key.",
  renewed: "Extend its expiry (gpg --quick-set-expire) and paste it again.",
  encrypting: "Add an encryption subkey (gpg --quick-add-key) and paste it again.",
};

/**
 * The project's name alone, for the area shells every signed-in page renders: one plain statement (a Prisma model
 * query costs a query compilation per call, a raw one does not).
 */
export async function getProjectName(): Promise<string> {
  const [row] = await queryPrepared<{ name: string }>(Prisma.sql`SELECT "name" FROM "ProjectSettings" WHERE "id" = ${ROW}`);
  return row?.name ?? defaultSettings(getConfig().publicUrl).name;
}

export async function getProjectSettings(): Promise<ProjectSettings> {
  const row = await getDb().projectSettings.findUnique({ where: { id: ROW } });
  if (!row) return defaultSettings(getConfig().publicUrl);
  return {
    name: row.name,
    slug: row.slug,
    repositoryUrl: row.repositoryUrl,
    packages: row.packages as ProjectPackage[],
    publisherName: row.publisherName,
    publisherNamespace: row.publisherNamespace,
    osvPrefix: row.osvPrefix,
    announceAddress: row.announceAddress,
    defaultDisclosureTime: row.defaultDisclosureTime,
    defaultDisclosureZone: row.defaultDisclosureZone,
    approveColleagues: row.approveColleagues,
    securityAddress: row.securityAddress,
    reportPublicKey: row.reportPublicKey,
    reportKeyFingerprint: row.reportKeyFingerprint,
    acknowledgeTargetHours: row.acknowledgeTargetHours,
    saved: true,
  };
}

export async function saveProjectSettings(viewer: Viewer, input: ProjectSettingsInput, request: RequestInfo): Promise<void> {
  if (!canManageSettings(viewer) || viewer.kind !== "maintainer") throw new NotFoundError();
  const before = await getProjectSettings();
  if (input.osvPrefix !== before.osvPrefix) {
    // An OSV id is forever: a record that changed its id would reach importers twice, the old one never withdrawn.
    const published = await getDb().notice.findFirst({ where: { disclosedAt: { not: null } }, orderBy: { disclosedAt: "asc" }, select: { reference: true } });
    if (published) {
      const message = `Advisories are already published under ${before.osvPrefix} (such as ${before.osvPrefix}-${published.reference}): OSV ids never change, or importers would list each advisory twice. Keep ${before.osvPrefix}.`;
      throw new ValidationError(message, { osvPrefix: [message] });
    }
  }
  // The report key is stored as OpenPGP.js re-armored it (a public key only: a private key never gets this far).
  const key = input.reportPublicKey.trim() ? await inspectPublicKey(input.reportPublicKey, new Date(), REPORT_KEY) : null;
  const reportKey = { reportPublicKey: key?.armored ?? null, reportKeyFingerprint: key?.fingerprint ?? null };
  const data = { ...input, repositoryUrl: input.repositoryUrl || null, announceAddress: input.announceAddress || null, securityAddress: input.securityAddress || null, ...reportKey, updatedById: viewer.userId };
  const changed = Object.keys(input)
    .filter((k) => k !== "reportPublicKey")
    .filter((k) => JSON.stringify(before[k as keyof ProjectSettings] ?? "") !== JSON.stringify(data[k as keyof typeof data] ?? ""));
  // The audit names the key by its fingerprint only (the armored block is public, but it is not a detail to keep).
  const keyChange = before.reportKeyFingerprint !== reportKey.reportKeyFingerprint ? { reportKeyFingerprint: reportKey.reportKeyFingerprint ?? "(removed)" } : {};
  if (Object.keys(keyChange).length) changed.push("reportPublicKey");
  await getDb().$transaction(async (tx) => {
    await tx.projectSettings.upsert({ where: { id: ROW }, create: { id: ROW, ...data }, update: data });
    await recordAudit({ actor: { id: viewer.userId, email: viewer.email }, action: "settings.updated", target: { type: "settings", id: "project" }, ip: request.ip, details: { changed, ...keyChange } }, tx);
  });
}
