import "server-only";
import { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { revokeSessions } from "@/lib/auth/data";
import { voidRequestsOf } from "@/lib/approvals/data";
import { invitationMail } from "@/lib/auth/mail-templates";
import { prepareDispatch, type PreparedDispatch } from "@/lib/mail/data";
import { getProjectSettings } from "@/lib/settings/data";
import type { AccountStatus } from "@/generated/prisma/enums";
import { endsSessions, keepsAnAdmin, mayRemoveMaintainer, memberTransitionAllowed, statusWord } from "../policy";
import { actor, manager, otherAdmins, type Tx } from "./shared";

type InvitedBy = { userId: string; name: string | null; email: string };

/** What tells an invitation email apart in the outbox (see invitationsSentSince). */
export const INVITATION_PURPOSE = "directory.invitation";

/**
 * Invitation emails, one per person, queued in the outbox as one dispatch: they are sent if and only if the change
 * that caused them commits. Each names the project (Settings) and says truthfully what the person will receive.
 */
export async function invitations(people: Array<{ email: string; organisation: string | null }>, invitedBy: InvitedBy, label: string): Promise<PreparedDispatch> {
  const signInUrl = `${getConfig().publicUrl}/sign-in`;
  const { name: project } = await getProjectSettings();
  const emails = people.map((p) => invitationMail({ to: p.email, organisation: p.organisation, invitedBy: invitedBy.name ?? invitedBy.email, signInUrl, project }));
  return prepareDispatch({ purpose: INVITATION_PURPOSE, label, createdById: invitedBy.userId, emails: emails.map((mail) => ({ to: mail.to, subject: mail.subject, text: mail.text })) });
}

export function invitation(to: string, organisation: string | null, invitedBy: InvitedBy): Promise<PreparedDispatch> {
  return invitations([{ email: to, organisation }], invitedBy, `Invitation to ${to}`);
}

/**
 * Invites a person into an organisation. A new address becomes an invited vendor member; a member removed from this
 * same organisation is invited again. An address that belongs to a maintainer or to another organisation is refused
 * (one organisation per person: another organisation means another address).
 */
export async function inviteMember(viewer: Viewer, input: { organisationId: string; email: string; name: string | null }, request: RequestInfo): Promise<{ userId: string }> {
  const me = manager(viewer);
  const db = getDb();
  const org = await db.organisation.findUnique({ where: { id: input.organisationId }, select: { id: true, name: true, status: true } });
  if (!org) throw new NotFoundError();
  if (org.status === "REMOVED") throw new ConflictError("This organisation was removed. Restore it before inviting people.");
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true, role: true, status: true, membership: { select: { organisationId: true } } } });
  if (existing?.role === "MAINTAINER") throw new ConflictError(`${input.email} is a maintainer and cannot also be a vendor member.`);
  if (existing && existing.membership && existing.membership.organisationId !== org.id) {
    throw new ConflictError(`${input.email} already belongs to another organisation. Use a different address for this one.`);
  }
  if (existing?.status === "PENDING") throw new ConflictError(`${input.email} is awaiting approval in ${org.name}: approve them on this page (they get the invitation then).`);
  const formerReporter = existing?.role === "REPORTER";
  if (existing && !formerReporter && existing.status !== "REMOVED") throw new ConflictError(`${input.email} is already a member of ${org.name}. Use "Resend invitation" instead.`);

  const outbox = await invitation(input.email, org.name, me);
  const userId = await db.$transaction(async (tx) => {
    // A removed member invited again starts afresh: no second factor or recovery codes from before (how a person
    // who lost both gets back in).
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { role: "VENDOR", status: "INVITED", totpSecret: null, totpEnabledAt: null, totpLastStep: null, ...(input.name || formerReporter ? { name: input.name } : {}) }, select: { id: true } })
      : await tx.user.create({ data: { email: input.email, name: input.name, role: "VENDOR", status: "INVITED" }, select: { id: true } });
    if (existing) await tx.recoveryCode.deleteMany({ where: { userId: existing.id } });
    if (formerReporter) await becomesAnotherRole(tx, user.id);
    await tx.membership.upsert({ where: { userId: user.id }, update: {}, create: { userId: user.id, organisationId: org.id, invitedById: me.userId } });
    await recordAudit({ actor: actor(me), action: "directory.member.invited", target: { type: "user", id: user.id }, ip: request.ip, details: { email: input.email, organisationId: org.id, ...(formerReporter ? { formerRole: "REPORTER" } : {}) } }, tx);
    await outbox.write(tx);
    return user.id;
  });
  return { userId };
}

/**
 * An address that reported a vulnerability has a reporter's account (made when the report was sent, confirmed or
 * not). Inviting that address makes the account a member's or a maintainer's: the person keeps their own reports
 * (the reporter area shows every signed-in person their own reports and nothing else), and the reporter's sessions
 * end, so the next sign-in goes through the new role's checks (a maintainer's second factor, a member's organisation).
 * Without this, anyone could block an address from ever being invited by sending a report from it. The name is the
 * inviter's (or none), never the one a stranger typed into the report form for that address.
 */
async function becomesAnotherRole(tx: Tx, userId: string): Promise<void> {
  await revokeSessions(tx, [userId]);
}

/** Members are always reached through their organisation's directory entry: a maintainer-only scope. */
async function findMember(userId: string) {
  return getDb().user.findFirst({
    where: { id: userId, role: "VENDOR" },
    select: { id: true, email: true, status: true, membership: { select: { organisation: { select: { id: true, name: true } } } } },
  });
}

