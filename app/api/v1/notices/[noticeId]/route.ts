// GET /api/v1/notices/:noticeId – one notice as its addressed vendor member sees it, once they accepted its embargo
// terms in the portal (409 with the portal link until then: the API never accepts terms for a person). 404, naming
// nothing, for a notice that is not the organisation's, and for any token that does not work (lib/tokens/http.ts).
import { getVendorNotice } from "@/lib/notices/data";
import { getConfig } from "@/lib/server/config";
import { toApiNoticeDetail, toApiTermsRequired } from "@/lib/tokens/api-notices";
import { apiJson, withApiToken } from "@/lib/tokens/http";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ noticeId: string }> }): Promise<Response> {
  const { noticeId } = await params;
  return withApiToken(request, "GET /api/v1/notices/:id", async (viewer, info) => {
    const { publicUrl } = getConfig();
    const notice = await getVendorNotice(viewer, noticeId.slice(0, 64), info, "api");
    if (notice.view === "terms") return apiJson(toApiTermsRequired(notice, publicUrl), 409);
    return toApiNoticeDetail(notice, publicUrl);
  });
}
