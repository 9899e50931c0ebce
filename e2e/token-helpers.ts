// A vendor member's API tokens and calendar address, made the way a person does it on /vendor/integrations.
import { expect, type Page } from "@playwright/test";

/** Creates a token and returns its secret, read from the one place it is ever shown. */
export async function createToken(page: Page, label: string, days: "30" | "90" | "365" = "90"): Promise<{ secret: string; id: string }> {
  await page.goto("/vendor/integrations");
  const form = page.getByRole("form", { name: "Create an API token" });
  await form.getByLabel("Name").fill(label);
  await form.getByLabel("Expires after").selectOption(days);
  await form.getByRole("button", { name: "Create token" }).click();
  const secret = await page.getByLabel(`Your new token “${label}”`).inputValue();
  expect(secret).toMatch(/^fwt_[A-Za-z0-9_-]{43}$/);
  await page.getByRole("button", { name: "I have copied it" }).click();
  const row = page.getByRole("table", { name: "Your API tokens" }).getByRole("row").filter({ hasText: label });
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
  const id = await row.locator("input[name=tokenId]").inputValue();
  return { secret, id };
}

export async function revokeToken(page: Page, label: string): Promise<void> {
  await page.goto("/vendor/integrations");
  const row = page.getByRole("table", { name: "Your API tokens" }).getByRole("row").filter({ hasText: label });
  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row.getByText("Revoked", { exact: true })).toBeVisible();
}

/** Makes (or replaces) the calendar address and returns it. */
export async function makeCalendarAddress(page: Page): Promise<string> {
  await page.goto("/vendor/integrations");
  const replace = page.getByRole("button", { name: "Make a new address" });
  const previous = (await replace.count()) > 0;
  if (previous) page.once("dialog", (d) => void d.accept());
  await (previous ? replace : page.getByRole("button", { name: "Make my calendar address" })).click();
  const url = await page.getByLabel("Your calendar address").inputValue();
  expect(url).toMatch(/\/calendar\/fwc_[A-Za-z0-9_-]{43}\.ics$/);
  return url;
}
