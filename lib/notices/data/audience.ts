import "server-only";
// Need-to-know, an organisation admin's choice per notice: everyone in the organisation sees it (the default), or only
// the chosen members plus the admins. The notice is found through the admin's own scope (recipientScope), the members
// are their own organisation's, and the rule that hides it from everyone else is recipientScope itself.
import { getDb } from "@/lib/server/db/client";
import type { AccountStatus } from "@/generated/prisma/enums";
import { NotFoundError } from "@/lib/server/errors";
import type { RequestInfo, VendorViewer, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { adminFacts } from "@/lib/directory/data/colleagues";
import type { Prisma } from "@/generated/prisma/client";
import { needToKnowGrants, noticeScope, recipientScope } from "../policy";
import type { NoticeAudienceInput } from "../schemas";

type Tx = Prisma.TransactionClient;

export type AudienceMember = { id: string; email: string; name: string | null; status: AccountStatus; isAdmin: boolean; granted: boolean };
export type NoticeAudience = { organisation: string; restricted: boolean; members: AudienceMember[] };

/** The admin's organisation's recipient row of a notice they see, and its invited or active members. */
async function audienceOf(db: Tx | ReturnType<typeof getDb>, me: VendorViewer, noticeId: string) {
  const scope = noticeScope(me);
  if (!scope) throw new NotFoundError();
  const recipient = await db.noticeRecipient.findFirst({
    where: { noticeId, ...recipientScope(me), notice: scope },
    select: {
      id: true,
      restricted: true,
      accessGrants: { select: { userId: true } },
      organisation: {
        select: {
          name: true,
          memberships: {
            where: { user: { status: { in: ["INVITED", "ACTIVE"] } } },
            orderBy: [{ isAdmin: "desc" }, { createdAt: "asc" }],
            select: { isAdmin: true, user: { select: { id: true, email: true, name: true, status: true } } },
          },
        },
      },
    },
  });
  if (!recipient) throw new NotFoundError();
  return recipient;
}

/** Who in the admin's organisation sees a notice. Anyone but an admin of an addressed organisation: not found. */
export async function getNoticeAudience(viewer: Viewer, noticeId: string): Promise<NoticeAudience> {
  const db = getDb();
  const me = await adminFacts(db, viewer);
  const r = await audienceOf(db, me.viewer, noticeId);
  const granted = new Set(r.accessGrants.map((g) => g.userId));
  return {
    organisation: r.organisation.name,
    restricted: r.restricted,
    members: r.organisation.memberships.map((m) => ({ ...m.user, isAdmin: m.isAdmin, granted: !r.restricted || m.isAdmin || granted.has(m.user.id) })),
  };
}

/**
 * Sets who in the admin's organisation sees a notice, in one transaction: the restriction flag and the grants. A member
 * left out sees the notice exactly as one of an organisation that was never addressed, from their next request on.
 */
export async function setNoticeAudience(viewer: Viewer, input: NoticeAudienceInput, request: RequestInfo): Promise<{ restricted: boolean; members: number }> {
  return getDb().$transaction(async (tx) => {
    const me = await adminFacts(tx, viewer);
    const r = await audienceOf(tx, me.viewer, input.noticeId);
    const restricted = input.audience === "chosen";
    const grants = restricted ? needToKnowGrants(r.organisation.memberships.map((m) => ({ userId: m.user.id, isAdmin: m.isAdmin, status: m.user.status })), input.members) : [];
    // A member of another organisation, or no member at all: the same answer as any object the admin cannot see.
    if (grants === null) throw new NotFoundError();
    await tx.noticeRecipient.update({ where: { id: r.id }, data: { restricted } });
    await tx.noticeAccessGrant.deleteMany({ where: { recipientId: r.id } });
    if (grants.length) await tx.noticeAccessGrant.createMany({ data: grants.map((userId) => ({ recipientId: r.id, userId, grantedById: me.userId })) });
    await recordAudit(
      { actor: { id: me.userId, email: me.email }, action: "notice.audience-changed", target: { type: "notice", id: input.noticeId }, ip: request.ip, details: { organisationId: me.organisationId, restricted, members: grants } },
      tx,
    );
    return { restricted, members: grants.length };
  });
}
