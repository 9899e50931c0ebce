// The confidential directory: maintainers (with their second factor) only. Vendors never see it, not even their
// own organisation's entry beyond its name and status.
import type { AccountStatus, OrganisationStatus } from "@/generated/prisma/enums";
import type { Viewer } from "@/lib/server/viewer-types";

export function canViewDirectory(viewer: Viewer): boolean {
  return viewer.kind === "maintainer" && viewer.secondFactor;
}

export const canManageDirectory = canViewDirectory;

/** Statuses in which a person or organisation keeps no session (checked again on every request). */
export function endsSessions(status: AccountStatus | OrganisationStatus): boolean {
  return status === "SUSPENDED" || status === "REMOVED";
}

/** What a maintainer may do to a member in a given status; INVITED → ACTIVE happens by signing in. */
export function memberTransitionAllowed(from: AccountStatus, to: "ACTIVE" | "SUSPENDED" | "REMOVED"): boolean {
  if (from === to) return false;
  if (to === "ACTIVE") return from === "SUSPENDED";
  if (to === "SUSPENDED") return from === "INVITED" || from === "ACTIVE";
  return from !== "REMOVED";
}

export const INVITABLE_ORGANISATION_STATUSES: readonly OrganisationStatus[] = ["INVITED", "ACTIVE"];

/**
 * Who an invitation email may go to: a person still INVITED (never PENDING approval, suspended or removed) of an
 * organisation that is invited or active (never of a suspended or removed one).
 */
export function mayBeInvited(person: AccountStatus, organisation: OrganisationStatus): boolean {
  return person === "INVITED" && INVITABLE_ORGANISATION_STATUSES.includes(organisation);
}

/** "Invite everyone not yet invited" skips people whose last invitation email is younger than this. */
export const REINVITE_AFTER_DAYS = 7;

/** The last active maintainer cannot be removed: someone must be able to run the instance. */
export function mayRemoveMaintainer(viewer: Viewer, targetUserId: string, activeLeftAfter: number): { ok: true } | { ok: false; reason: string } {
  if (!canManageDirectory(viewer)) return { ok: false, reason: "Not allowed." };
  if (viewer.kind === "maintainer" && viewer.userId === targetUserId) return { ok: false, reason: "You cannot remove yourself; ask another maintainer." };
  if (activeLeftAfter < 1) return { ok: false, reason: "The last maintainer cannot be removed." };
  return { ok: true };
}

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

type MailableOrganisation = {
  roleAddress: string | null;
  memberships: Array<{ userId: string; isAdmin: boolean; user: { email: string; lastSignInAt: Date | null } }>;
};

/**
 * Where an organisation's notice email goes: each invited or active member (within the notice's need-to-know
 * restriction, if any), and its role address — the organisation's own contact, which is no person and is told so;
 * each address once.
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
  if (org.roleAddress && !seen.has(org.roleAddress.toLowerCase())) out.push({ to: org.roleAddress, kind: "role-address" });
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
