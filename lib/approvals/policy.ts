// The two-person rule's pure rules (OWASP ASVS 5.0 2.3.5): which actions need a second maintainer, who may decide a
// request, and when a request is still open. No database, no clock: the callers pass both in.
import type { Viewer } from "@/lib/server/viewer-types";

/**
 * The actions the rule can cover, in the order Settings lists them. A new covered action (e.g. a public
 * pre-announcement) is one entry here, its parameters in schemas.ts, and its handler in
 * lib/composition/approval-handlers.ts.
 */
export const APPROVAL_KINDS = [
  "notice.send",
  "notice.add-recipients",
  "notice.change-date",
  "notice.end-embargo",
  "notice.withdraw",
  "notice.publish-attachment",
  "notice.pre-announce",
  "settings.update",
  "directory.remove-maintainer",
  "directory.export",
] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

/** Changing what the rule covers: not a choice in Settings, it is covered whenever anything else is. */
export const POLICY_KIND = "approvals.settings";
/**
 * Who can approve: inviting a maintainer (a second account of one's own would approve one's own requests) and removing
 * one (the last other approver gone, every covered action would run alone) are covered whenever anything else is,
 * whatever Settings say, like changing the rule itself.
 */
export const INVITE_KIND = "directory.invite-maintainer";
export const GUARDED_WITH_ANY: readonly string[] = [POLICY_KIND, INVITE_KIND, "directory.remove-maintainer"];
export type RequestKind = ApprovalKind | typeof POLICY_KIND | typeof INVITE_KIND;

export const KIND_LABELS: Record<RequestKind, string> = {
  "notice.send": "Send a notice",
  "notice.add-recipients": "Add organisations to an embargoed notice",
  "notice.change-date": "Change the disclosure date",
  "notice.end-embargo": "End an embargo early",
  "notice.withdraw": "Withdraw a notice or advisory",
  "notice.publish-attachment": "Publish a file with the advisory",
  "notice.pre-announce": "Publish a public pre-announcement",
  "settings.update": "Change the project's settings",
  "directory.remove-maintainer": "Remove a maintainer",
  "directory.export": "Export the directory",
  "approvals.settings": "Change which actions need a second maintainer",
  "directory.invite-maintainer": "Invite a maintainer",
};

/** With two or more maintainers who could approve, these are covered until Settings say otherwise. */
export const DEFAULT_COVERED: readonly ApprovalKind[] = ["notice.send", "notice.end-embargo", "notice.change-date"];
export const DEFAULT_EXPIRY_HOURS = 24;

export function isApprovalKind(value: string): value is ApprovalKind {
  return (APPROVAL_KINDS as readonly string[]).includes(value);
}

/**
 * What is covered. Saved settings win; without them, nothing on an instance with fewer than two maintainers who could
 * approve (active, second factor enrolled), the defaults from two on. `instanceDefault: "off"` (FOREWARN_TWO_PERSON_DEFAULT)
 * makes the unsaved default "nothing" whatever the count (the e2e instance, where dozens of maintainers sign in).
 */
export function coveredKinds(saved: { covered: readonly string[] } | null, eligibleMaintainers: number, instanceDefault: "auto" | "off" = "auto"): ApprovalKind[] {
  if (saved) return APPROVAL_KINDS.filter((k) => saved.covered.includes(k));
  if (instanceDefault === "off" || eligibleMaintainers < 2) return [];
  return [...DEFAULT_COVERED];
}

/**
 * Whether this action must wait for a second maintainer. Only when somebody else could approve it: a rule nobody can
 * satisfy would lock the instance (the last maintainer could not even turn it off); the settings page says so.
 */
export function needsApproval(kind: RequestKind, covered: readonly ApprovalKind[], otherApprovers: number): boolean {
  if (otherApprovers < 1) return false;
  if (GUARDED_WITH_ANY.includes(kind)) return covered.length > 0;
  return isApprovalKind(kind) && covered.includes(kind);
}

/** Maintainers who passed the second factor in this session may request, see and decide approvals. */
export function canUseApprovals(viewer: Viewer): boolean {
  return viewer.kind === "maintainer" && viewer.secondFactor;
}

