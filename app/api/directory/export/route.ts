// GET /api/directory/export – the whole directory as CSV; maintainers with their second factor (404 for anyone else).
// While the two-person rule covers the export: only `?request=<id>`, the viewer's own approved request, once, within
// the hour after its approval (409 saying why otherwise; 404 for a request that is not theirs).
import { exportDirectoryCsv } from "@/lib/directory/data";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import { csvResponse } from "@/lib/server/csv";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const requestId = new URL(req.url).searchParams.get("request");
  try {
    const approval = requestId ? { requestId: requestId.slice(0, 64) } : undefined;
    const csv = await exportDirectoryCsv(await getViewer(), await getRequestInfo(), approval);
    return csvResponse(`forewarn-directory-${new Date().toISOString().slice(0, 10)}.csv`, csv);
  } catch (error) {
    if (error instanceof NotFoundError) return Response.json({ error: "Not found" }, { status: 404, headers: { "Cache-Control": "no-store" } });
    if (error instanceof ConflictError) return Response.json({ error: error.publicMessage }, { status: 409, headers: { "Cache-Control": "no-store" } });
    throw error;
  }
}
