// Following emails (issue 4): a maintainer invites people and watches the sends on the Deliveries page reach the
// provider (the fake Resend server) without reloading; a refused address shows its reason and can be retried; the
// Jobs page shows the job that sent each batch.
import { expect, test, type Page } from "@playwright/test";
import { emailsTo, enrolTotp, signInWithLink } from "./auth-helpers";
import { fitsPhone, saveScreenshot, watchConsole } from "./support";

// A maintainer address of this spec's own in the server's FOREWARN_ADMIN_EMAILS (playwright.config.ts).
const MAINTAINER = "deliveries@project.example";
const MEMBER = "dora@deliveries.example";
// The fake Resend server refuses (per email, like Resend's permissive batches) any address containing "invalid".
const REFUSED = "invalid-dan@deliveries.example";

async function invite(page: Page, email: string): Promise<void> {
  const form = page.getByRole("form", { name: "Invite a member" });
  await form.getByLabel("Email").fill(email);
  await form.getByRole("button", { name: "Invite member" }).click();
  await expect(page.getByText("Invitation sent.")).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
}

test("a maintainer follows invitations to the provider, retries a refused one, and finds the jobs that sent them", async ({ page }) => {
  test.setTimeout(120_000);
  const console = watchConsole(page);
  await signInWithLink(page, MAINTAINER);
  await enrolTotp(page);
  await expect(page).toHaveURL(/\/maintainer$/);

  await page.goto("/maintainer/directory");
  await page.getByLabel("Name", { exact: true }).fill("Deliveries Org");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Deliveries Org" })).toBeVisible();
  await invite(page, MEMBER);
  await invite(page, REFUSED);

  // The list updates by itself (no reload) until nothing is queued.
  await page.getByRole("link", { name: "Deliveries", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Deliveries" })).toBeVisible();
  const sent = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: `Invitation to ${MEMBER}` }) });
  await expect(sent.getByText("directory.invitation")).toBeVisible();
  await expect(sent.getByText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/)).toBeVisible();
  await expect(sent.getByRole("progressbar")).toHaveAttribute("aria-valuetext", "1 of 1 emails no longer queued (100%)", { timeout: 60_000 });
  await expect(sent.getByRole("definition").nth(1)).toHaveText("1"); // Delivered, Sent, … : one sent
  await expect(page.getByText("updating live")).toHaveCount(0, { timeout: 60_000 });
  // It reached the provider.
  const received = (await emailsTo(page.request, MEMBER)).filter((m) => m.subject.startsWith("Invitation: "));
  expect(received).toHaveLength(1);
  expect(received[0]!.text).toContain("Deliveries Org");
  await fitsPhone(page);

  // One send in detail: the email, its status and times, and the batch (one provider call) that carried it.
  await sent.getByRole("link", { name: `Invitation to ${MEMBER}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Invitation to ${MEMBER}` })).toBeVisible();
  const emailRow = page.getByRole("table", { name: "Emails of this send" }).getByRole("row").filter({ hasText: MEMBER });
  await expect(emailRow.getByRole("cell").nth(1)).toHaveText("sent");
  await expect(emailRow.getByRole("cell").nth(2)).toHaveText("no");
  await expect(emailRow.getByRole("cell").nth(4)).toContainText("UTC");
  const batchRow = page.getByRole("table", { name: "Batches of this send" }).getByRole("row").nth(1);
  await expect(batchRow.getByRole("cell").nth(1)).toHaveText("done");
  await expect(batchRow.getByRole("cell").nth(2)).toHaveText("1");
  const batchId = (await batchRow.getByRole("cell").first().textContent())!.trim();
  await expect(page.getByRole("button", { name: "Retry failed emails" })).toHaveCount(0);
  await page.getByRole("link", { name: /^Failed/ }).click();
  await expect(page).toHaveURL(/\?status=FAILED$/);
  await expect(page.getByText("No emails with status failed.")).toBeVisible();

  // The refused address: its reason, and a retry (refused again by the provider, so it ends failed again).
  await page.goto("/maintainer/deliveries");
  await page.getByRole("link", { name: `Invitation to ${REFUSED}` }).click();
  const refusedRow = page.getByRole("table", { name: "Emails of this send" }).getByRole("row").filter({ hasText: REFUSED });
  await expect(refusedRow.getByRole("cell").nth(1)).toHaveText("failed", { timeout: 60_000 });
  await expect(refusedRow.getByRole("cell").nth(3)).toContainText("Invalid `to` field");
  await page.getByRole("button", { name: "Retry failed emails" }).click();
  await expect(page.getByText("1 failed email queued again.")).toBeVisible();
  // A new batch carries it (the old one keeps its record); the page follows it until it is settled.
  await expect(page.getByRole("table", { name: "Batches of this send" }).getByRole("row")).toHaveCount(3);
  await expect(page.getByText("updating live")).toHaveCount(0, { timeout: 60_000 });
  await expect(refusedRow.getByRole("cell").nth(1)).toHaveText("failed");
  await expect(page.getByRole("button", { name: "Retry failed emails" })).toBeVisible();
  await expect(page.getByText("1 failed email queued again.")).toBeVisible();
  await fitsPhone(page);
  await saveScreenshot(page, "deliveries");

  // The jobs: the send job of the first invitation completed (job id = batch id), linked back to its send.
  await page.getByRole("link", { name: "Jobs", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Jobs" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Jobs per queue, counted now" }).getByRole("row", { name: /Send an email batch/ })).toBeVisible();
  const jobRow = page.getByRole("table", { name: "Recent jobs" }).getByRole("row").filter({ hasText: batchId });
  await expect(jobRow.getByText("Send an email batch")).toBeVisible();
  await expect(jobRow.getByText("completed", { exact: true })).toBeVisible();
  await expect(jobRow.getByText("1 of 10 attempts")).toBeVisible();
  await expect(jobRow.getByText(`batchId: ${batchId}`)).toBeVisible();
  await expect(jobRow.getByRole("button", { name: "Retry" })).toHaveCount(0);
  await page.getByLabel("State", { exact: true }).selectOption("completed");
  await page.getByLabel("Queue", { exact: true }).selectOption("mail.send-batch");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/queue=mail.send-batch/);
  await expect(page).toHaveURL(/state=completed/);
  await expect(jobRow).toBeVisible();
  await fitsPhone(page);
  await saveScreenshot(page, "jobs");
  await jobRow.getByRole("link", { name: "Its send" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Invitation to ${MEMBER}` })).toBeVisible();

  // The retry is in the audit log.
  await page.goto("/maintainer/audit?action=mail.dispatch.retried");
  await expect(page.getByRole("row").filter({ hasText: MAINTAINER })).toHaveCount(1);
  console.assertClean();
});
