// GET /api/reports/:reportId/attachments/:attachmentId – one file of a report, always as a download, to maintainers
// who passed their second factor (through the report's scope; audited). 404, naming nothing, for everyone else.
// A reporter's file is untrusted: it is served as opaque bytes, never sniffed, never rendered.
import { getReportAttachmentForDownload } from "@/lib/reports/data";
import { contentDisposition } from "@/lib/notices/uploads";
import { NotFoundError } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ reportId: string; attachmentId: string }> }): Promise<Response> {
  const { reportId, attachmentId } = await params;
  try {
    const file = await getReportAttachmentForDownload(await getViewer(), reportId.slice(0, 64), attachmentId.slice(0, 64), await getRequestInfo());
    return new Response(Buffer.from(file.data), {
      headers: {
        "Content-Type": "application/octet-stream",
        "Content-Disposition": contentDisposition(file.filename),
        "Content-Length": String(file.data.length),
        "X-Content-Type-Options": "nosniff",
        "Repr-Digest": `sha-256=:${Buffer.from(file.sha256, "hex").toString("base64")}:`,
        "Cache-Control": "no-store",
        "Content-Security-Policy": "default-src 'none'; sandbox",
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return Response.json({ error: "Not found" }, { status: 404, headers: { "Cache-Control": "no-store" } });
    throw error;
  }
}
