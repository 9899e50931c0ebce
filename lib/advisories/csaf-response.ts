import "server-only";
// The one way a CSAF document is answered on the site, for both of its addresses: `/advisories/:id/csaf.json` and its
// canonical name `/advisories/:id/fw-2026-0001.json` (the document's self reference). Disclosed: TLP:CLEAR, public.
// Under embargo: TLP:AMBER, only for maintainers and members of an addressed organisation who accepted the terms
// (never cached). Everyone else, every other state, and a file name that is not this notice's: the same 404.
import { NotFoundError } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import { getEmbargoedCsaf, getPublicCsaf } from "./data";
import { csafFileName } from "./formats/csaf";
import { json, orNotFound } from "./http";

export function csafResponse(noticeId: string, reference?: string): Promise<Response> {
  return orNotFound(async () => {
    try {
      const document = await getPublicCsaf(noticeId, reference);
      return json(document, "public", csafFileName(document.document.tracking.id));
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
    const document = await getEmbargoedCsaf(await getViewer(), noticeId, await getRequestInfo(), reference);
    return json(document, "private", csafFileName(document.document.tracking.id));
  });
}
