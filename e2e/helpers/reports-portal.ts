// The reporter's portal as a person uses it, for any spec (the combined journey too): sign in as a reporter through
// the emailed link, open one of their reports, write to the security team, change the credit.
import { expect, type Page } from "@playwright/test";
import { signInWithLink } from "../auth-helpers";

/** Signs in through /sign-in and the emailed link (no second factor for a reporter): lands on /reporter. */
export async function signInAsReporter(page: Page, email: string): Promise<void> {
  await signInWithLink(page, email);
  await page.waitForURL(/\/reporter$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Your reports" })).toBeVisible();
}

/** Opens one's own report from the list by its reference or summary; returns its id (from the address). */
export async function openOwnReport(page: Page, referenceOrSummary: string): Promise<string> {
  await page.goto("/reporter");
  const row = page.getByRole("list", { name: "Your reports" }).getByRole("listitem").filter({ hasText: referenceOrSummary });
  await row.getByRole("link").click();
  await page.waitForURL(/\/reporter\/reports\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 2, name: "Status" })).toBeVisible();
  return page.url().split("/").at(-1)!;
}

/** Writes to the security team from an open report page and waits for the message in the thread. */
export async function postReporterMessage(page: Page, text: string): Promise<void> {
  await page.getByLabel("Write to the security team").fill(text);
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByText("Message sent. The security team is told by email.")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("list", { name: "Messages" }).getByText(text)).toBeVisible({ timeout: 30_000 });
}

/** Changes how the advisory credits the reporter ("By name", "By handle", "By organisation", "Not credited"). */
export async function changeCredit(page: Page, kind: "By name" | "By handle" | "By organisation" | "Not credited", text?: string): Promise<void> {
  const form = page.getByRole("form", { name: "How you are credited" });
  await form.getByLabel(kind, { exact: true }).check();
  if (text !== undefined) await form.getByLabel("Credit as", { exact: true }).fill(text);
  await form.getByRole("button", { name: "Save credit" }).click();
  await expect(form.getByText("Your credit is saved.")).toBeVisible({ timeout: 30_000 });
}
