// Scratch PostgreSQL databases for the browser suite (the integration suite has its own in test/postgres.ts).
import pg from "pg";

export const TEST_ADMIN_URL = process.env.FOREWARN_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function urlFor(database: string): string {
  const url = new URL(TEST_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_ADMIN_URL, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function reachable(): Promise<boolean> {
  try {
    await admin("SELECT 1");
    return true;
  } catch {
    return false;
  }
}
