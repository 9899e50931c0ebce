// Sign-in as people and attackers use it: security.md tests 5, 6, 7, 13 and the maintainer's first sign-in.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { urlFor } from "../scripts/lib/postgres";
import { emailsTo, enrolTotp, latestSignInLink, nextTotp, requestLink, signInEmailCount, signInWithLink } from "./auth-helpers";
import { E2E_ADMIN, saveScreenshot, watchConsole } from "./support";

/** Asks for a link the way the sign-in form does (CSRF token first), without a browser. */
async function askForLink(request: APIRequestContext, email: string) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/signin/email", { form: { email, csrfToken, callbackUrl: "/sign-in/continue", json: "true" } });
  return { status: response.status(), body: await response.text() };
}

function confirmForm(link: string) {
  const url = new URL(link);
  return { token: url.searchParams.get("token")!, email: url.searchParams.get("email")!, callbackUrl: url.searchParams.get("callbackUrl") ?? "" };
}

test.describe.serial("a maintainer's first sign-in", () => {
  let cookie: { name: string; value: string } | undefined;

  test("link by email, confirmation, TOTP enrolment, then the maintainer area", async ({ page }) => {
    const console = watchConsole(page);
    await signInWithLink(page, E2E_ADMIN);
    await saveScreenshot(page, "second-factor-setup");
    const { secret } = await enrolTotp(page);
    await expect(page).toHaveURL(/\/maintainer$/);
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await saveScreenshot(page, "maintainer-overview");
    await page.getByRole("link", { name: "Audit log" }).click();
    const mine = page.getByRole("row").filter({ hasText: E2E_ADMIN });
    await expect(mine.filter({ has: page.getByRole("cell", { name: "auth.totp.enrolled" }) })).toHaveCount(1);
    await expect(mine.filter({ has: page.getByRole("cell", { name: "auth.sign-in", exact: true }) })).toHaveCount(1);
    await page.getByRole("button", { name: "Verify the hash chain" }).click();
    await expect(page.getByText(/Intact: all \d+ events verify/)).toBeVisible();
    await saveScreenshot(page, "audit-log");
    console.assertClean();
    cookie = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
    expect(cookie).toBeTruthy();

    // Next sign-in: the same person now verifies a code instead of enrolling.
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in\?signedOut=1/);
    await signInWithLink(page, E2E_ADMIN);
    await expect(page.getByRole("heading", { name: "Enter your second factor" })).toBeVisible();
    await page.getByLabel("6-digit code from your authenticator app").fill("000000");
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByText("That code did not match, or was already used.")).toBeVisible();
    await page.getByLabel("6-digit code from your authenticator app").fill(await nextTotp(secret));
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page).toHaveURL(/\/maintainer$/);
  });

  test("sign-out ends the session on the server: the old cookie is worthless", async ({ browser }, testInfo) => {
    expect(cookie, "the journey above ran first").toBeTruthy();
    const context = await browser.newContext();
    await context.addCookies([{ name: cookie!.name, value: cookie!.value, url: testInfo.project.use.baseURL! }]);
    const page = await context.newPage();
    await page.goto("/maintainer");
    await expect(page).toHaveURL(/\/sign-in/);
    await context.close();
  });
});

test("an unknown address gets the same answer as a known one, and no email", async ({ request }) => {
  const known = await askForLink(request, "scanner@project.example");
  const unknown = await askForLink(request, "nobody-here@example.org");
  expect(unknown).toEqual(known);
  expect(known.status).toBe(200);
  expect(await emailsTo(request, "nobody-here@example.org")).toEqual([]);
});

test("a link scanner's GET neither signs in nor uses up the link", async ({ page, request }) => {
  const email = "scanner@project.example";
  const before = await signInEmailCount(request, email);
  await requestLink(page, email);
  const link = await latestSignInLink(request, email, before);
  const { token } = confirmForm(link);
  // The emailed link and next-auth's own callback URL, fetched the way a scanner would.
  const scanned = await request.get(link);
  expect(scanned.status()).toBe(200);
  expect(scanned.headers()["set-cookie"] ?? "").not.toContain("session-token");
  const callback = await request.get(`/api/auth/callback/email?${new URLSearchParams({ token, email })}`, { maxRedirects: 0 });
  expect(callback.status()).toBe(303);
  expect(callback.headers()["location"]).toContain("/sign-in/confirm?");
  expect(callback.headers()["set-cookie"] ?? "").not.toContain("session-token");
  // The person still signs in with it.
  await page.goto(link);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Set up your second factor" })).toBeVisible();
});

