// GET /api/notices/[noticeId]/tracking – one notice's tracking matrix as CSV; maintainers with their second factor (404 for anyone else).
import { trackingCsvRows } from "@/lib/notices/data";
import { NotFoundError } from "@/lib/server/errors";
import { csvResponse, toCsv } from "@/lib/server/csv";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ noticeId: string }> }): Promise<Response> {
  try {
    const { noticeId } = await params;
    const { reference, header, rows } = await trackingCsvRows(await getViewer(), noticeId, await getRequestInfo());
    // Organisation names and comments come from people outside the team: the writer neutralises spreadsheet formulas.
    return csvResponse(`forewarn-${reference}-tracking-${new Date().toISOString().slice(0, 10)}.csv`, toCsv(header, rows));
  } catch (error) {
    if (error instanceof NotFoundError) return Response.json({ error: "Not found" }, { status: 404, headers: { "Cache-Control": "no-store" } });
    throw error;
  }
}
