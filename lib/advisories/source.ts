import "server-only";
// What every advisory output starts from: the project's identity (settings) and the notice as the exports read it.
// Kept apart from ./data.ts so that the notices lifecycle can build the announcement without an import cycle.
import { getConfig } from "@/lib/server/config";
import { NOTICE_SELECT } from "@/lib/notices/data/drafts";
import { getProjectSettings } from "@/lib/settings/data";
import type { ProjectSettings } from "@/lib/settings/policy";
import type { ProjectInfo } from "./formats/types";

/** A notice as the exports read it: what maintainers see of it, plus its revisions. */
export const EXPORT_SELECT = {
  ...NOTICE_SELECT,
  createdAt: true,
  updatedAt: true,
  revisions: { orderBy: { number: "asc" }, select: { number: true, changeNote: true, at: true } },
} as const;

/** The project as the builders read it; pass the settings when the caller has read them already. */
export async function getProjectInfo(known?: ProjectSettings): Promise<ProjectInfo> {
  const settings = known ?? (await getProjectSettings());
  return {
    name: settings.name,
    slug: settings.slug,
    siteUrl: getConfig().publicUrl.replace(/\/$/, ""),
    repositoryUrl: settings.repositoryUrl,
    publisherName: settings.publisherName,
    publisherNamespace: settings.publisherNamespace,
    osvPrefix: settings.osvPrefix,
    // Never the announce list: it is public, and a vendor replying about an embargoed issue would publish it.
    contactEmail: null,
  };
}

