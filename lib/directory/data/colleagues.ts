import "server-only";
// Organisation admins, their own side: their organisation's people (and nothing of any other organisation),
// inviting colleagues, suspending or removing them. The organisation is always the admin's own, read from the
// database; whether they are still an admin is read again inside every write's transaction.
import { getDb } from "@/lib/server/db/client";
import type { AccountStatus } from "@/generated/prisma/enums";
import { mayEnter } from "@/lib/auth/policy";
import { getConfig } from "@/lib/server/config";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import type { RequestInfo, VendorViewer, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { consumeAttempt } from "@/lib/rate-limit/data";
import { LIMITS } from "@/lib/rate-limit/policy";
import { getProjectSettings } from "@/lib/settings/data";
import type { PreparedDispatch } from "@/lib/mail/data";
import { adminReaches, colleagueChangeAllowed, colleagueInviteRefusal, colleagueStartsAs, isOrganisationAdmin, NOT_INVITABLE, type AdminFacts } from "../policy";
import { applyMemberStatus, invitation } from "./people";
import { otherAdmins, type Tx } from "./shared";

type Reader = Pick<Tx, "user">;

/** The viewer as an organisation admin, from the database now; anyone else (and a vendor who is not one) gets 404. */
export async function adminFacts(db: Reader, viewer: Viewer): Promise<AdminFacts & { viewer: VendorViewer; email: string; name: string | null }> {
  if (viewer.kind !== "vendor" || !mayEnter(viewer, "vendor", getConfig().requireVendorTotp)) throw new NotFoundError();
  const row = await db.user.findFirst({
    where: { id: viewer.userId, role: "VENDOR" },
    select: { email: true, name: true, status: true, membership: { select: { organisationId: true, isAdmin: true, organisation: { select: { status: true } } } } },
  });
  const facts = row?.membership ? { userId: viewer.userId, organisationId: row.membership.organisationId, isAdmin: row.membership.isAdmin, status: row.status } : null;
  if (!facts || !isOrganisationAdmin(viewer, facts) || !["INVITED", "ACTIVE"].includes(row!.membership!.organisation.status)) throw new NotFoundError();
  return { ...facts, viewer, email: row!.email, name: row!.name };
}

export type Colleague = { id: string; email: string; name: string | null; status: AccountStatus; isAdmin: boolean; lastSignInAt: Date | null; you: boolean };
export type MyColleagues = { organisation: string; approveColleagues: boolean; members: Colleague[] };

/** The admin's own organisation's people (removed ones left out), admins first. Nothing about any other organisation. */
export async function listMyColleagues(viewer: Viewer): Promise<MyColleagues> {
  const db = getDb();
  const me = await adminFacts(db, viewer);
  const [org, settings] = await Promise.all([
    db.organisation.findUniqueOrThrow({
      where: { id: me.organisationId },
      select: {
        name: true,
        memberships: {
          where: { user: { status: { not: "REMOVED" } } },
          orderBy: [{ isAdmin: "desc" }, { createdAt: "asc" }],
          select: { isAdmin: true, user: { select: { id: true, email: true, name: true, status: true, lastSignInAt: true } } },
        },
      },
    }),
    getProjectSettings(),
  ]);
  return {
    organisation: org.name,
    approveColleagues: settings.approveColleagues,
    members: org.memberships.map((m) => ({ ...m.user, isAdmin: m.isAdmin, you: m.user.id === me.userId })),
  };
}

/**
 * Invites a colleague into the admin's own organisation. When the instance asks for approval they wait for a
 * maintainer (PENDING: no email, no sign-in); otherwise they are invited and emailed at once. An address that exists
 * anywhere is refused with a message that tells nothing about where.
 */
export async function inviteColleague(viewer: Viewer, input: { email: string; name: string | null }, request: RequestInfo): Promise<{ userId: string; status: "PENDING" | "INVITED" }> {
  const db = getDb();
  const me = await adminFacts(db, viewer);
  // Bounded per organisation and day: whether an address can be invited tells whether it exists elsewhere.
  const budget = await consumeAttempt([["colleagueInvitesPerOrganisation", me.organisationId]]);
  if (!budget.allowed) throw new ConflictError(`Your organisation has invited ${LIMITS.colleagueInvitesPerOrganisation.points} colleagues today; try again tomorrow or ask the maintainers.`);
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { status: true, membership: { select: { organisationId: true } } } });
  const refusal = colleagueInviteRefusal(me.organisationId, existing && { status: existing.status, organisationId: existing.membership?.organisationId ?? null });
  if (refusal) {
    // The admin learns nothing of where; the maintainers see every refused attempt, with the address tried.
    await recordAudit({ actor: { id: me.userId, email: me.email }, action: "directory.colleague.invite-refused", target: { type: "organisation", id: me.organisationId }, ip: request.ip, details: { email: input.email } });
    throw new ConflictError(refusal);
  }
  const status = colleagueStartsAs((await getProjectSettings()).approveColleagues);
  const outbox: PreparedDispatch | null = status === "INVITED" ? await invitation(input.email, me.viewer.organisationName, { userId: me.userId, name: me.name, email: me.email }) : null;
  try {
    const userId = await db.$transaction(async (tx) => {
      const now = await adminFacts(tx, viewer);
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, role: "VENDOR", status, membership: { create: { organisationId: now.organisationId, invitedById: now.userId } } },
        select: { id: true },
      });
      await recordAudit({ actor: { id: now.userId, email: now.email }, action: "directory.colleague.invited", target: { type: "user", id: user.id }, ip: request.ip, details: { email: input.email, organisationId: now.organisationId, status } }, tx);
      if (outbox) await outbox.write(tx);
      return user.id;
    });
    return { userId, status };
  } catch (error) {
    // The same address invited at the same moment elsewhere: the same answer as any existing address.
    if ((error as { code?: string }).code === "P2002") throw new ConflictError(NOT_INVITABLE);
    throw error;
  }
}

/** Suspends or removes a colleague of the admin's own organisation; their sessions and credentials end at once. */
export async function setColleagueStatus(viewer: Viewer, userId: string, status: "SUSPENDED" | "REMOVED", request: RequestInfo): Promise<{ sessionsEnded: number }> {
  return getDb().$transaction(async (tx) => {
    const me = await adminFacts(tx, viewer);
    const row = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, status: true, membership: { select: { organisationId: true, isAdmin: true } } } });
    const target = row && { userId: row.id, role: row.role, status: row.status, organisationId: row.membership?.organisationId ?? null, isAdmin: row.membership?.isAdmin ?? false };
    if (!adminReaches(me, target)) throw new NotFoundError();
    const verdict = colleagueChangeAllowed(me, target, status, await otherAdmins(tx, me.organisationId, userId));
    if (!verdict.ok) throw new ConflictError(verdict.reason);
    return applyMemberStatus(tx, { actor: { id: me.userId, email: me.email }, action: "directory.colleague.status-changed" }, { id: target.userId, status: target.status }, status, request);
  });
}
