// PostgreSQL for the integration suite: a server reachable at FOREWARN_TEST_DATABASE_URL (default: the node-svc
// machines' local server). Every run creates its own databases, prefixed with its run id, and drops them.
import pg from "pg";

export const ADMIN_URL = process.env.FOREWARN_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function databaseUrl(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function postgresReachable(): Promise<string | null> {
  try {
    await adminQuery("SELECT 1");
    return null;
  } catch (error) {
    return error instanceof Error ? error.message || String((error as { code?: string }).code) : String(error);
  }
}

export async function createDatabase(name: string, template?: string): Promise<void> {
  // Creating from one template in parallel can briefly collide; retry a few times.
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
      return;
    } catch (error) {
      if (attempt >= 5 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
    }
  }
}

export async function dropDatabase(name: string): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

export async function dropDatabasesWithPrefix(prefix: string): Promise<void> {
  const { rows } = await adminQuery(`SELECT datname FROM pg_database WHERE datname LIKE '${prefix.replace(/'/g, "")}%'`);
  for (const row of rows as Array<{ datname: string }>) await dropDatabase(row.datname);
}
