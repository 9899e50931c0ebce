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

/** What to read of an organisation to know where its notice email goes (see mailAddresses). */
export const MAIL_ADDRESSES_SELECT = { roleAddress: true, memberships: { where: { user: { status: "ACTIVE" as const } }, select: { user: { select: { email: true } } } } };

/** Where an organisation's notice email goes: each active member, and its role address; each address once. */
export function mailAddresses(org: { roleAddress: string | null; memberships: Array<{ user: { email: string } }> }): string[] {
  return [...new Set([...org.memberships.map((m) => m.user.email), ...(org.roleAddress ? [org.roleAddress] : [])])];
}
