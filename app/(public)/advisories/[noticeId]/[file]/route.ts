// GET /advisories/:noticeId/:file — the CSAF 2.0 document under its canonical name (CSAF 2.0 §5.1, e.g.
// fw-2026-0001.json), the URL its `self` reference gives (recommended test 6.2.11). The same answers as csaf.json:
// public once disclosed, TLP:AMBER to those who may read it, and 404 for anything else, a wrong name included.
import { csafResponse } from "@/lib/advisories/csaf-response";
import { referenceFromCsafFile } from "@/lib/advisories/formats/csaf";
import { notFoundResponse } from "@/lib/advisories/http";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ noticeId: string; file: string }> }): Promise<Response> {
  const { noticeId, file } = await params;
  const reference = referenceFromCsafFile(file);
  if (!reference) return notFoundResponse();
  return csafResponse(noticeId, reference);
}
