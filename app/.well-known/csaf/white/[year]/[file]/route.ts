// GET /.well-known/csaf/white/:year/:file – a published TLP:CLEAR CSAF document (`fw-2026-0001.json`), its hash files
// (`.sha256`, `.sha512`, §7.1.18) or its detached OpenPGP signature (`.asc`, §7.1.19): the stored bytes, the same for
// everyone. Embargoed, withdrawn, unknown — and a signature while signing is off — are the same 404.
import { csafDirectoryFileResponse } from "@/lib/advisories/csaf-directory-response";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ year: string; file: string }> }): Promise<Response> {
  const { year, file } = await params;
  return csafDirectoryFileResponse(request, year, file);
}
