// GET /.well-known/security.txt – RFC 9116: where and how to report a vulnerability. Built at each request, so its
// Expires is always about six months ahead and its fields follow Settings.
import { getConfig } from "@/lib/server/config";
import { getReportIntakeInfo } from "@/lib/reports/data";
import { securityTxt } from "@/lib/reports/security-txt";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const info = await getReportIntakeInfo();
  const body = securityTxt({ publicUrl: getConfig().publicUrl, securityAddress: info.securityAddress, hasReportKey: info.key !== null, now: new Date() });
  return new Response(body, { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "public, max-age=3600" } });
}