export type RequestFacts = { status: string; requestedById: string; expiresAt: Date };
export type Verdict = { ok: true } | { ok: false; reason: string };

/** Whether the request is still waiting for a decision at `now`. */
export function isOpen(request: RequestFacts, now: Date): boolean {
  return request.status === "PENDING" && request.expiresAt.getTime() > now.getTime();
}

/** The reason a request's status gives for not deciding it (already done, declined, expired…). */
export function closedReason(status: string): string {
  switch (status) {
    case "EXECUTING":
    case "EXECUTED":
    case "FAILED":
      return "This request was already approved.";
    case "DECLINED":
      return "This request was declined.";
    case "EXPIRED":
      return "This request expired before anyone approved it. Ask again if it is still needed.";
    case "VOID":
      return "This request is void: what it was about changed after it was made.";
    default:
      return "This request is no longer open.";
  }
}

/** Who may approve or decline: another maintainer with the second factor, while the request is open. */
export function mayDecide(viewer: Viewer, request: RequestFacts, now: Date): Verdict {
  if (!canUseApprovals(viewer) || viewer.kind !== "maintainer") return { ok: false, reason: "Only a maintainer who passed the second factor can decide a request." };
  if (request.status === "PENDING" && request.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: closedReason("EXPIRED") };
  if (request.status !== "PENDING") return { ok: false, reason: closedReason(request.status) };
  if (viewer.userId === request.requestedById) return { ok: false, reason: "You asked for this: another maintainer has to approve it." };
  return { ok: true };
}

export function expiresAt(now: Date, hours: number): Date {
  return new Date(now.getTime() + hours * 3_600_000);
}

/**
 * Kinds whose approval does not do the action but lets the requester collect its result: the directory export is a
 * download, so an approval grants the REQUESTER (only) one download within COLLECT_WINDOW_MS of the approval.
 */
export const COLLECTED_KINDS: readonly RequestKind[] = ["directory.export"];
/** Where the requester collects it (the route checks everything again). */
export const COLLECT_PATHS: Partial<Record<RequestKind, (requestId: string) => string>> = {
  "directory.export": (id) => `/api/directory/export?request=${encodeURIComponent(id)}`,
};
export const COLLECT_WINDOW_MS = 3_600_000;

export type CollectFacts = { kind: string; status: string; requestedById: string; executedAt: Date | null; collectedAt: Date | null };

/** Until when the requester may collect an approved request's result; null when the kind is not collected or not approved. */
export function collectUntil(request: Pick<CollectFacts, "kind" | "status" | "executedAt">): Date | null {
  if (!COLLECTED_KINDS.includes(request.kind as RequestKind) || request.status !== "EXECUTED" || !request.executedAt) return null;
  return new Date(request.executedAt.getTime() + COLLECT_WINDOW_MS);
}

/**
 * Whether `viewer` may collect the result of this approved request now: the requester alone (not the approver, not a
 * third maintainer), a maintainer who passed the second factor, the request of that kind approved, not collected yet,
 * within the window. `notFound` marks the refusals that must look like a missing request (it is not theirs).
 */
export function mayCollect(viewer: Viewer, request: CollectFacts, kind: RequestKind, now: Date): Verdict & { notFound?: true } {
  if (!canUseApprovals(viewer) || viewer.kind !== "maintainer" || request.kind !== kind || viewer.userId !== request.requestedById) return { ok: false, reason: "Not found.", notFound: true };
  const until = collectUntil(request);
  if (!until) {
    if (request.status === "PENDING") return { ok: false, reason: "This request is still waiting for a second maintainer's approval." };
    return { ok: false, reason: ["DECLINED", "EXPIRED", "VOID"].includes(request.status) ? closedReason(request.status) : "This request was not approved: there is nothing to download." };
  }
  if (request.collectedAt) return { ok: false, reason: "This approved export was already downloaded; it can be downloaded once. Ask again if you need another." };
  if (now.getTime() >= until.getTime()) return { ok: false, reason: "The time to download this approved export has passed (one hour after the approval). Ask again if you still need it." };
  return { ok: true };
}
