// The confidential directory: maintainers (with their second factor) only. Vendors never see it, not even their
// own organisation's entry beyond its name (that comes from their session).
import type { Viewer } from "@/lib/server/viewer-types";

export function canViewDirectory(viewer: Viewer): boolean {
  return viewer.kind === "maintainer" && viewer.secondFactor;
}

export const canManageDirectory = canViewDirectory;
