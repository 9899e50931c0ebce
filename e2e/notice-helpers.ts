// Steps several notice tests share: an active organisation with one invited member, and a member's signed-in page.
import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import { emailsTo, signInWithLink } from "./auth-helpers";

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

/** Opens the settings and fills the archiver project's identity and known packages (the caller saves). */
export async function fillArchiverSettings(page: Page, packages: string): Promise<Locator> {
  await page.goto("/maintainer/settings");
  const settings = page.getByRole("form", { name: "Project settings" });
  await settings.getByLabel("Project name", { exact: true }).fill("archiver");
  await settings.getByLabel("Short name").fill("archiver");
  await settings.getByLabel("Packages (optional)").fill(packages);
  await settings.getByLabel("Publisher name", { exact: true }).fill("The archiver project");
  await settings.getByLabel("Publisher namespace").fill("https://archiver.example");
  return settings;
}

/** A fresh browser context signed in as a vendor member. */
export async function vendorPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInWithLink(page, email);
  await page.waitForURL(/\/vendor/);
  return page;
}


/** Waits until the fake Resend server holds an email to `to` with this subject; returns those emails. */
export async function waitForMail(page: Page, to: string, subject: string | RegExp): Promise<Array<{ subject: string; text?: string }>> {
  let found: Array<{ subject: string; text?: string }> = [];
  await expect
    .poll(async () => (found = (await emailsTo(page.request, to)).filter((m) => (typeof subject === "string" ? m.subject === subject : subject.test(m.subject)))).length, { timeout: 60_000 })
    .toBeGreaterThan(0);
  return found;
}

/**
 * A text as an embargoed notice's vendor page shows it: its prose carries the organisation's invisible mark (leak
 * tracing, lib/tracing) before some word, which Playwright's text matching does not ignore. Matches the text with or
 * without a mark before any word.
 */
export function markedText(text: string): RegExp {
  const words = text.split(" ").map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(words.join(" [\\u2060\\u200B\\u200C\\u200D]*"));
}
