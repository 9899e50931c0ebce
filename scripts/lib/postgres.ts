// Scratch PostgreSQL databases for the test suites: an admin connection (FOREWARN_TEST_DATABASE_URL, default the
// node-svc machines' local server) that creates and drops databases named by their run.
import pg from "pg";

export const TEST_ADMIN_URL = process.env.FOREWARN_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** The admin URL pointed at another database on the same server (same user and password). */
export function urlFor(database: string): string {
  const url = new URL(TEST_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function admin(sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: TEST_ADMIN_URL, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** null when reachable, otherwise why not. */
export async function unreachableReason(): Promise<string | null> {
  try {
    await admin("SELECT 1");
    return null;
  } catch (error) {
    return error instanceof Error ? error.message || String((error as { code?: string }).code) : String(error);
  }
}

export async function reachable(): Promise<boolean> {
  return (await unreachableReason()) === null;
}
