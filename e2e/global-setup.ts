// Refuses to run against anything but a local database: the suite creates and deletes data freely.
import { readDatabaseConfig } from "../lib/server/db/config";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1"]);

export default function globalSetup(): void {
  const config = readDatabaseConfig();
  if (config.kind === "postgresql" && !LOCAL_HOSTS.has(config.host)) {
    throw new Error(`e2e refuses a non-local database (${config.redactedUrl}). Point DATABASE_URL at localhost.`);
  }
  if (config.kind === "postgresql" && !/^forewarn_e2e_/.test(config.database)) {
    throw new Error(`e2e only runs on databases it created (forewarn_e2e_*), not ${config.database}.`);
  }
}
