import "server-only";
import { getDb } from "@/lib/server/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { ConfirmationRequiredError, ConflictError, NotFoundError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { revokeSessions } from "@/lib/auth/data";
import { inspectPublicKey } from "../pgp";
import { canViewDirectory, endsSessions } from "../policy";
import { lookalikesOf } from "../names";
import type { DirectoryFilter, OrganisationInput } from "../schemas";
import { actor, DIRECTORY_WRITE_LOCK, manager, peopleByIds, type Tx } from "./shared";

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

const LIST_SELECT = {
  id: true,
  name: true,
  status: true,
  roleAddress: true,
  pgpFingerprint: true,
  pgpExpiresAt: true,
  updatedAt: true,
  _count: { select: { memberships: true } },
} as const;
export type OrganisationRow = Prisma.OrganisationGetPayload<{ select: typeof LIST_SELECT }>;

export async function listOrganisations(viewer: Viewer, filter: DirectoryFilter): Promise<OrganisationRow[]> {
  manager(viewer);
  const q = filter.q?.trim();
  return getDb().organisation.findMany({
    where: {
      ...(filter.status ? { status: filter.status } : {}),
      ...(q
        ? {
            OR: [
              { name: { contains: q, mode: "insensitive" } },
              { roleAddress: { contains: q.toLowerCase() } },
              { memberships: { some: { user: { email: { contains: q.toLowerCase() } } } } },
            ],
          }
        : {}),
    },
    orderBy: { name: "asc" },
    select: LIST_SELECT,
  });
}

const DETAIL_SELECT = {
  id: true,
  name: true,
  status: true,
  roleAddress: true,
  notes: true,
  pgpFingerprint: true,
  pgpExpiresAt: true,
  pgpPublicKey: true,
  attachFilesEncrypted: true,
  createdAt: true,
  updatedAt: true,
  memberships: {
    orderBy: { createdAt: "asc" },
    select: {
      isAdmin: true,
      invitedById: true,
      approvedById: true,
      approvedAt: true,
      user: { select: { id: true, email: true, name: true, status: true, lastSignInAt: true, totpEnabledAt: true, createdAt: true } },
    },
  },
} as const;
type DetailRow = Prisma.OrganisationGetPayload<{ select: typeof DETAIL_SELECT }>;
/** With who invited and who approved each member (addresses; null: nobody recorded). */
export type OrganisationDetail = Omit<DetailRow, "memberships"> & {
  memberships: Array<DetailRow["memberships"][number] & { invitedBy: string | null; approvedBy: string | null }>;
};

export async function getOrganisation(viewer: Viewer, organisationId: string): Promise<OrganisationDetail | null> {
  manager(viewer);
  const org = await getDb().organisation.findUnique({ where: { id: organisationId }, select: DETAIL_SELECT });
  if (!org) return null;
  const people = await peopleByIds(org.memberships.flatMap((m) => [m.invitedById, m.approvedById]));
  return { ...org, memberships: org.memberships.map((m) => ({ ...m, invitedBy: people.get(m.invitedById ?? "") ?? null, approvedBy: people.get(m.approvedById ?? "") ?? null })) };
}

function nameTaken(error: unknown): boolean {
  return (error as { code?: string }).code === "P2002";
}

/** The form's fields; `differentFrom` only when the maintainer confirmed a look-alike name. */
type OrganisationFields = Omit<OrganisationInput, "differentFrom" | "attachFilesEncrypted"> & { differentFrom?: string[]; attachFilesEncrypted?: boolean };

const quoted = (names: string[]) => names.map((n) => `“${n}”`).join(" and ");

/**
 * A name that a person could take for another organisation's (./names.ts) is saved only once the maintainer confirmed,
 * for each look-alike by id, that this is a different organisation. Checked under the directory lock, so two
 * look-alikes created at the same moment cannot both miss each other.
 */
