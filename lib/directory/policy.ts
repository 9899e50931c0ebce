// The confidential directory: maintainers (with their second factor) only. Vendors never see it, not even their
// own organisation's entry beyond its name and status.
import type { AccountStatus, OrganisationStatus, Role } from "@/generated/prisma/enums";
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

// ---- Organisation admins -----------------------------------------------------------------------------------------
// A vendor member a maintainer made admin of their organisation. The viewer's `orgAdmin` only shapes the pages; every
// write reads the membership again in its transaction and decides with the functions below.

/** What a write knows about the acting vendor, read from the database inside its transaction. */
export type AdminFacts = { userId: string; organisationId: string; isAdmin: boolean; status: AccountStatus };
/** The person acted on, as the database has them (null: no such person). */
export type TargetFacts = { userId: string; role: Role; organisationId: string | null; status: AccountStatus; isAdmin: boolean };

/** An active vendor member whose membership says admin, in the viewer's own organisation. */
export function isOrganisationAdmin(viewer: Viewer, facts: AdminFacts | null): boolean {
  return viewer.kind === "vendor" && facts !== null && facts.userId === viewer.userId && facts.organisationId === viewer.organisationId && facts.isAdmin && facts.status === "ACTIVE";
}

/** Whom an organisation admin may act on at all: vendor members of their own organisation. Anyone else is "not found". */
export function adminReaches(admin: AdminFacts, target: TargetFacts | null): target is TargetFacts {
  return target !== null && target.role === "VENDOR" && target.organisationId === admin.organisationId;
}

/** People an organisation's admins count on: admins who are not suspended or removed. */
export const COUNTS_AS_ADMIN: ReadonlySet<AccountStatus> = new Set(["INVITED", "ACTIVE"]);

export type Verdict = { ok: true } | { ok: false; reason: string };

/**
 * The last admin stays: an organisation that has admins keeps at least one (removed or demoted by themselves or by a
 * maintainer). `adminsLeftAfter` counts the other admins who are invited or active.
 */
export function keepsAnAdmin(target: { isAdmin: boolean; status: AccountStatus }, change: "REMOVED" | "SUSPENDED" | "DEMOTED", adminsLeftAfter: number, by: "maintainer" | "admin"): Verdict {
  if (!target.isAdmin || !COUNTS_AS_ADMIN.has(target.status)) return { ok: true };
  // A maintainer may still suspend the last admin at once (a compromised account); removing or demoting waits for another.
  if (change === "SUSPENDED" && by === "maintainer") return { ok: true };
  if (adminsLeftAfter >= 1) return { ok: true };
  return { ok: false, reason: "This is the organisation's last admin. Make another member admin first." };
}

/** What an organisation admin may do to a colleague: suspend or remove them (reactivation is the maintainers'). */
export function colleagueChangeAllowed(admin: AdminFacts, target: TargetFacts, to: "SUSPENDED" | "REMOVED", adminsLeftAfter: number): Verdict {
  if (target.userId === admin.userId && to === "SUSPENDED") return { ok: false, reason: "You cannot suspend yourself." };
  if (!memberTransitionAllowed(target.status, to)) return { ok: false, reason: `A member who is ${statusWord(target.status)} cannot become ${statusWord(to)}.` };
  return keepsAnAdmin(target, to, adminsLeftAfter, "admin");
}

/** A colleague an organisation admin invites waits for a maintainer's approval when the instance asks for it. */
export function colleagueStartsAs(approveColleagues: boolean): "PENDING" | "INVITED" {
  return approveColleagues ? "PENDING" : "INVITED";
}

/** An address an organisation admin may not invite: said without telling anything about other organisations. */
export const NOT_INVITABLE = "This address cannot be invited here; ask the maintainers.";

/** Why an address cannot be invited by an organisation admin (null: it is new). Never names another organisation. */
export function colleagueInviteRefusal(organisationId: string, existing: { organisationId: string | null; status: AccountStatus } | null): string | null {
  if (!existing) return null;
  if (existing.organisationId === organisationId && existing.status !== "REMOVED") return "This person is already a member of your organisation.";
  return NOT_INVITABLE;
}

/** Only a person awaiting approval can be approved or declined. */
export function awaitsApproval(status: AccountStatus): boolean {
  return status === "PENDING";
}

export function statusWord(status: AccountStatus): string {
  return status === "PENDING" ? "awaiting approval" : status.toLowerCase();
}
