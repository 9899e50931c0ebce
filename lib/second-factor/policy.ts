import type { Viewer } from "@/lib/server/viewer-types";

/**
 * Maintainers and vendor members manage their own second factor; changing it once enrolled needs the factor itself.
 * A reporter's account has none: the emailed link is its whole sign-in (lib/auth/policy.ts secondFactorRequired).
 */
export function mayManageOwnSecondFactor(viewer: Viewer): boolean {
  return viewer.kind === "maintainer" || viewer.kind === "vendor";
}

export function mayRegenerateRecoveryCodes(viewer: Viewer): boolean {
  return mayManageOwnSecondFactor(viewer) && viewer.kind !== "anonymous" && viewer.totpEnrolled && viewer.secondFactor;
}
