// GET /.well-known/csaf/openpgp/:fingerprint.asc – a public key that signs (or signed) the CSAF documents, as the
// provider metadata's public_openpgp_keys list it (§7.1.20 suggests this folder beside the metadata). Only the
// project's published keys; anything else is not found.
import { csafKeyResponse } from "@/lib/advisories/csaf-directory-response";
import { fingerprintFromKeyFile } from "@/lib/advisories/formats/csaf-provider";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  return csafKeyResponse(request, fingerprintFromKeyFile((await params).file));
}
