import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
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

// A second production server on a scratch database that disappears under it (@postgresql: a database that can be
// dropped from outside).
test("GET /api/health answers 503 when the database goes away @postgresql", async ({ request }) => {
  const database = `forewarn_e2e_${randomBytes(4).toString("hex")}_gone`;
  await admin(`CREATE DATABASE "${database}"`);
  const port = E2E_PORTS.spare;
  let output = "";
  const server = spawn(process.execPath, ["scripts/start.ts"], {
    env: { ...process.env, DATABASE_URL: urlFor(database), PORT: String(port), NEXTAUTH_URL: `http://localhost:${port}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout.on("data", (d: Buffer) => (output += d.toString()));
  server.stderr.on("data", (d: Buffer) => (output += d.toString()));
  try {
    const health = `http://localhost:${port}/api/health`;
    await expect
      .poll(async () => (await request.get(health).catch(() => null))?.status(), { timeout: 60_000 })
      .toBe(200)
      .catch((error: Error) => {
        throw new Error(`the second server never became healthy:\n${output}\n${error.message}`);
      });
    await admin(`DROP DATABASE "${database}" WITH (FORCE)`);
    const response = await request.get(health);
    expect(response.status()).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable", database: { kind: "postgresql", reachable: false } });
  } finally {
    server.kill("SIGTERM");
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
});
