// Checks run before the portal starts (by `npm start` and again inside the server), so that bad configuration
// stops start-up with one message that names the setting and the fix, instead of failing on the first request.
import pg from "pg";
import { ConfigError, readDatabaseConfig, type DatabaseConfig, type Env } from "./config.ts";
import { lockDataDir, openPglite } from "./pglite.ts";

/**
 * Validates the configuration and that the database can be used.
 * `hold: true` (inside the server) opens the embedded database and keeps its lock for the life of the process;
 * `hold: false` (the start script) takes the lock and gives it back: nobody else holds it right now.
 */
export async function preflightDatabase(opts: { hold: boolean }, env: Env = process.env): Promise<DatabaseConfig> {
  const config = readDatabaseConfig(env);
  if (config.kind === "pglite") {
    if (opts.hold) {
      await openPglite(config);
      return config;
    }
    const release = await lockDataDir(config);
    await release();
    return config;
  }
  await probePostgres(config);
  return config;
}

async function probePostgres(config: Extract<DatabaseConfig, { kind: "postgresql" }>): Promise<void> {
  const client = new pg.Client({
    host: config.host,
    port: config.port,
    user: config.user,
    password: config.password,
    database: config.database,
    connectionTimeoutMillis: 5_000,
  });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw new ConfigError("DATABASE_URL", describePostgresError(error, config));
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function describePostgresError(error: unknown, config: { host: string; port: number; database: string; user?: string | undefined; redactedUrl: string }): string {
  const message = error instanceof Error ? error.message : String(error);
  // pg reports a missing password as a plain Error from its SASL step.
  const code = (error as { code?: string }).code ?? (/SASL|password must be a string/.test(message) ? "SASL" : "");
  const where = `${config.host}:${config.port}`;
  switch (code) {
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
      return (
        `DATABASE_URL: cannot reach PostgreSQL at ${where} (${code}). Start the PostgreSQL server, or fix the host ` +
        `and port in DATABASE_URL (${config.redactedUrl}), or unset DATABASE_URL to use the embedded database.`
      );
    case "28P01":
    case "28000":
      return `DATABASE_URL: PostgreSQL at ${where} refused user "${config.user ?? "(default)"}" (${code}). Fix the user and password in DATABASE_URL.`;
    case "SASL":
      return `DATABASE_URL: PostgreSQL at ${where} wants a password for user "${config.user ?? "(default)"}". Add it: postgres://USER:PASSWORD@${where}/${config.database}.`;
    case "3D000":
      return `DATABASE_URL: database "${config.database}" does not exist on ${where}. Create it (createdb ${config.database}) or fix DATABASE_URL.`;
    default: {
      if (/timeout/i.test(message)) {
        return `DATABASE_URL: PostgreSQL at ${where} did not answer within 5 seconds. Check that the server runs and DATABASE_URL (${config.redactedUrl}) is right.`;
      }
      return `DATABASE_URL: cannot use PostgreSQL at ${where}: ${message}. Check DATABASE_URL (${config.redactedUrl}).`;
    }
  }
}
