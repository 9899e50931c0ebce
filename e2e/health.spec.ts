import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { admin, urlFor } from "../scripts/lib/postgres";
import { DB_KIND, E2E_PORTS } from "./support";

test("GET /api/health names the database and says its migrations are current", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", database: { kind: DB_KIND, reachable: true, migrations: { state: "up-to-date", pending: [] } } });
  expect(body.database.migrations.applied).toBeGreaterThan(0);
});

test("GET /api/ping answers ok without touching the database (liveness)", async ({ request }) => {
  const response = await request.get("/api/ping");
  expect(response.status()).toBe(200);
  expect(await response.text()).toBe("ok");
});

// Two more production servers started together on one fresh database (issue 15: the one that lost the race to create
// the first maintainer answered 500 to everything), which then disappears under them (@postgresql: a database that
// can be dropped from outside): both must become ready, the maintainer exists once, and when the database is gone
// both stay live (/api/ping) but report not ready (/api/health 503).
test("two instances started together on one fresh PostgreSQL both become ready; both answer 503 when it goes away @postgresql", async ({ request }) => {
  test.setTimeout(240_000);
  const database = `forewarn_e2e_${randomBytes(4).toString("hex")}_gone`;
  await admin(`CREATE DATABASE "${database}"`);
  const ports = [E2E_PORTS.spare, E2E_PORTS.spare2];
  const servers = ports.map((port) => {
    let output = "";
    const server = spawn(process.execPath, ["scripts/start.ts"], {
      env: { ...process.env, DATABASE_URL: urlFor(database), PORT: String(port), NEXTAUTH_URL: `http://localhost:${port}`, FOREWARN_ADMIN_EMAILS: "race@project.example" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout.on("data", (d: Buffer) => (output += d.toString()));
    server.stderr.on("data", (d: Buffer) => (output += d.toString()));
    return { port, server, output: () => output };
  });
  try {
    for (const { port, output } of servers) {
      await expect
        .poll(async () => (await request.get(`http://localhost:${port}/api/health`).catch(() => null))?.status(), { timeout: 180_000, intervals: [500] })
        .toBe(200)
        .catch((error: Error) => {
          throw new Error(`the server on port ${port} never became ready:\n${output()}\n${error.message}`);
        });
      expect(await (await request.get(`http://localhost:${port}/api/health`)).json()).toMatchObject({ status: "ok", startup: { state: "done" }, jobs: { state: "working" } });
    }
    const client = new pg.Client({ connectionString: urlFor(database) });
    await client.connect();
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM "User" WHERE email = 'race@project.example' AND role = 'MAINTAINER'`).finally(() => client.end());
    expect(rows).toEqual([{ n: 1 }]);
    await admin(`DROP DATABASE "${database}" WITH (FORCE)`);
    for (const port of ports) {
      const response = await request.get(`http://localhost:${port}/api/health`);
      expect(response.status()).toBe(503);
      expect(await response.json()).toMatchObject({ status: "unavailable", database: { kind: "postgresql", reachable: false } });
      expect((await request.get(`http://localhost:${port}/api/ping`)).status()).toBe(200);
    }
  } finally {
    for (const { server } of servers) server.kill("SIGTERM");
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
});
