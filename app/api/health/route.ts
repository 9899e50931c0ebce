// GET /api/health – readiness for operators and load balancers: 200 only when this process can do its work (database
// reachable, its migrations applied, start-up finished, the job engine running); 503 otherwise, saying which part is
// missing. Liveness (the process answers at all) is GET /api/ping.
import { getHealth } from "@/lib/health/data";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const health = await getHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
