// GET /advisories/:noticeId/osv.json — the OSV record of a disclosed advisory (404 before disclosure, and for
// drafts and withdrawn notices).
import { getPublicOsv } from "@/lib/advisories/data";
import { json, orNotFound } from "@/lib/advisories/http";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ noticeId: string }> }): Promise<Response> {
  const { noticeId } = await params;
  return orNotFound(async () => {
    const record = await getPublicOsv(noticeId);
    return json(record, "public", `${record.id}.json`);
  });
}
