import type { Viewer } from "@/lib/server/viewer-types";

/** Anyone signed in manages their own second factor; changing it once enrolled needs the factor itself. */
export function mayManageOwnSecondFactor(viewer: Viewer): boolean {
  return viewer.kind !== "anonymous";
}

export function mayRegenerateRecoveryCodes(viewer: Viewer): boolean {
  return viewer.kind !== "anonymous" && viewer.totpEnrolled && viewer.secondFactor;
}
