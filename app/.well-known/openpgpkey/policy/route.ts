// GET /.well-known/openpgpkey/policy – the Web Key Directory's policy flags file: it must exist for clients to use the
// directory, and may be empty (no flags). Served once the project has a key.
import { listPublishedKeys } from "@/lib/signing/data";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const published = (await listPublishedKeys()).length > 0;
  const headers = { "content-type": "text/plain; charset=utf-8", "access-control-allow-origin": "*" };
  if (!published) return new Response("Not found.\n", { status: 404, headers });
  return new Response("", { headers: { ...headers, "cache-control": "public, max-age=3600" } });
}