async function refuseUnconfirmedLookalike(tx: Tx, name: string, differentFrom: string[], self?: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DIRECTORY_WRITE_LOCK}::bigint)`;
  const others = await tx.organisation.findMany({ where: self ? { id: { not: self } } : {}, select: { id: true, name: true }, orderBy: { name: "asc" } });
  if (others.some((o) => o.name === name)) throw new ConflictError(`An organisation named "${name}" already exists.`);
  const alike = lookalikesOf(name, others);
  if (alike.every((o) => differentFrom.includes(o.id))) return;
  const names = alike.map((o) => o.name);
  const message = `“${name}” looks like ${quoted(names)}, which ${names.length > 1 ? "are" : "is"} already in the directory. If it is a different organisation, tick the box to confirm; otherwise use the existing one.`;
  throw new ConfirmationRequiredError(message, { name: [message] }, { field: "differentFrom", value: alike.map((o) => o.id).join(","), label: `Yes, this is a different organisation from ${quoted(names)}` });
}

export async function createOrganisation(viewer: Viewer, input: OrganisationFields, request: RequestInfo): Promise<{ id: string }> {
  const me = manager(viewer);
  try {
    return await getDb().$transaction(async (tx) => {
      await refuseUnconfirmedLookalike(tx, input.name, input.differentFrom ?? []);
      const org = await tx.organisation.create({ data: { name: input.name, roleAddress: input.roleAddress, notes: input.notes, attachFilesEncrypted: input.attachFilesEncrypted ?? false, status: "INVITED" }, select: { id: true } });
      const lookalikes = input.differentFrom?.length ? { differentFrom: input.differentFrom } : {};
      await recordAudit({ actor: actor(me), action: "directory.organisation.created", target: { type: "organisation", id: org.id }, ip: request.ip, details: { name: input.name, ...lookalikes } }, tx);
      return org;
    });
  } catch (error) {
    if (nameTaken(error)) throw new ConflictError(`An organisation named "${input.name}" already exists.`);
    throw error;
  }
}

export async function updateOrganisation(viewer: Viewer, organisationId: string, input: OrganisationFields, request: RequestInfo): Promise<void> {
  const me = manager(viewer);
  try {
    await getDb().$transaction(async (tx) => {
      const before = await tx.organisation.findUnique({ where: { id: organisationId }, select: { name: true, roleAddress: true, notes: true, attachFilesEncrypted: true } });
      if (!before) throw new NotFoundError();
      // Only a new name is judged: two look-alikes already in the directory can still have their notes edited.
      if (before.name !== input.name) await refuseUnconfirmedLookalike(tx, input.name, input.differentFrom ?? [], organisationId);
      const attachFilesEncrypted = input.attachFilesEncrypted ?? before.attachFilesEncrypted;
      await tx.organisation.update({ where: { id: organisationId }, data: { name: input.name, roleAddress: input.roleAddress, notes: input.notes, attachFilesEncrypted } });
      const changed = [...(["name", "roleAddress", "notes"] as const).filter((k) => before[k] !== input[k]), ...(attachFilesEncrypted !== before.attachFilesEncrypted ? ["attachFilesEncrypted"] : [])];
      const lookalikes = before.name !== input.name && input.differentFrom?.length ? { differentFrom: input.differentFrom } : {};
      await recordAudit({ actor: actor(me), action: "directory.organisation.updated", target: { type: "organisation", id: organisationId }, ip: request.ip, details: { changed, ...lookalikes } }, tx);
    });
  } catch (error) {
    if (nameTaken(error)) throw new ConflictError(`An organisation named "${input.name}" already exists.`);
    throw error;
  }
}

/** Suspending or removing ends every member's sessions in the same transaction. */
export async function setOrganisationStatus(viewer: Viewer, organisationId: string, status: OrganisationDetail["status"], request: RequestInfo): Promise<{ sessionsEnded: number }> {
  const me = manager(viewer);
  return getDb().$transaction(async (tx) => {
    const org = await tx.organisation.findUnique({ where: { id: organisationId }, select: { status: true, memberships: { select: { userId: true } } } });
    if (!org) throw new NotFoundError();
    if (org.status === status) throw new ConflictError(`The organisation is already ${status.toLowerCase()}.`);
    await tx.organisation.update({ where: { id: organisationId }, data: { status } });
    const sessionsEnded = endsSessions(status) ? await revokeSessions(tx, org.memberships.map((m) => m.userId)) : 0;
    await recordAudit({ actor: actor(me), action: "directory.organisation.status-changed", target: { type: "organisation", id: organisationId }, ip: request.ip, details: { from: org.status, to: status, sessionsEnded } }, tx);
    return { sessionsEnded };
  });
}

export async function setOrganisationKey(viewer: Viewer, organisationId: string, armored: string, request: RequestInfo) {
  const me = manager(viewer);
  const key = await inspectPublicKey(armored);
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.organisation.updateMany({
      where: { id: organisationId },
      data: { pgpPublicKey: key.armored, pgpFingerprint: key.fingerprint, pgpExpiresAt: key.expiresAt },
    });
    if (count === 0) throw new NotFoundError();
    await recordAudit({ actor: actor(me), action: "directory.organisation.key-changed", target: { type: "organisation", id: organisationId }, ip: request.ip, details: { fingerprint: key.fingerprint } }, tx);
  });
  return key;
}

export async function removeOrganisationKey(viewer: Viewer, organisationId: string, request: RequestInfo): Promise<void> {
  const me = manager(viewer);
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.organisation.updateMany({ where: { id: organisationId }, data: { pgpPublicKey: null, pgpFingerprint: null, pgpExpiresAt: null } });
    if (count === 0) throw new NotFoundError();
    await recordAudit({ actor: actor(me), action: "directory.organisation.key-changed", target: { type: "organisation", id: organisationId }, ip: request.ip, details: { fingerprint: null } }, tx);
  });
}
