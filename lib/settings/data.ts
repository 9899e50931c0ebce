import "server-only";
// The project's settings, one row. Read by the exports and the notice form; written by maintainers, audited with
// what changed.
import { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { canManageSettings, defaultSettings, type ProjectSettings } from "./policy";
import type { ProjectPackage, ProjectSettingsInput } from "./schemas";

const ROW = 1;

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
  const data = { ...input, repositoryUrl: input.repositoryUrl || null, announceAddress: input.announceAddress || null, updatedById: viewer.userId };
  const changed = Object.keys(input).filter((k) => JSON.stringify(before[k as keyof ProjectSettings] ?? "") !== JSON.stringify(data[k as keyof typeof data] ?? ""));
  await getDb().$transaction(async (tx) => {
    await tx.projectSettings.upsert({ where: { id: ROW }, create: { id: ROW, ...data }, update: data });
    await recordAudit({ actor: { id: viewer.userId, email: viewer.email }, action: "settings.updated", target: { type: "settings", id: "project" }, ip: request.ip, details: { changed } }, tx);
  });
}
