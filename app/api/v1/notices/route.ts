// GET /api/v1/notices – the notices addressed to the API token owner's organisation (reference, state, disclosure
// time, acknowledgement, links; never a title). Bearer token only: a session cookie is not a credential here.
import { listVendorNotices } from "@/lib/notices/data";
import { getConfig } from "@/lib/server/config";
import { toApiNoticeSummary } from "@/lib/tokens/api-notices";
import { withApiToken } from "@/lib/tokens/http";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return withApiToken(request, "GET /api/v1/notices", async (viewer) => {
    const { publicUrl } = getConfig();
    return { notices: (await listVendorNotices(viewer)).map((row) => toApiNoticeSummary(row, publicUrl)) };
  });
}
