// Steps several notice tests share: an active organisation with one invited member, and a member's signed-in page.
import { expect, type Browser, type Page } from "@playwright/test";
import { signInWithLink } from "./auth-helpers";

/** Creates and activates an organisation and invites one member (who becomes active by signing in). */
export async function makeOrg(page: Page, name: string, member: string): Promise<void> {
  await page.goto("/maintainer/directory");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.getByRole("button", { name: "Activate", exact: true }).click();
  await expect(page.getByRole("button", { name: "Suspend" })).toBeVisible();
  const form = page.getByRole("form", { name: "Invite a member" });
  await form.getByLabel("Email").fill(member);
  await form.getByRole("button", { name: "Invite member" }).click();
  await expect(page.getByText(member)).toBeVisible();
}

/** A fresh browser context signed in as a vendor member. */
export async function vendorPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInWithLink(page, email);
  await page.waitForURL(/\/vendor/);
  return page;
}

