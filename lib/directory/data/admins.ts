import "server-only";
// Organisation admins, the maintainers' side: making a member admin (or not), and approving or declining the
// colleagues an organisation admin invited while the instance asks for approval. Maintainers with their second
// factor only, like the rest of the directory.
import { getDb } from "@/lib/server/db/client";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { awaitsApproval, COUNTS_AS_ADMIN, keepsAnAdmin, mayBeInvited } from "../policy";
import { applyMemberStatus, invitation } from "./people";
import { actor, manager, otherAdmins, peopleByIds } from "./shared";

/** Makes a vendor member an admin of their organisation, or not; the last admin stays (see keepsAnAdmin). */
export async function setMemberAdmin(viewer: Viewer, userId: string, admin: boolean, request: RequestInfo): Promise<void> {
  const me = manager(viewer);
  await getDb().$transaction(async (tx) => {
    const member = await tx.user.findFirst({ where: { id: userId, role: "VENDOR" }, select: { id: true, status: true, membership: { select: { organisationId: true, isAdmin: true } } } });
    if (!member?.membership) throw new NotFoundError();
    if (member.membership.isAdmin === admin) throw new ConflictError(admin ? "This member is already an admin." : "This member is not an admin.");
    if (admin && !COUNTS_AS_ADMIN.has(member.status)) throw new ConflictError("Only an invited or active member can be an admin.");
    if (!admin) {
      const verdict = keepsAnAdmin({ isAdmin: true, status: member.status }, "DEMOTED", await otherAdmins(tx, member.membership.organisationId, userId), "maintainer");
      if (!verdict.ok) throw new ConflictError(verdict.reason);
    }
    await tx.membership.update({ where: { userId }, data: { isAdmin: admin } });
    await recordAudit({ actor: actor(me), action: "directory.member.admin-changed", target: { type: "user", id: userId }, ip: request.ip, details: { organisationId: member.membership.organisationId, admin } }, tx);
  });
}

export type PendingColleague = {
  id: string;
  email: string;
  name: string | null;
  createdAt: Date;
  organisation: { id: string; name: string };
  invitedBy: string | null;
};

/** People waiting for a maintainer's approval, oldest first, with their organisation and who invited them. */
export async function listPendingColleagues(viewer: Viewer): Promise<PendingColleague[]> {
  manager(viewer);
  const db = getDb();
  const rows = await db.user.findMany({
    where: { role: "VENDOR", status: "PENDING" },
    orderBy: { createdAt: "asc" },
    take: 200,
    select: { id: true, email: true, name: true, createdAt: true, membership: { select: { invitedById: true, organisation: { select: { id: true, name: true } } } } },
  });
  const inviters = await peopleByIds(rows.map((r) => r.membership?.invitedById));
  return rows.flatMap((r) =>
    r.membership ? [{ id: r.id, email: r.email, name: r.name, createdAt: r.createdAt, organisation: r.membership.organisation, invitedBy: inviters.get(r.membership.invitedById ?? "") ?? null }] : [],
  );
}

async function pendingMember(userId: string) {
  const member = await getDb().user.findFirst({
    where: { id: userId, role: "VENDOR" },
    select: { id: true, email: true, status: true, membership: { select: { invitedById: true, organisation: { select: { id: true, name: true } } } } },
  });
  if (!member?.membership) throw new NotFoundError();
  if (!awaitsApproval(member.status)) throw new ConflictError("This person is not awaiting approval (already approved or declined).");
  return { ...member, membership: member.membership };
}

/** Approval: the colleague becomes invited and gets the invitation email (queued with the change, in one transaction). */
export async function approveColleague(viewer: Viewer, userId: string, request: RequestInfo): Promise<void> {
  const me = manager(viewer);
  const member = await pendingMember(userId);
  const inviter = member.membership.invitedById ? await getDb().user.findUnique({ where: { id: member.membership.invitedById }, select: { name: true, email: true } }) : null;
  // The email names the colleague who invited them; the send is the approving maintainer's.
  const outbox = await invitation(member.email, member.membership.organisation.name, { userId: me.userId, name: inviter?.name ?? null, email: inviter?.email ?? me.email });
  await getDb().$transaction(async (tx) => {
    // Approved or declined by someone else meanwhile: nothing happens twice.
    // A suspended or removed organisation's colleague is not invited (the email would name the organisation).
    const org = await tx.organisation.findUnique({ where: { id: member.membership.organisation.id }, select: { status: true } });
    if (!org || !mayBeInvited("INVITED", org.status)) throw new ConflictError("This organisation is suspended or removed: reactivate it before approving its people.");
    const { count } = await tx.user.updateMany({ where: { id: userId, status: "PENDING" }, data: { status: "INVITED" } });
    if (count === 0) throw new ConflictError("This person is not awaiting approval (already approved or declined).");
    await tx.membership.update({ where: { userId }, data: { approvedById: me.userId, approvedAt: new Date() } });
    await recordAudit({ actor: actor(me), action: "directory.member.approved", target: { type: "user", id: userId }, ip: request.ip, details: { organisationId: member.membership.organisation.id } }, tx);
    await outbox.write(tx);
  });
}

/** Declining removes the person; they never got an email and never could sign in. */
export async function declineColleague(viewer: Viewer, userId: string, request: RequestInfo): Promise<void> {
  const me = manager(viewer);
  await getDb().$transaction(async (tx) => {
    const member = await tx.user.findFirst({ where: { id: userId, role: "VENDOR", membership: { isNot: null } }, select: { id: true, status: true } });
    if (!member) throw new NotFoundError();
    if (!awaitsApproval(member.status)) throw new ConflictError("This person is not awaiting approval (already approved or declined).");
    await applyMemberStatus(tx, { actor: actor(me), action: "directory.member.declined" }, member, "REMOVED", request);
  });
}
