// Who may see and do what with a notice. This file is the one place that decides whether a vendor sees a notice:
// `noticeScope` is the Prisma `where` every read goes through, and the rules below are pure and table-tested.
import type { NoticeState } from "@/generated/prisma/enums";
import type { Viewer } from "@/lib/server/viewer-types";

/** Maintainers with their second factor run notices. */
export function canManageNotices(viewer: Viewer): boolean {
  return viewer.kind === "maintainer" && viewer.secondFactor;
}

/**
 * Tracing a leaked copy back to the organisation it was served to (lib/notices/data/trace.ts): maintainers who passed
 * the second factor, no one else — the answer names recipients and their members' addresses and activity.
 */
export function canTraceLeaks(viewer: Viewer): boolean {
  return canManageNotices(viewer);
}

/** States in which a notice exists for its recipients at all: drafts and withdrawn notices are maintainers' only. */
export const VENDOR_VISIBLE_STATES: readonly NoticeState[] = ["EMBARGOED", "DISCLOSED"];

/**
 * The notices a viewer may see, as a Prisma `where`. A vendor member sees a notice only when it is embargoed or
 * disclosed, their organisation is one of its recipients, and both the organisation and the member are active
 * (checked in the same query, so a suspension hides everything from the next request on). `null`: nothing at all.
 */
export function noticeScope(viewer: Viewer): Record<string, unknown> | null {
  if (canManageNotices(viewer)) return {};
  if (viewer.kind !== "vendor") return null;
  return {
    state: { in: [...VENDOR_VISIBLE_STATES] },
    recipients: { some: recipientScope(viewer) },
  };
}

/**
 * The recipient row of the viewer's own organisation, and only while it and the member are active, the organisation
 * was not removed from the notice, and — when its admins restricted the notice to those who need to know — the
 * member is one of them or an admin. A member outside that sees the notice exactly as one of an organisation that
 * was never addressed.
 */
export function recipientScope(viewer: Extract<Viewer, { kind: "vendor" }>): Record<string, unknown> {
  return {
    organisationId: viewer.organisationId,
    removedAt: null,
    organisation: { status: "ACTIVE", memberships: { some: { userId: viewer.userId, user: { status: "ACTIVE" } } } },
    OR: [
      { restricted: false },
      { accessGrants: { some: { userId: viewer.userId } } },
      { organisation: { memberships: { some: { userId: viewer.userId, isAdmin: true } } } },
    ],
  };
}

/**
 * The notices a vendor member's calendar feed shows as cancelled events: withdrawn after sending, through the same
 * recipient row as recipientScope (organisation and member active, not removed, within need-to-know). Exactly these
 * people were told of the withdrawal by email; the event says no more than that email did (reference, time,
 * CANCELLED) and lets their calendar drop a disclosure that will not happen. A draft withdrawn unsent reached nobody.
 * It opens nothing else: the notice itself stays maintainers' only (noticeScope).
 */
export function cancelledScope(viewer: Extract<Viewer, { kind: "vendor" }>): Record<string, unknown> {
  return { state: "WITHDRAWN", sentAt: { not: null }, recipients: { some: recipientScope(viewer) } };
}

/**
 * Need-to-know: which of an organisation's members an admin's choice grants the notice to. Only the organisation's
 * invited or active members can be chosen (anything else: null, and nothing changes); admins see every notice of
 * their organisation anyway, so they need no grant.
 */
export function needToKnowGrants(members: ReadonlyArray<{ userId: string; isAdmin: boolean; status: string }>, chosen: readonly string[]): string[] | null {
  const byId = new Map(members.filter((m) => m.status === "INVITED" || m.status === "ACTIVE").map((m) => [m.userId, m]));
  if (chosen.some((id) => !byId.has(id))) return null;
  return [...new Set(chosen)].filter((id) => !byId.get(id)!.isAdmin);
}

export type NoticeAction = "edit" | "send" | "revise" | "change-date" | "end-embargo" | "withdraw" | "delete-draft";

/** Which maintainer actions a notice's state allows. */
export function actionAllowed(state: NoticeState, action: NoticeAction): boolean {
  switch (action) {
    case "edit":
    case "send":
    case "delete-draft":
      return state === "DRAFT";
    case "revise":
    case "change-date":
    case "end-embargo":
      return state === "EMBARGOED";
    case "withdraw":
      // A published advisory too, if it turns out not to be a vulnerability (its OSV record then says "withdrawn").
      return state === "DRAFT" || state === "EMBARGOED" || state === "DISCLOSED";
  }
}