test("a link works once: ten confirmations at once give exactly one session", async ({ page, request, baseURL }) => {
  const email = "once@project.example";
  const before = await signInEmailCount(request, email);
  await requestLink(page, email);
  const form = confirmForm(await latestSignInLink(request, email, before));
  const attempts = await Promise.all(
    Array.from({ length: 10 }, () => request.post("/api/auth/confirm", { form, headers: { origin: baseURL! }, maxRedirects: 0 })),
  );
  const sessions = attempts.filter((r) => (r.headers()["set-cookie"] ?? "").includes("next-auth.session-token="));
  expect(sessions).toHaveLength(1);
  for (const r of attempts.filter((a) => !sessions.includes(a))) expect(r.headers()["location"]).toContain("error=Verification");
});

test("a confirmation posted from another site is refused", async ({ request }) => {
  const response = await request.post("/api/auth/confirm", { form: { token: "x", email: "once@project.example" }, headers: { origin: "https://evil.example" }, maxRedirects: 0 });
  expect(response.status()).toBe(403);
});

test("a flood of link requests is cut off, and only a bounded number of emails goes out", async ({ request }) => {
  const email = "flood@project.example";
  const results = [];
  for (let i = 0; i < 9; i++) results.push((await askForLink(request, email)).status);
  expect(results.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
  expect(results.slice(5)).toEqual([429, 429, 429, 429]);
  // Sign-in emails only: as a maintainer, the address also gets notices' notifications from other tests.
  await expect.poll(async () => signInEmailCount(request, email)).toBe(5);
  // The limit cannot be stepped around with a JSON body or a repeated field (next-auth would read either its own way).
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const json = await request.post("/api/auth/signin/email", { data: { email, csrfToken, json: "true" } });
  expect(json.status()).toBe(400);
  const disguised = await request.post("/api/auth/signin/email", {
    headers: { "content-type": 'application/x-www-form-urlencoded; charset="application/json"' },
    data: JSON.stringify({ email, csrfToken, json: "true", x: "&email=decoy@example.org&y=" }),
  });
  expect(disguised.status()).toBe(400);
  const repeated = await request.post("/api/auth/signin/email", {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    data: `email=decoy%40example.org&email=${encodeURIComponent(email)}&csrfToken=${csrfToken}&json=true`,
  });
  expect(repeated.status()).toBe(400);
  await new Promise((r) => setTimeout(r, 500));
  expect(await signInEmailCount(request, email)).toBe(5);
});

// @postgresql: ages the token in the database from outside (the embedded database is locked by the server).
test("a link older than 10 minutes is refused @postgresql", async ({ page, request, baseURL }) => {
  const email = "expired@project.example";
  const before = await signInEmailCount(request, email);
  await requestLink(page, email);
  const form = confirmForm(await latestSignInLink(request, email, before));
  const database = new URL(process.env.DATABASE_URL!).pathname.slice(1);
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: urlFor(database) });
  await client.connect();
  await client.query(`UPDATE "VerificationToken" SET expires = now() - interval '1 second' WHERE identifier = $1`, [email]);
  await client.end();
  const response = await request.post("/api/auth/confirm", { form, headers: { origin: baseURL! }, maxRedirects: 0 });
  expect(response.headers()["location"]).toContain("error=Verification");
  expect(response.headers()["set-cookie"] ?? "").not.toContain("next-auth.session-token=");
});

test("the way to sign-in never names the request's Host header", async ({ request }) => {
  // A relative Location: a forged Host cannot put another site's address in a redirect that a shared cache might keep.
  for (const host of [undefined, "evil.example"]) {
    const response = await request.get("/vendor/notices/x?tab=1", { headers: host ? { host } : {}, maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers()["location"]).toBe(`/sign-in?callbackUrl=${encodeURIComponent("/vendor/notices/x?tab=1")}`);
  }
});
