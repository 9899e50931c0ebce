// GET /api/health – readiness for operators and load balancers: database kind and migration state; 503 when the
// database cannot be reached.
import { getHealth } from "@/lib/health/data";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const health = await getHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
