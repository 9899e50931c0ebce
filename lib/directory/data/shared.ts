import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";
import { NotFoundError } from "@/lib/server/errors";
import type { MaintainerViewer, Viewer } from "@/lib/server/viewer-types";
import { canManageDirectory, COUNTS_AS_ADMIN } from "../policy";

export type Tx = Prisma.TransactionClient;

/** The directory answers only maintainers with their second factor; everyone else gets "not found". */
export function manager(viewer: Viewer): MaintainerViewer {
  if (!canManageDirectory(viewer) || viewer.kind !== "maintainer") throw new NotFoundError();
  return viewer;
}

export function actor(viewer: MaintainerViewer): { id: string; email: string } {
  return { id: viewer.userId, email: viewer.email };
}

/**
 * Serialises the directory's bulk writes (an import, "invite everyone not yet invited"): the second of two
 * concurrent ones waits, then sees what the first did (a double click sends one set of invitations).
 */
export const DIRECTORY_WRITE_LOCK = 7262616403;

/**
 * How many admins an organisation has besides `exceptUserId` (invited or active). Locks the organisation's
 * memberships for the rest of the transaction first, so two admins removing each other at once cannot leave none.
 */
export async function otherAdmins(tx: Tx, organisationId: string, exceptUserId: string): Promise<number> {
  await tx.$executeRaw`SELECT 1 FROM "Membership" WHERE "organisationId" = ${organisationId} FOR UPDATE`;
  return tx.membership.count({ where: { organisationId, isAdmin: true, userId: { not: exceptUserId }, user: { status: { in: [...COUNTS_AS_ADMIN] } } } });
}

/** Addresses of the people behind ids (who invited, who approved), for maintainers' eyes. */
export async function peopleByIds(ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const people = await getDb().user.findMany({ where: { id: { in: wanted } }, select: { id: true, email: true } });
  return new Map(people.map((p) => [p.id, p.email]));
}
