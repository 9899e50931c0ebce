import { expect, test } from "@playwright/test";
import { saveScreenshot, watchConsole } from "./support";

test.describe("landing page", () => {
  test("says what Forewarn is, with no console errors or CSP violations @responsive", async ({ page }, testInfo) => {
    const console = watchConsole(page);
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle("Forewarn");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Warn your downstream distributors");
    await expect(page.getByRole("heading", { name: "How it works" })).toBeVisible();
    // Hydrated: client navigation works (scripts ran under the CSP).
    await page.getByRole("link", { name: "Forewarn" }).first().click();
    await expect(page).toHaveURL(/\/$/);
    // Nothing wider than the viewport (phone and desktop).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    console.assertClean();
    await saveScreenshot(page, `landing-${testInfo.project.name.split("-")[0]}`);
  });

  test("sends a fresh CSP nonce per request, used by every script", async ({ request, page }) => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const response = await request.get("/");
      const csp = response.headers()["content-security-policy"] ?? "";
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
      expect(nonce).toBeTruthy();
      nonces.add(nonce!);
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      expect(response.headers()["strict-transport-security"]).toMatch(/max-age=\d+/);
      expect(response.headers()["x-content-type-options"]).toBe("nosniff");
      expect(response.headers()["referrer-policy"]).toBe("no-referrer");
    }
    expect(nonces.size).toBe(3);
    await page.goto("/");
  });

  test("an unknown address answers 404 with a page that names nothing", async ({ page }) => {
    const response = await page.goto("/notices/FW-2026-0001");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.locator("body")).not.toContainText("FW-2026-0001");
  });
});
