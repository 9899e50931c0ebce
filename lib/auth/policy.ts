// Who may sign in, how long a session lives and when the second factor is required. Pure functions.
import type { AccountStatus, OrganisationStatus, Role } from "@/generated/prisma/enums";
import type { SessionLimits } from "@/lib/server/config";
import type { SignedInViewer, Viewer } from "@/lib/server/viewer-types";

export type AccountFacts = {
  role: Role;
  status: AccountStatus;
  /** The vendor's organisation; null for maintainers or a vendor without one. */
  organisationStatus: OrganisationStatus | null;
};

const PERSON_MAY_SIGN_IN: ReadonlySet<AccountStatus> = new Set(["INVITED", "ACTIVE"]);
// An invited organisation's people may sign in (and see that access is pending); notices need ACTIVE.
const ORGANISATION_MAY_SIGN_IN: ReadonlySet<OrganisationStatus> = new Set(["INVITED", "ACTIVE"]);

/** Whether this account may receive a magic link and hold a session. Checked again on every request. */
export function maySignIn(account: AccountFacts): boolean {
  if (!PERSON_MAY_SIGN_IN.has(account.status)) return false;
  if (account.role === "MAINTAINER") return true;
  // A reporter's account belongs to no organisation. It is made INVITED by an unconfirmed report on the public form
  // (anyone can name any address there) and becomes ACTIVE when the report's link is confirmed or a maintainer
  // enters the report: only then may it ask for sign-in links.
  if (account.role === "REPORTER") return account.status === "ACTIVE";
  return account.organisationStatus !== null && ORGANISATION_MAY_SIGN_IN.has(account.organisationStatus);
}

export function sessionLimits(role: Role, limits: { maintainer: SessionLimits; vendor: SessionLimits }): SessionLimits {
  // Reporters' sessions are as short as vendors'.
  return role === "MAINTAINER" ? limits.maintainer : limits.vendor;
}

/** Idle and absolute limits, both enforced: whichever comes first ends the session. */
export function sessionExpired(
  session: { createdAt: Date; lastSeenAt: Date; absoluteExpiresAt: Date },
  limits: SessionLimits,
  now: Date,
): boolean {
  if (now >= session.absoluteExpiresAt) return true;
  if (now.getTime() - session.createdAt.getTime() >= limits.maxMs) return true;
  return now.getTime() - session.lastSeenAt.getTime() >= limits.idleMs;
}

/** Maintainers always need TOTP (ASVS 6.3.3); vendors when they enrolled it or the instance requires it. */
export function secondFactorRequired(role: Role, totpEnrolled: boolean, requireVendorTotp: boolean): boolean {
  // A reporter reaches only what they sent themselves: the magic link (their address) is the whole sign-in.
  if (role === "REPORTER") return false;
  return role === "MAINTAINER" || totpEnrolled || requireVendorTotp;
}

/** "reporter": one's own reports, open to every signed-in person (a vendor or maintainer may report too). */
export type Area = "maintainer" | "vendor" | "account" | "reporter";

const ROLE_OF_KIND = { maintainer: "MAINTAINER", vendor: "VENDOR", reporter: "REPORTER" } as const satisfies Record<SignedInViewer["kind"], Role>;

/** A signed-in viewer who must still pass the second factor in this session. */
export function awaitsSecondFactor(viewer: SignedInViewer, requireVendorTotp: boolean): boolean {
  return secondFactorRequired(ROLE_OF_KIND[viewer.kind], viewer.totpEnrolled, requireVendorTotp) && !viewer.secondFactor;
}

/** Whether a viewer may use an area's pages and actions (each data function still checks its own object). */
export function mayEnter(viewer: Viewer, area: Area, requireVendorTotp: boolean): boolean {
  if (viewer.kind === "anonymous") return false;
  if (awaitsSecondFactor(viewer, requireVendorTotp)) return false;
  if (area === "maintainer") return viewer.kind === "maintainer";
  if (area === "vendor") return viewer.kind === "vendor";
  // A reporter's account has no settings or sessions page of its own beyond /reporter.
  if (area === "account") return viewer.kind !== "reporter";
  return true;
}