export async function resendInvitation(viewer: Viewer, userId: string, request: RequestInfo): Promise<void> {
  const me = manager(viewer);
  const member = await findMember(userId);
  if (!member) throw new NotFoundError();
  if (member.status !== "INVITED") throw new ConflictError("Only people who have not signed in yet can get the invitation again.");
  const outbox = await invitation(member.email, member.membership?.organisation.name ?? null, me);
  await getDb().$transaction(async (tx) => {
    await recordAudit({ actor: actor(me), action: "directory.member.invitation-resent", target: { type: "user", id: member.id }, ip: request.ip }, tx);
    await outbox.write(tx);
  });
}

/** Suspending or removing ends the person's sessions in the same transaction: their next request is refused. */
export async function setMemberStatus(viewer: Viewer, userId: string, status: "ACTIVE" | "SUSPENDED" | "REMOVED", request: RequestInfo): Promise<{ sessionsEnded: number }> {
  const me = manager(viewer);
  return getDb().$transaction(async (tx) => {
    const member = await tx.user.findFirst({ where: { id: userId, role: "VENDOR" }, select: MEMBER_FACTS });
    if (!member) throw new NotFoundError();
    if (!memberTransitionAllowed(member.status, status)) {
      throw new ConflictError(`A member who is ${statusWord(member.status)} cannot become ${statusWord(status)}.`);
    }
    if (status !== "ACTIVE" && member.membership) {
      const verdict = keepsAnAdmin({ isAdmin: member.membership.isAdmin, status: member.status }, status, await otherAdmins(tx, member.membership.organisationId, userId), "maintainer");
      if (!verdict.ok) throw new ConflictError(verdict.reason);
    }
    return applyMemberStatus(tx, { actor: actor(me), action: "directory.member.status-changed" }, member, status, request);
  });
}

export const MEMBER_FACTS = { id: true, status: true, membership: { select: { organisationId: true, isAdmin: true } } } as const;

/**
 * The one way a member's status changes, for maintainers and organisation admins alike (each checked first): the
 * status, the end of their sessions and API credentials when suspended or removed, and the audit event, all in the
 * caller's transaction.
 */
export async function applyMemberStatus(
  tx: Tx,
  by: { actor: { id: string; email: string }; action: "directory.member.status-changed" | "directory.colleague.status-changed" | "directory.member.declined" },
  member: { id: string; status: AccountStatus },
  status: AccountStatus,
  request: RequestInfo,
): Promise<{ sessionsEnded: number }> {
  await tx.user.update({ where: { id: member.id }, data: { status } });
  const sessionsEnded = endsSessions(status) ? await revokeSessions(tx, [member.id]) : 0;
  await recordAudit({ actor: by.actor, action: by.action, target: { type: "user", id: member.id }, ip: request.ip, details: { from: member.status, to: status, sessionsEnded } }, tx);
  return { sessionsEnded };
}

export async function listMaintainers(viewer: Viewer) {
  manager(viewer);
  return getDb().user.findMany({
    where: { role: "MAINTAINER", status: { in: ["INVITED", "ACTIVE"] } },
    orderBy: { email: "asc" },
    select: { id: true, email: true, name: true, status: true, lastSignInAt: true, totpEnabledAt: true },
  });
}

export async function inviteMaintainer(viewer: Viewer, input: { email: string; name: string | null }, request: RequestInfo): Promise<void> {
  const me = manager(viewer);
  const db = getDb();
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true, role: true, status: true } });
  if (existing?.role === "VENDOR") throw new ConflictError(`${input.email} is a vendor member; a maintainer needs an address of their own.`);
  const formerReporter = existing?.role === "REPORTER";
  if (existing && !formerReporter && existing.status !== "REMOVED") throw new ConflictError(`${input.email} is already a maintainer.`);
  const outbox = await invitation(input.email, null, me);
  await db.$transaction(async (tx) => {
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { role: "MAINTAINER", status: "INVITED", totpSecret: null, totpEnabledAt: null, totpLastStep: null, ...(formerReporter ? { name: input.name } : {}) } })
      : await tx.user.create({ data: { email: input.email, name: input.name, role: "MAINTAINER", status: "INVITED" } });
    if (existing) await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    if (formerReporter) await becomesAnotherRole(tx, user.id);
    await recordAudit({ actor: actor(me), action: "directory.maintainer.invited", target: { type: "user", id: user.id }, ip: request.ip, details: { email: input.email, ...(formerReporter ? { formerRole: "REPORTER" } : {}) } }, tx);
    await outbox.write(tx);
  });
}

export async function removeMaintainer(viewer: Viewer, userId: string, request: RequestInfo): Promise<void> {
  const me = manager(viewer);
  await getDb().$transaction(async (tx) => {
    // Serialise removals: two maintainers removing each other at once must not leave none.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(7262616402::bigint)`;
    const target = await tx.user.findFirst({ where: { id: userId, role: "MAINTAINER", status: { in: ["INVITED", "ACTIVE"] } }, select: { id: true, email: true, status: true } });
    if (!target) throw new NotFoundError();
    const active = await tx.user.count({ where: { role: "MAINTAINER", status: "ACTIVE" } });
    const verdict = mayRemoveMaintainer(me, userId, active - (target.status === "ACTIVE" ? 1 : 0));
    if (!verdict.ok) throw new ValidationError(verdict.reason);
    await tx.user.update({ where: { id: userId }, data: { status: "REMOVED" } });
    await revokeSessions(tx, [userId]);
    // Their open two-person-rule requests end with them (VOID, saying why): nobody approves a departed maintainer's ask.
    await voidRequestsOf(tx, [userId]);
    await recordAudit({ actor: actor(me), action: "directory.maintainer.removed", target: { type: "user", id: userId }, ip: request.ip, details: { email: target.email } }, tx);
  });
}
