// GET /api/health/queries – this process's SQL statement and transaction totals, for `npm run bench -- pages` only:
// 404 unless the server was started with FOREWARN_COUNT_QUERIES=1 (never set it in production).
import { readQueryCount } from "@/lib/server/db/query-count";

export const dynamic = "force-dynamic";

export function GET(): Response {
  const count = readQueryCount();
  if (!count) return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return Response.json(count, { headers: { "Cache-Control": "no-store" } });
}
