// Start-up, once per server process (lib/composition/startup.ts). Only a database this build cannot use stops the
// process; the rest finishes in the background, so that GET /api/ping (liveness) answers from the first moment and
// GET /api/health (readiness) answers 200 once the first maintainers are named and the job engine runs.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { verifyDatabaseAtStartup, completeStartup } = await import("@/lib/composition/startup");
  await verifyDatabaseAtStartup();
  void completeStartup();
}
