// GET /.well-known/csaf/white/:year – the listing of one year folder (§7.1.11, §7.1.14): each document with its
// signature and hash files. A year without a published document is not found.
import { csafListingResponse } from "@/lib/advisories/csaf-directory-response";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ year: string }> }): Promise<Response> {
  return csafListingResponse(request, (await params).year);
}
