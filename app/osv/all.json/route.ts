// GET /osv/all.json — the index of every published OSV record ({ id, modified }), the shape an OSV REST source
// publishes for osv.dev and other importers; each record is at /osv/<id>.json.
import { listOsvIndex } from "@/lib/advisories/data";
import { json } from "@/lib/advisories/http";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return json(await listOsvIndex(), "public");
}
