import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { DB_KIND } from "./support";

test("GET /api/health names the database and says its migrations are current", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", database: { kind: DB_KIND, reachable: true, migrations: { state: "up-to-date", pending: [] } } });
  expect(body.database.migrations.applied).toBeGreaterThan(0);
});

// A second production server on a scratch database that disappears under it.
test("GET /api/health answers 503 when the database goes away", async ({ request }) => {
  test.skip(DB_KIND !== "postgresql", "needs a database that can be dropped from outside: the PostgreSQL run covers it");
  const admin = new URL(process.env.DATABASE_URL!);
  admin.pathname = "/postgres";
  const database = `forewarn_e2e_${randomBytes(4).toString("hex")}_gone`;
  const adminQuery = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await adminQuery(`CREATE DATABASE "${database}"`);
  const url = new URL(admin.toString());
  url.pathname = `/${database}`;
  const port = 3120;
  const server = spawn(process.execPath, ["scripts/start.ts"], {
    env: { ...process.env, DATABASE_URL: url.toString(), PORT: String(port) },
    stdio: "ignore",
  });
  try {
    const health = `http://localhost:${port}/api/health`;
    await expect.poll(async () => (await request.get(health).catch(() => null))?.status(), { timeout: 60_000 }).toBe(200);
    await adminQuery(`DROP DATABASE "${database}" WITH (FORCE)`);
    const response = await request.get(health);
    expect(response.status()).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable", database: { kind: "postgresql", reachable: false } });
  } finally {
    server.kill("SIGTERM");
    await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
});
