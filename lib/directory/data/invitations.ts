import "server-only";
// "Invite everyone not yet invited", for one organisation or the whole directory: an invitation email to each person
// who may be invited (policy: INVITED, of an invited or active organisation) and has had none in the last
// REINVITE_AFTER_DAYS days (the outbox remembers every invitation queued). The maintainer confirms the count they
// were shown; the send is serialised and re-checked, so a double click or two maintainers at once send one set.
import type { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { INVITABLE_ORGANISATION_STATUSES, REINVITE_AFTER_DAYS } from "../policy";
import { INVITATION_PURPOSE, invitations } from "./people";
import { actor, DIRECTORY_WRITE_LOCK, manager } from "./shared";

type Db = Prisma.TransactionClient | ReturnType<typeof getDb>;
export type Uninvited = { userId: string; email: string; organisation: string };

async function uninvited(db: Db, organisationId: string | null, now: Date): Promise<Uninvited[]> {
  const people = await db.user.findMany({
    where: {
      role: "VENDOR",
      status: "INVITED",
      membership: { is: { organisation: { status: { in: [...INVITABLE_ORGANISATION_STATUSES] }, ...(organisationId ? { id: organisationId } : {}) } } },
    },
    orderBy: { email: "asc" },
    select: { id: true, email: true, membership: { select: { organisation: { select: { name: true } } } } },
  });
  if (people.length === 0) return [];
  const since = new Date(now.getTime() - REINVITE_AFTER_DAYS * 86_400_000);
  const recent = await db.outboxEmail.findMany({
    where: { toAddress: { in: people.map((p) => p.email) }, createdAt: { gte: since }, dispatch: { purpose: INVITATION_PURPOSE } },
    distinct: ["toAddress"],
    select: { toAddress: true },
  });
  const invited = new Set(recent.map((r) => r.toAddress));
  return people.filter((p) => !invited.has(p.email)).map((p) => ({ userId: p.id, email: p.email, organisation: p.membership!.organisation.name }));
}

async function scope(db: Db, organisationId: string | null): Promise<{ id: string; name: string } | null> {
  if (!organisationId) return null;
  const org = await db.organisation.findUnique({ where: { id: organisationId }, select: { id: true, name: true, status: true } });
  if (!org) throw new NotFoundError();
  if (!(INVITABLE_ORGANISATION_STATUSES as readonly string[]).includes(org.status)) {
    throw new ConflictError(`${org.name} is ${org.status.toLowerCase()}: nobody in it is invited. Restore it first.`);
  }
  return org;
}

/** Who "invite everyone not yet invited" would email now (organisationId null: the whole directory). */
export async function listUninvited(viewer: Viewer, organisationId: string | null, now = new Date()): Promise<Uninvited[]> {
  manager(viewer);
  const db = getDb();
  if (organisationId) {
    const org = await db.organisation.findUnique({ where: { id: organisationId }, select: { id: true } });
    if (!org) throw new NotFoundError();
  }
  return uninvited(db, organisationId, now);
}

/**
 * Sends the invitations; `expected` is the count the maintainer confirmed. Nobody left (a second click): nothing is
 * sent and the answer says so. A different number of people: refused, so nobody is emailed who was not counted.
 */
export async function inviteUninvited(viewer: Viewer, input: { organisationId: string | null; expected: number }, request: RequestInfo, now = new Date()): Promise<{ invited: number }> {
  const me = manager(viewer);
  const db = getDb();
  const org = await scope(db, input.organisationId);
  const people = await uninvited(db, input.organisationId, now);
  if (people.length === 0) return { invited: 0 };
  const changed = (n: number) =>
    new ConflictError(`The list changed since you looked: ${n} ${n === 1 ? "person is" : "people are"} not yet invited now, not ${input.expected}. Nobody was emailed; check the list and confirm again.`);
  if (people.length !== input.expected) throw changed(people.length);
  const outbox = await invitations(people, me, `Invitations to everyone not yet invited${org ? ` at ${org.name}` : ""} (${people.length})`);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DIRECTORY_WRITE_LOCK}::bigint)`;
    const current = await uninvited(tx, input.organisationId, now);
    if (current.length === 0) return { invited: 0 };
    if (current.map((p) => p.userId).join() !== people.map((p) => p.userId).join()) throw changed(current.length);
    await recordAudit(
      {
        actor: actor(me),
        action: "directory.invitations.sent",
        ...(org ? { target: { type: "organisation", id: org.id } } : {}),
        ip: request.ip,
        details: { scope: org ? "organisation" : "directory", invited: people.length, userIds: people.map((p) => p.userId) },
      },
      tx,
    );
    await outbox.write(tx);
    return { invited: people.length };
  });
}
