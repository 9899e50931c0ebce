import path from "node:path";
import { expect, type Page } from "@playwright/test";

export const DB_KIND = (process.env.E2E_DB_KIND ?? "pglite") as "pglite" | "postgresql";

/** The app under test listens on E2E_PORT; tests that start a server of their own use the next port. */
const base = Number(process.env.E2E_PORT ?? 3100);
export const E2E_PORTS = { app: base, spare: base + 1, spare2: base + 2, fakeResend: base + 5 };
export const E2E_ADMIN = "admin@project.example";
/** The server under test verifies Resend webhooks with this secret (playwright.config.ts); the tests sign with it. */
export const E2E_WEBHOOK_SECRET = `whsec_${Buffer.from("forewarn-e2e-webhook-secret-0001").toString("base64")}`;

/** README screenshots go to e2e/screenshots only when asked (npm run screenshots); otherwise test-results. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS === "1" ? path.join("e2e", "screenshots") : path.join("test-results", "screenshots");
  // From the top: a full-page picture of a scrolled page draws a sticky navigation in the middle of it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Saves a screenshot at desktop width and at phone width (and checks the page fits the phone). */
export async function saveScreenshotsAtBothWidths(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await saveScreenshot(page, `${name}-1280`);
  await fitsPhone(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await saveScreenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Collects console errors and CSP violations: a page that logs one is broken for somebody. */
export function watchConsole(page: Page): { assertClean(): void } {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return {
    assertClean() {
      expect(problems, problems.join("\n")).toEqual([]);
    },
  };
}

/** The page does not scroll sideways at phone width (wide tables scroll inside their own box). */
export async function fitsPhone(page: Page): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const overflowing = await page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !el.parentElement?.closest(".overflow-x-auto"))
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)}`)
      .slice(0, 5),
  );
  expect(overflowing, page.url()).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), page.url()).toBeLessThanOrEqual(390);
  if (size) await page.setViewportSize(size);
}
