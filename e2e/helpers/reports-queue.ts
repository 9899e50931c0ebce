// Steps of the maintainers' intake queue, for any spec (and the combined reporter journey after the merge). Each
// expects a page signed in as a maintainer who passed the second factor.
import { expect, type Page } from "@playwright/test";

/** Waits generously after a server action: the machine running the suite is shared. */
const ACTION = { timeout: 30_000 };

/** Opens the report from the queue (all statuses) by its reference; returns its id. */
export async function openReportInQueue(page: Page, reference: string): Promise<string> {
  await page.goto("/maintainer/reports?status=all");
  const row = page.getByRole("row").filter({ hasText: reference });
  await row.getByRole("link").first().click();
  await expect(page.locator("header").getByText(reference, { exact: true })).toBeVisible();
  return page.url().split("/").at(-1)!.split("?")[0]!;
}

/** Acknowledges the report open on the page, with the message the reporter receives. */
export async function acknowledgeReport(page: Page, message: string): Promise<void> {
  const form = page.getByRole("form", { name: "Acknowledge" });
  await form.getByLabel("Acknowledgement message (the reporter receives it)").fill(message);
  await form.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByText("Acknowledged. The reporter is emailed your message.")).toBeVisible(ACTION);
}

/** Accepts the report open on the page into a draft notice; returns the notice's id. */
export async function acceptReport(page: Page): Promise<string> {
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Accept and create draft" }).click();
  const link = page.getByRole("link", { name: /^Open draft FW-/ });
  await expect(link).toBeVisible(ACTION);
  return (await link.getAttribute("href"))!.split("/").at(-1)!;
}

/** Declines the report open on the page with a reason the reporter receives. */
export async function declineReport(page: Page, reason: string): Promise<void> {
  const form = page.getByRole("form", { name: "Decline" });
  await form.getByLabel(/Reason for declining/).fill(reason);
  page.once("dialog", (d) => void d.accept());
  await form.getByRole("button", { name: "Decline report" }).click();
  await expect(page.getByText("Declined. The reporter is emailed your reason.")).toBeVisible(ACTION);
}

export type HandReport = { name: string; email: string; summary: string; details: string; versions?: string; credit?: "By name" | "By handle" | "By organisation" | "Not credited"; creditAs?: string };

/** Enters a report by hand (/maintainer/reports/new); returns its id and reference, with the report's page open. */
export async function enterReportByHand(page: Page, report: HandReport): Promise<{ id: string; reference: string }> {
  await page.goto("/maintainer/reports/new");
  await page.getByLabel("Reporter's name").fill(report.name);
  await page.getByLabel("Reporter's email address").fill(report.email);
  if (report.credit) await page.getByRole("radio", { name: report.credit }).check();
  if (report.creditAs) await page.getByLabel("Credit as").fill(report.creditAs);
  await page.getByLabel("Summary").fill(report.summary);
  await page.getByLabel("Details").fill(report.details);
  if (report.versions) await page.getByLabel("Affected versions").fill(report.versions);
  await page.getByRole("button", { name: "Enter report" }).click();
  await expect(page.getByText(/^Report R-\d{4}-\d{4,} entered\.$/)).toBeVisible(ACTION);
  const reference = (await page.getByText(/^Report R-\d{4}-\d{4,} entered\.$/).textContent())!.match(/R-\d{4}-\d{4,}/)![0];
  return { id: page.url().split("/").at(-1)!.split("?")[0]!, reference };
}
