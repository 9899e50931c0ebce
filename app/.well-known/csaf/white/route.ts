// GET /.well-known/csaf/white – the listing of the CSAF directory of TLP:CLEAR documents (§7.1.14): its year folders,
// index.txt and changes.csv. Only disclosed advisories are there (lib/advisories/data/csaf-directory.ts).
import { csafListingResponse } from "@/lib/advisories/csaf-directory-response";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return csafListingResponse(request);
}
