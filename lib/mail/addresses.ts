// Where an organisation's email about a notice goes. The rule is applied when an email is written (lib/notices) and
// again when it is sent (./data/entitlement.ts), so it lives here, below both: the directory and the notices read it
// from the mail domain, and the mail domain never reads theirs.
import type { AccountStatus } from "@/generated/prisma/enums";

/**
 * Member statuses that receive their organisation's notice emails. Invited people too: a notice email carries nothing
 * embargoed (reference, time, link), and it is how someone who has not signed in yet learns there is something to
 * sign in for. People awaiting approval, suspended or removed never get one.
 */
export const MAILED_MEMBER_STATUSES = ["INVITED", "ACTIVE"] as const satisfies readonly AccountStatus[];

/** What to read of an organisation to know where its notice email goes (see mailAddresses). */
export const MAIL_ADDRESSES_SELECT = {
  roleAddress: true,
  memberships: {
    where: { user: { status: { in: [...MAILED_MEMBER_STATUSES] } } },
    orderBy: { createdAt: "asc" as const },
    select: { userId: true, isAdmin: true, user: { select: { email: true, lastSignInAt: true } } },
  },
};

/** Who an address is: a member who has signed in, a member who never has (told how to get in), the role address. */
export type MailAddressKind = "member" | "new-member" | "role-address";
export type MailAddress = { to: string; kind: MailAddressKind };

/** A notice restricted by the organisation's admins to the members who need to know (admins always do). */
export type NeedToKnow = { restricted: boolean; grantedUserIds: readonly string[] };

/** A notice's recipient row as read for its need-to-know restriction. */
export function needToKnowOf(row: { restricted: boolean; accessGrants: ReadonlyArray<{ userId: string }> }): NeedToKnow {
  return { restricted: row.restricted, grantedUserIds: row.accessGrants.map((g) => g.userId) };
}

type MailableOrganisation = {
  roleAddress: string | null;
  memberships: Array<{ userId: string; isAdmin: boolean; user: { email: string; lastSignInAt: Date | null } }>;
};

/**
 * Where an organisation's notice email goes: each invited or active member, and its role address — the organisation's
 * own contact, which is no person and is told so; each address once. Under the notice's need-to-know restriction,
 * only the admins and the chosen members, and not the role address.
 */
export function mailAddresses(org: MailableOrganisation, needToKnow: NeedToKnow | null = null): MailAddress[] {
  const granted = new Set(needToKnow?.grantedUserIds ?? []);
  const seen = new Set<string>();
  const out: MailAddress[] = [];
  for (const m of org.memberships) {
    if (needToKnow?.restricted && !m.isAdmin && !granted.has(m.userId)) continue;
    const key = m.user.email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ to: m.user.email, kind: m.user.lastSignInAt ? "member" : "new-member" });
  }
  // A shared mailbox is read by people a need-to-know restriction leaves out: it gets nothing about such a notice.
  if (org.roleAddress && !needToKnow?.restricted && !seen.has(org.roleAddress.toLowerCase())) out.push({ to: org.roleAddress, kind: "role-address" });
  return out;
}

/** What a maintainer reads before sending: how many people, how many of them have not signed in yet, the role address. */
export function audienceCounts(addresses: readonly MailAddress[]): { people: number; notSignedIn: number; roleAddress: boolean; emails: number } {
  return {
    people: addresses.filter((a) => a.kind !== "role-address").length,
    notSignedIn: addresses.filter((a) => a.kind === "new-member").length,
    roleAddress: addresses.some((a) => a.kind === "role-address"),
    emails: addresses.length,
  };
}
