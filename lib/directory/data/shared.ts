import "server-only";
import { NotFoundError } from "@/lib/server/errors";
import type { MaintainerViewer, Viewer } from "@/lib/server/viewer-types";
import { canManageDirectory } from "../policy";

/** The directory answers only maintainers with their second factor; everyone else gets "not found". */
export function manager(viewer: Viewer): MaintainerViewer {
  if (!canManageDirectory(viewer) || viewer.kind !== "maintainer") throw new NotFoundError();
  return viewer;
}

export function actor(viewer: MaintainerViewer): { id: string; email: string } {
  return { id: viewer.userId, email: viewer.email };
}

/**
 * Serialises the directory's bulk writes (an import, "invite everyone not yet invited"): the second of two
 * concurrent ones waits, then sees what the first did (a double click sends one set of invitations).
 */
export const DIRECTORY_WRITE_LOCK = 7262616403;
