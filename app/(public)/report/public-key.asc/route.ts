// GET /report/public-key.asc – the project's OpenPGP key for reports (security.txt's Encryption field); 404 without one.
import { getReportIntakeInfo } from "@/lib/reports/data";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const { key } = await getReportIntakeInfo();
  if (!key) return new Response("Not found.\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(key.armored.endsWith("\n") ? key.armored : `${key.armored}\n`, {
    headers: { "content-type": "application/pgp-keys; charset=utf-8", "content-disposition": 'inline; filename="public-key.asc"', "cache-control": "public, max-age=300" },
  });
}
