// The reporter is told (issue 13, item 4), end to end on the production build: a notice made from a report is sent,
// its date moved with a note to the reporter, its embargo ended early with another — and the reporter receives exactly
// three emails, each with the time and its zone and their credit, none naming an organisation or repeating what the
// vendors were told; the vendors' emails say nothing of the reporter.
import { expect, test, type Page } from "@playwright/test";
import { emailsTo, enrolTotp, signInWithLink } from "./auth-helpers";
import { makeOrg } from "./notice-helpers";
import { linkReportToDraft, readReporterEmails, waitForReporterEmail } from "./helpers/reports-notify";
import { saveScreenshotsAtBothWidths, watchConsole } from "./support";

const MAINTAINER = "notify@project.example";
const ORG = "Zyxcanary Notify Org";
const MEMBER = "vera@zyxcanary-notify.example";
const REPORTER = "finder@reporter-notify.example";
const CREDIT = "@canary-finder";
const TITLE = "Reporter told: heap overflow in the header parser";
const VENDOR_NOTE = "VENDOR-NOTE one more day for the release trains";
const VENDOR_REASON = "VENDOR-REASON the fix is public upstream";
const TO_REPORTER_DATE = "Thank you for your patience: the fix needs one more day of testing.";
const TO_REPORTER_END = "We ended the embargo early because the fix became public.";

async function createDraft(page: Page, withOrg: boolean): Promise<{ noticeId: string; reference: string }> {
  await page.goto("/maintainer/notices/new");
  await page.getByLabel("Title").fill(TITLE);
  if (withOrg) {
    await page.getByLabel("Selected organisations").check();
    await page.getByRole("checkbox", { name: new RegExp(ORG) }).check();
  }
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible({ timeout: 30_000 });
  return { noticeId: page.url().split("/").at(-1)!, reference: (await page.locator("header .font-mono").first().textContent())!.trim() };
}

const REPORTER_FIELD = "Reason to share with the reporter(s) (optional)";

test("a notice without reports offers no note to reporters", async ({ page }) => {
  page.on("dialog", (dialog) => void dialog.accept());
  await signInWithLink(page, "notify-form@project.example");
  await enrolTotp(page);
  await createDraft(page, false);
  await expect(page.getByRole("form", { name: "Withdraw draft" })).toBeVisible();
  await expect(page.getByLabel(REPORTER_FIELD)).toHaveCount(0);
});

// @postgresql: the report is linked in the database from outside until the queue's accept is merged (the embedded
// database is locked by the server under test).
test("the reporter receives the date, its change and the early end, with the zone and the credit; nothing about vendors @postgresql", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const console = watchConsole(page);
  page.on("dialog", (dialog) => void dialog.accept());
  await signInWithLink(page, MAINTAINER);
  await enrolTotp(page);
  await makeOrg(page, ORG, MEMBER);
  const { noticeId, reference } = await createDraft(page, true);
  const { reference: reportRef } = await linkReportToDraft({ noticeId, reporterEmail: REPORTER, creditKind: "HANDLE", creditText: CREDIT });

  // Sending: the reporter is told the date (with its zone) and how they will be credited.
  await page.reload();
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Send notice" }).click();
  await expect(page.getByText("Sent to 1 organisation.")).toBeVisible({ timeout: 30_000 });
  const dateSet = await waitForReporterEmail(page, REPORTER, `${reportRef}: planned disclosure date`);
  expect(dateSet.text).toMatch(/Planned public disclosure: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  expect(dateSet.text).toContain(`You will be credited as: ${CREDIT}`);

  // A date change with a note to the reporter, apart from the vendors' change note.
  await page.waitForLoadState("networkidle");
  const dateForm = page.getByRole("form", { name: "Change the disclosure time" });
  await expect(dateForm.getByLabel(REPORTER_FIELD)).toBeVisible();
  await dateForm.scrollIntoViewIfNeeded();
  await saveScreenshotsAtBothWidths(page, "notice-note-to-reporter");
  const input = dateForm.locator('input[type="datetime-local"]');
  await input.fill(new Date(new Date(`${await input.inputValue()}Z`).getTime() + 24 * 3_600_000).toISOString().slice(0, 16));
  await dateForm.getByLabel("Change note").fill(VENDOR_NOTE);
  await dateForm.getByLabel(REPORTER_FIELD).fill(TO_REPORTER_DATE);
  await dateForm.getByRole("button", { name: "Change disclosure time" }).click();
  await expect(page.getByText(/Revision 1/).first()).toBeVisible({ timeout: 30_000 });
  const changed = await waitForReporterEmail(page, REPORTER, `${reportRef}: disclosure date changed to`);
  expect(changed.text).toMatch(/New planned disclosure: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  expect(changed.text).toContain(TO_REPORTER_DATE);

  // The embargo ends early: the public advisory and the credit as published.
  const endForm = page.getByRole("form", { name: "End embargo now" });
  await endForm.getByLabel("Reason", { exact: true }).fill(VENDOR_REASON);
  await endForm.getByLabel(REPORTER_FIELD).fill(TO_REPORTER_END);
  await endForm.getByRole("button", { name: "End embargo now" }).click();
  const ended = await waitForReporterEmail(page, REPORTER, `${reportRef}: the advisory is public`);
  expect(ended.text).toContain(`/advisories/${noticeId}`);
  expect(ended.text).toContain(`Credit as published: ${CREDIT}`);
  expect(ended.text).toContain(TO_REPORTER_END);
  expect(ended.text).toMatch(/public since \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);

  // Exactly three, and none names the organisation, a member, or what the vendors were told.
  const all = await readReporterEmails(page, REPORTER);
  expect(all).toHaveLength(3);
  for (const mail of all) {
    for (const secret of [ORG, "zyxcanary", MEMBER, VENDOR_NOTE, VENDOR_REASON, TITLE, "/vendor/"]) expect(`${mail.subject}\n${mail.text}`).not.toContain(secret);
  }

  // The vendors' emails carry nothing of the reporter: no address, no reference, no note to them. (The credit is a
  // field of the notice, read on its page, and never in a clear-text email.)
  await expect.poll(async () => (await emailsTo(page.request, MEMBER)).filter((m) => m.subject.includes(reference)).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  for (const mail of (await emailsTo(page.request, MEMBER)).filter((m) => m.subject.includes(reference))) {
    for (const secret of [REPORTER, reportRef, TO_REPORTER_DATE, TO_REPORTER_END, CREDIT]) expect(`${mail.subject}\n${mail.text ?? ""}`).not.toContain(secret);
  }

  // The public advisory credits the reporter as they chose.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/advisories/${noticeId}`);
  await expect(visitor.getByText(CREDIT)).toBeVisible();
  await visitor.close();
  console.assertClean();
});
