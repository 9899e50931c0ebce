// GET /api/ping – liveness: the process answers HTTP. Touches nothing (no database, no session), so it is also the
// framework's ceiling in `npm run bench -- pages`. It answers while start-up is still finishing or has failed;
// readiness (database, migrations, start-up, job engine) is /api/health.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
