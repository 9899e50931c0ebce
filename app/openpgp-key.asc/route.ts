// GET /openpgp-key.asc – the project's OpenPGP keys (the active one, retired ones within their overlap, revoked ones
// with their revocation), one armored block for `gpg --import`; 404 before the project has a key.
import { publishedKeysArmored } from "@/lib/signing/data";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const armored = await publishedKeysArmored();
  if (!armored) return new Response("Not found.\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(armored, {
    headers: {
      "content-type": "application/pgp-keys; charset=utf-8",
      "content-disposition": 'inline; filename="openpgp-key.asc"',
      "cache-control": "public, max-age=300",
      "access-control-allow-origin": "*",
    },
  });
}
