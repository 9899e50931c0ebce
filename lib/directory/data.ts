import "server-only";
import { getDb } from "@/lib/server/db/client";
import { NotFoundError } from "@/lib/server/errors";
import type { Viewer } from "@/lib/server/viewer-types";
import { canViewDirectory } from "./policy";

export type DirectoryOverview = {
  organisations: Record<"INVITED" | "ACTIVE" | "SUSPENDED" | "REMOVED", number>;
  vendorPeople: number;
  maintainers: number;
};

export async function getDirectoryOverview(viewer: Viewer): Promise<DirectoryOverview> {
  if (!canViewDirectory(viewer)) throw new NotFoundError();
  const db = getDb();
  const [byStatus, vendorPeople, maintainers] = await Promise.all([
    db.organisation.groupBy({ by: ["status"], _count: { _all: true } }),
    db.user.count({ where: { role: "VENDOR", status: { in: ["INVITED", "ACTIVE"] } } }),
    db.user.count({ where: { role: "MAINTAINER", status: { in: ["INVITED", "ACTIVE"] } } }),
  ]);
  const organisations = { INVITED: 0, ACTIVE: 0, SUSPENDED: 0, REMOVED: 0 };
  for (const row of byStatus) organisations[row.status] = row._count._all;
  return { organisations, vendorPeople, maintainers };
}

export type MyOrganisation = { name: string; status: "INVITED" | "ACTIVE" | "SUSPENDED" | "REMOVED" };

/** A vendor's own organisation: name and status only (never notes, keys, people or anything of another). */
export async function getMyOrganisation(viewer: Viewer): Promise<MyOrganisation> {
  if (viewer.kind !== "vendor") throw new NotFoundError();
  const org = await getDb().organisation.findUnique({
    where: { id: viewer.organisationId, memberships: { some: { userId: viewer.userId } } },
    select: { name: true, status: true },
  });
  if (!org) throw new NotFoundError();
  return org;
}
