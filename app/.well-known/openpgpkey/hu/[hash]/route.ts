// GET /.well-known/openpgpkey/hu/<hash> – Web Key Directory, direct method: the project's keys for its security
// address, in binary. Any other hash: 404.
import { wkdKeys } from "@/lib/signing/data";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ hash: string }> }): Promise<Response> {
  const { hash } = await params;
  const keys = /^[ybndrfg8ejkmcpqxot1uwisza345h769]{32}$/.test(hash) ? await wkdKeys(hash) : null;
  if (!keys) return new Response("Not found.\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "access-control-allow-origin": "*" } });
  return new Response(keys as Uint8Array<ArrayBuffer>, {
    headers: { "content-type": "application/octet-stream", "cache-control": "public, max-age=300", "access-control-allow-origin": "*" },
  });
}
