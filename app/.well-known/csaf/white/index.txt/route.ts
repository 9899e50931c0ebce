// GET /.well-known/csaf/white/index.txt – every document of the CSAF directory, one path a line (§7.1.12).
import { csafIndexResponse } from "@/lib/advisories/csaf-directory-response";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return csafIndexResponse(request);
}
