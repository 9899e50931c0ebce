// GET /.well-known/csaf/white/changes.csv – every document with its current release date, latest first (§7.1.13).
import { csafChangesResponse } from "@/lib/advisories/csaf-directory-response";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return csafChangesResponse(request);
}
