// Who may read the audit log: maintainers who passed the second factor. Nobody may change it.
import type { Viewer } from "@/lib/server/viewer-types";

export function canViewAudit(viewer: Viewer): boolean {
  return viewer.kind === "maintainer" && viewer.secondFactor;
}