/** A vendor reads the full notice only after accepting its embargo terms (once per person and notice). */
export function vendorSeesDetails(termsAccepted: boolean): boolean {
  return termsAccepted;
}

/** Acknowledging, feedback, statements and messages: while the notice is embargoed or disclosed (never after withdrawal). */
export function vendorMayRespond(state: NoticeState): boolean {
  return state === "EMBARGOED" || state === "DISCLOSED";
}

export type EmbargoSettings = { maxDays: number; warnDays: number; warnHours: number };
export const DEFAULT_EMBARGO: EmbargoSettings = { maxDays: 14, warnDays: 7, warnHours: 24 };

/**
 * How close to its disclosure an organisation that has not acknowledged a notice is flagged to the maintainers: the
 * embargo warning threshold (FOREWARN_EMBARGO_WARN_HOURS), but never less than two days — time enough to remind it,
 * or to call someone there.
 */
export function silentWarningWindowHours(warnHours: number): number {
  return Math.max(warnHours, 48);
}

export type EmbargoCheck = { blocking: string | null; warnings: string[] };

/**
 * The embargo policy for a disclosure time: in the future; at most `maxDays` away unless a reason is given (logged);
 * warnings above `warnDays`, under `warnHours`, and without any patch.
 */
export function checkEmbargo(input: { now: Date; disclosureAt: Date; attachments: number; overrideReason: string | null; sentAt?: Date | null | undefined }, settings: EmbargoSettings = DEFAULT_EMBARGO): EmbargoCheck {
  const ms = input.disclosureAt.getTime() - input.now.getTime();
  const hours = ms / 3_600_000;
  // The maximum counts from sending (a date moved later cannot stretch an embargo already running).
  const length = (input.disclosureAt.getTime() - (input.sentAt ?? input.now).getTime()) / 3_600_000;
  const warnings: string[] = [];
  if (ms <= 0) return { blocking: "The disclosure time is in the past. Choose a time in the future.", warnings };
  if (length > settings.maxDays * 24 && !input.overrideReason) {
    return { blocking: `The embargo would last more than ${settings.maxDays} days from sending. Shorten it, or give the reason for a longer one (it is recorded).`, warnings };
  }
  if (length > settings.maxDays * 24) warnings.push(`Longer than the ${settings.maxDays}-day maximum, by exception: ${input.overrideReason}`);
  else if (length > settings.warnDays * 24) warnings.push(`The embargo lasts more than ${settings.warnDays} days: vendors rarely need that long, and leaks grow with time.`);
  if (hours < settings.warnHours) warnings.push(`Less than ${settings.warnHours} hours remain before disclosure: vendors may not be able to act in time.`);
  if (input.attachments === 0) warnings.push("No patch is attached: vendors will have to wait for the public fix.");
  return { blocking: null, warnings };
}

/** FW-2026-0007: the year and a number that restarts each year. */
export function formatReference(year: number, n: number): string {
  return `FW-${year}-${String(n).padStart(4, "0")}`;
}

/**
 * Who may publish a notice's pre-announcement: a maintainer who passed their second factor — the same people who run
 * notices, but named apart, because it is the one maintainer action that tells the public an issue exists. (When the
 * two-person rule of issue 14 lands, its approval is checked in publishPreAnnouncement, the action's only data path.)
 */
export function canPreAnnounce(viewer: Viewer): boolean {
  return viewer.kind === "maintainer" && canManageNotices(viewer);
}

/**
 * Why a notice cannot be pre-announced now, in words for the maintainer; null when it can. Only a sent (embargoed)
 * notice: a draft's date is not fixed until it is sent, and the public must never hear of an issue before the
 * organisations it is sent to. A pre-announcement says how urgent the release is, so the notice must be rated.
 */
export function preAnnouncementRefusal(notice: { state: string; rated: boolean; disclosureAt: Date }, now: Date): string | null {
  switch (notice.state) {
    case "DRAFT":
      return "A draft cannot be pre-announced: its disclosure time is not fixed until it is sent, and the public must not hear of it before the organisations it goes to. Send it first.";
    case "DISCLOSED":
      return "This notice is disclosed: its advisory is public, and the pre-announcement (if there was one) became the advisory.";
    case "WITHDRAWN":
      return "This notice was withdrawn: there is nothing to pre-announce.";
    case "EMBARGOED":
      if (notice.disclosureAt.getTime() <= now.getTime()) return "The disclosure time has passed: the advisory is being published.";
      return notice.rated ? null : "Rate the notice's severity first (Revise: a CVSS vector or a plain rating): a pre-announcement says how severe the issue is, and nothing else about it.";
    default:
      return "This notice cannot be pre-announced.";
  }
}
