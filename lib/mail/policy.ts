import type { Viewer } from "@/lib/server/viewer-types";

/** The development mailbox shows every email's body, sign-in links included: maintainers with a second factor only. */
export function canReadMailbox(viewer: Viewer): boolean {
  return viewer.kind === "maintainer" && viewer.secondFactor;
}
