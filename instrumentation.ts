export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { verifyDatabaseAtStartup, bootstrapFirstMaintainers, startBackgroundWork } = await import("@/lib/composition/startup");
  await verifyDatabaseAtStartup();
  await bootstrapFirstMaintainers();
  await startBackgroundWork();
}
