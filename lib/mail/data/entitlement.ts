import "server-only";
// Who may still receive an email at the moment it is sent. An email is written with the change that causes it, but
// it may leave much later: after the provider's retries (up to hours), after the worker was down, after a
// maintainer's "retry failed". Meanwhile a member may be suspended, an organisation suspended or removed, a notice
// withdrawn. Before every attempt, and before every retry, the emails are checked again; those no longer entitled are
// never sent (and can never be retried).
import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/lib/server/db/client";
import { MAIL_ADDRESSES_SELECT, mailAddresses, needToKnowOf } from "../addresses";

type Reader = Db | Prisma.TransactionClient;

export type Addressed = { id: string; toAddress: string; organisationId: string | null };

/** After a notice is withdrawn, only the emails that say so still go out. */
const AFTER_WITHDRAWAL = new Set(["notice.withdrawn", "notice.retracted", "notice.retraction"]);

export const NOT_ENTITLED = {
  withdrawn: "Not sent: the notice was withdrawn before this email went out.",
  organisation: "Not sent: the organisation is no longer active.",
  member: "Not sent: the address no longer belongs to an invited or active member (who needs to know) or the role address of the organisation.",
  person: "Not sent: the person was suspended or removed.",
  removed: "Not sent: the organisation was removed from the notice.",
} as const;

/** The one email a removed organisation still gets about a notice: that its access ended. */
const TO_REMOVED_ORGANISATION = new Set(["notice.access-ended"]);

/** The emails (by id) that must not be sent now, each with the reason. */
export async function notEntitled(db: Reader, dispatch: { purpose: string; topic: string | null }, emails: Addressed[]): Promise<Map<string, string>> {
  const refused = new Map<string, string>();
  if (emails.length === 0) return refused;
  const noticeId = dispatch.topic?.startsWith("notice:") ? dispatch.topic.slice("notice:".length) : null;
  if (noticeId && !AFTER_WITHDRAWAL.has(dispatch.purpose)) {
    const notice = await db.notice.findUnique({ where: { id: noticeId }, select: { state: true } });
    if (notice?.state === "WITHDRAWN") {
      for (const e of emails) refused.set(e.id, NOT_ENTITLED.withdrawn);
      return refused;
    }
  }

  const orgIds = [...new Set(emails.map((e) => e.organisationId).filter((id): id is string => id !== null))];
  const orgs = orgIds.length
    ? await db.organisation.findMany({
        where: { id: { in: orgIds } },
        select: { id: true, status: true, ...MAIL_ADDRESSES_SELECT },
      })
    : [];
  // About a notice: the organisation's recipient row decides too (removed from the notice; need-to-know).
  const rows = noticeId && orgIds.length
    ? await db.noticeRecipient.findMany({
        where: { noticeId, organisationId: { in: orgIds } },
        select: { organisationId: true, removedAt: true, restricted: true, accessGrants: { select: { userId: true } } },
      })
    : [];
  const rowOf = new Map(rows.map((r) => [r.organisationId, r]));
  const byId = new Map(
    orgs.map((o) => {
      const row = rowOf.get(o.id);
      const needToKnow = row ? needToKnowOf(row) : null;
      return [o.id, { active: o.status === "ACTIVE", removed: !!row?.removedAt, addresses: new Set(mailAddresses(o, needToKnow).map((a) => a.to.toLowerCase())) }];
    }),
  );

  // Emails for no organisation (maintainers, the announce list, sign-in links): refused only to a person whose account
  // is suspended or removed.
  const loose = emails.filter((e) => e.organisationId === null).map((e) => e.toAddress.toLowerCase());
  const blocked = loose.length
    ? new Set((await db.user.findMany({ where: { email: { in: [...new Set(loose)] }, status: { in: ["SUSPENDED", "REMOVED"] } }, select: { email: true } })).map((u) => u.email.toLowerCase()))
    : new Set<string>();

  for (const e of emails) {
    const to = e.toAddress.toLowerCase();
    if (e.organisationId === null) {
      if (blocked.has(to)) refused.set(e.id, NOT_ENTITLED.person);
      continue;
    }
    const org = byId.get(e.organisationId);
    if (!org?.active) refused.set(e.id, NOT_ENTITLED.organisation);
    else if (org.removed && !TO_REMOVED_ORGANISATION.has(dispatch.purpose)) refused.set(e.id, NOT_ENTITLED.removed);
    else if (!org.addresses.has(to)) refused.set(e.id, NOT_ENTITLED.member);
  }
  return refused;
}
