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
