// GET /api/notices/:noticeId/cve.json – the CVE JSON 5 CNA container of a disclosed notice, as a download named after
// its CVE ID; maintainers with their second factor (404 for anyone else, 409 with the reason for a notice that has no
// record yet). Never cached; every download audited (lib/advisories/data/cve.ts).
import { getCveCnaContainer } from "@/lib/advisories/data";
import { cveFileName } from "@/lib/advisories/formats/cve";
import { PRIVATE_CACHE } from "@/lib/advisories/policy";
import { notFoundResponse } from "@/lib/advisories/http";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ noticeId: string }> }): Promise<Response> {
  try {
    const { noticeId } = await params;
    const { cveId, container } = await getCveCnaContainer(await getViewer(), noticeId, await getRequestInfo());
    return new Response(`${JSON.stringify(container, null, 2)}\n`, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${cveFileName(cveId)}"`,
        "Cache-Control": PRIVATE_CACHE,
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return notFoundResponse();
    // Only maintainers get here: the reason is theirs to read.
    if (error instanceof ConflictError) return new Response(`${error.publicMessage}\n`, { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": PRIVATE_CACHE, "X-Content-Type-Options": "nosniff" } });
    throw error;
  }
}
