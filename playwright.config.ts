import { defineConfig } from "@playwright/test";
import { readDatabaseConfig } from "./lib/server/db/config";
import { E2E_WEBHOOK_SECRET } from "./e2e/support";

// Driven by `npm run test:e2e` (scripts/e2e.ts), which builds once and runs this suite on each database.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const kind = process.env.E2E_DB_KIND ?? "pglite";
// Emails go through the real Resend SDK to a fake Resend server the tests read (test/fake-resend.ts).
const fakeResendPort = port + 5;
export const E2E_ADMIN = "admin@project.example";

// The guard runs here, at load, because Playwright starts the web server before any global set-up: the suite
// creates and deletes data freely, so it only ever touches a database made for it.
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1"]);
const database = readDatabaseConfig();
if (database.kind === "postgresql" && (!LOCAL_HOSTS.has(database.host) || !/^forewarn_e2e_/.test(database.database))) {
  throw new Error(`e2e refuses ${database.redactedUrl}: it runs only on local databases it created (forewarn_e2e_*). Use npm run test:e2e.`);
}
if (database.kind === "pglite" && !process.env.FOREWARN_DATA_DIR) {
  throw new Error("e2e refuses the default data directory (./data): use npm run test:e2e, which gives it a scratch one.");
}

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
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Ceilings, not waits: the suite must pass on a shared 2-core machine under load, where a page that answers in
  // 200 ms on a quiet machine can take seconds. Tests wait for what they mean (a heading, an email, a status).
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: `test-results/e2e-${kind}.json` }]],
  use: {
    baseURL,
    browserName: "chromium",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  // Tests tagged @postgresql need to change the database from outside: they run in the PostgreSQL pass only.
  ...(kind === "postgresql" ? {} : { grepInvert: /@postgresql/ }),
  // The accessibility spec (axe on every page at two widths, focus and skip links) checks markup, which the database
  // does not change: it runs in the PGlite pass only. It was a quarter of each pass (633 of 2,479 s on PostgreSQL in
  // the last full run); every other spec still runs on both databases.
  ...(kind === "postgresql" ? { testIgnore: ["**/accessibility.spec.ts"] } : {}),
  projects: [
    { name: `desktop-${kind}`, use: { viewport: { width: 1280, height: 800 } } },
    { name: `phone-${kind}`, use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, grep: /@responsive/ },
  ],
  webServer: [
    {
      command: `node test/fake-resend-server.ts ${fakeResendPort}`,
      url: `http://127.0.0.1:${fakeResendPort}/__test/messages`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // The reporter portal's fixtures go in after the migrations and before the server holds the database
      // (e2e/fixtures/reports-portal-database.ts); start.ts then finds nothing left to migrate.
      command: "node scripts/migrate.ts && node --conditions=react-server --import tsx e2e/fixtures/reports-portal-database.ts && node scripts/start.ts",
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: String(port),
        NEXTAUTH_URL: baseURL,
        NEXT_TELEMETRY_DISABLED: "1",
        FOREWARN_ADMIN_EMAILS: [E2E_ADMIN, "reporter-journey@project.example", "journey@project.example", "matrix@project.example", "nofactor@project.example", "scanner@project.example", "flood@project.example", "once@project.example", "expired@project.example", "deliveries@project.example", "webhook@project.example", "notices@project.example", "content@project.example", "uploads@project.example", "integrations@project.example", "rendering@project.example", "import@project.example", "orgadmins@project.example", "lifecycle@project.example", "recipients@project.example", "structured@project.example", "pages@project.example", "limits@project.example", "forwarded@project.example", "names@project.example", "a11y@project.example", "portal@project.example", "notify@project.example", "notify-form@project.example", "cve@project.example", "intake@project.example", "queue@project.example", "queue-xss@project.example", "pre@project.example", "key@project.example", "signmail@project.example", "csaf@project.example", "approvals-a@project.example", "approvals-b@project.example", "copymarks@project.example", "trace@project.example", "gaveup@project.example"].join(","),
        // Dozens of maintainers sign in here: the two-person rule's automatic default ("on from two maintainers") would
        // hold every other spec's send for approval. Off until saved; e2e/approvals.spec.ts switches it on and off.
        FOREWARN_TWO_PERSON_DEFAULT: "off",
        // Every spec signs in from 127.0.0.1: the whole suite is one "company behind one NAT address". The per-address
        // cut-off itself is still tested by sign-in.spec (per address and client, 5 in 15 minutes).
        FOREWARN_SIGN_IN_LINKS_PER_ADDRESS: "1000",
        // Likewise every report comes from 127.0.0.0/24; the per-network cut-off is tested by lib/reports intake.int.test.ts,
        // the per-address one by e2e/report-intake.spec.ts.
        FOREWARN_REPORTS_PER_NETWORK: "1000",
        RESEND_API_KEY: "re_e2e_fake_key",
        RESEND_BASE_URL: `http://127.0.0.1:${fakeResendPort}`,
        MAIL_FROM: "Forewarn <forewarn@project.example>",
        RESEND_WEBHOOK_SECRET: E2E_WEBHOOK_SECRET,
      },
    },
  ],
});
