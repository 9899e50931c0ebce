// GET /advisories/:noticeId/csaf.json — the CSAF 2.0 document. Disclosed: TLP:CLEAR, public. Under embargo: the
// TLP:AMBER document, only for maintainers and for members of an addressed organisation who accepted the notice's
// terms (never cached). Everyone else, and every other state: 404.
import { getEmbargoedCsaf, getPublicCsaf } from "@/lib/advisories/data";
import { json, orNotFound } from "@/lib/advisories/http";
import { csafFileName } from "@/lib/advisories/formats/csaf";
import { NotFoundError } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/server/viewer";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ noticeId: string }> }): Promise<Response> {
  const { noticeId } = await params;
  return orNotFound(async () => {
    try {
      const document = await getPublicCsaf(noticeId);
      return json(document, "public", csafFileName(document.document.tracking.id));
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
    const document = await getEmbargoedCsaf(await getViewer(), noticeId, await getRequestInfo());
    return json(document, "private", csafFileName(document.document.tracking.id));
  });
}
