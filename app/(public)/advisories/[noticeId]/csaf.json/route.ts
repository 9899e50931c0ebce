// GET /advisories/:noticeId/csaf.json — the CSAF 2.0 document (also served under its canonical name, see
// ../[file]/route.ts). Who gets which form is decided in lib/advisories (csafResponse): 404 for everyone else.
import { csafResponse } from "@/lib/advisories/csaf-response";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ noticeId: string }> }): Promise<Response> {
  return csafResponse((await params).noticeId);
}
