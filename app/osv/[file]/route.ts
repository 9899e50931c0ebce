// GET /osv/<osv-id>.json — one published OSV record by its OSV id.
import { getPublicOsvById } from "@/lib/advisories/data";
import { json, notFoundResponse, orNotFound } from "@/lib/advisories/http";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params;
  if (!file.endsWith(".json") || file.length > 120) return notFoundResponse();
  return orNotFound(async () => json(await getPublicOsvById(file.slice(0, -".json".length)), "public"));
}
