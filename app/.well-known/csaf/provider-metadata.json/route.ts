// GET /.well-known/csaf/provider-metadata.json – CSAF 2.0 provider metadata (§7.1.7, at the well-known URL of
// §7.1.9): role csaf_provider, the directory distribution and the keys that sign its documents. Public, the same for
// everyone; built in lib/advisories (providerMetadataResponse).
import { providerMetadataResponse } from "@/lib/advisories/csaf-directory-response";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return providerMetadataResponse(request);
}
