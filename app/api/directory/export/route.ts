// GET /api/directory/export – the whole directory as CSV; maintainers with their second factor (404 for anyone else).
import { exportDirectoryCsv } from "@/lib/directory/data";
import { NotFoundError } from "@/lib/server/errors";
import { csvResponse } from "@/lib/server/csv";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const csv = await exportDirectoryCsv(await getViewer(), await getRequestInfo());
    return csvResponse(`forewarn-directory-${new Date().toISOString().slice(0, 10)}.csv`, csv);
  } catch (error) {
    if (error instanceof NotFoundError) return Response.json({ error: "Not found" }, { status: 404 });
    throw error;
  }
}
