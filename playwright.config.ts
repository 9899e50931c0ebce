import { defineConfig } from "@playwright/test";

// Driven by `npm run test:e2e` (scripts/e2e.ts), which builds once and runs this suite on each database.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const kind = process.env.E2E_DB_KIND ?? "pglite";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export default defineConfig({
  testDir: "e2e",
  outputDir: `test-results/e2e-${kind}`,
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"], ["json", { outputFile: `test-results/e2e-${kind}.json` }]],
  use: {
    baseURL,
    browserName: "chromium",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: `desktop-${kind}`, use: { viewport: { width: 1280, height: 800 } } },
    { name: `phone-${kind}`, use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, grep: /@responsive/ },
  ],
  webServer: {
    command: "node scripts/start.ts",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    env: { PORT: String(port), NEXTAUTH_URL: baseURL, NEXT_TELEMETRY_DISABLED: "1" },
  },
});
