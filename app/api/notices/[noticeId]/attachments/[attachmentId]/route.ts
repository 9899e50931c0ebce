// GET /api/notices/:noticeId/attachments/:attachmentId – one file of a notice, always as a download: maintainers;
// vendor members of an addressed organisation who accepted the notice's terms; anyone for a public file of a
// disclosed notice. 404 (naming nothing) for everyone else.
import { PUBLIC_CACHE } from "@/lib/advisories/policy";
import { getAttachmentForDownload } from "@/lib/notices/data";
import { contentDisposition } from "@/lib/notices/uploads";
import { NotFoundError } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ noticeId: string; attachmentId: string }> }): Promise<Response> {
  const { noticeId, attachmentId } = await params;
  try {
    const viewer = await getViewer();
    const file = await getAttachmentForDownload(viewer, noticeId.slice(0, 64), attachmentId.slice(0, 64), await getRequestInfo());
    return new Response(Buffer.from(file.data), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": contentDisposition(file.filename),
        "Content-Length": String(file.data.length),
        "X-Content-Type-Options": "nosniff",
        // The digest vendors compare with the one shown on the notice page.
        "Repr-Digest": `sha-256=:${Buffer.from(file.sha256, "hex").toString("base64")}:`,
        "Cache-Control": viewer.kind === "anonymous" ? PUBLIC_CACHE : "no-store",
        "Content-Security-Policy": "default-src 'none'; sandbox",
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return Response.json({ error: "Not found" }, { status: 404, headers: { "Cache-Control": "no-store" } });
    throw error;
  }
}
