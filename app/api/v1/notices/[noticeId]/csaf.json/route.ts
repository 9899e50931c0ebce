// GET /api/v1/notices/:noticeId/csaf.json – the notice's CSAF 2.0 document for its addressed vendor member: TLP:AMBER
// under embargo, TLP:CLEAR once disclosed. Like the notice itself, only once the member accepted its embargo terms in
// the portal (409 with the portal link until then); 404, naming nothing, for anything that is not theirs.
import { getEmbargoedCsaf, getPublicCsaf } from "@/lib/advisories/data";
import { csafFileName } from "@/lib/advisories/formats/csaf";
import { getVendorNotice } from "@/lib/notices/data";
import { getConfig } from "@/lib/server/config";
import { toApiTermsRequired } from "@/lib/tokens/api-notices";
import { apiJson, withApiToken } from "@/lib/tokens/http";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ noticeId: string }> }): Promise<Response> {
  const id = (await params).noticeId.slice(0, 64);
  return withApiToken(request, "GET /api/v1/notices/:id/csaf.json", async (viewer, info) => {
    const notice = await getVendorNotice(viewer, id, info);
    if (notice.view === "terms") return apiJson(toApiTermsRequired(notice, getConfig().publicUrl), 409);
    const document = notice.notice.state === "DISCLOSED" ? await getPublicCsaf(id) : await getEmbargoedCsaf(viewer, id, info);
    return apiJson(document, 200, { "Content-Disposition": `inline; filename="${csafFileName(document.document.tracking.id)}"` });
  });
}
