// Steps of the reporter's intake, reusable by any spec (the combined journey too): send a report through /report as a
// person does (optionally encrypted in the browser), then confirm it from the link emailed to the fake Resend server.
import { expect, type Page } from "@playwright/test";
import { emailsTo } from "../auth-helpers";

export type ReportFile = { name: string; mimeType: string; buffer: Buffer };
export type ReportFields = {
  summary: string;
  details: string;
  affectedVersions?: string;
  reproduction?: string;
  name: string;
  email: string;
  credit?: { kind: "NAME" | "HANDLE" | "ORGANISATION" | "NONE"; text?: string };
  files?: ReportFile[];
};

const CREDIT_LABEL = { NAME: "By my name", HANDLE: "By a handle", ORGANISATION: "By my organisation", NONE: "Not at all" } as const;
export const REPORT_SENT_TEXT = "Check your email to confirm";
const CONFIRM_SUBJECT = /^Confirm your vulnerability report (R-\d{4}-\d{4})$/;

/** Fills /report and sends it; waits for the one answer everybody gets. `encrypt` needs a project key in Settings. */
export async function fillReport(page: Page, fields: ReportFields, opts: { encrypt?: boolean } = {}): Promise<void> {
  await page.goto("/report");
  await page.getByLabel("Summary", { exact: true }).fill(fields.summary);
  await page.getByLabel("Details", { exact: true }).fill(fields.details);
  if (fields.affectedVersions) await page.getByLabel("Affected versions (optional)").fill(fields.affectedVersions);
  if (fields.reproduction) await page.getByLabel("How to reproduce (optional)", { exact: true }).fill(fields.reproduction);
  if (fields.files?.length) await page.getByLabel("Attachments (optional)").setInputFiles(fields.files);
  const encryption = page.getByLabel(/Encrypt the details, reproduction steps and attachments/);
  if (opts.encrypt) await encryption.check();
  else if (await encryption.count()) await encryption.uncheck();
  await page.getByLabel("Your name").fill(fields.name);
  await page.getByLabel("Your email address").fill(fields.email);
  const credit = fields.credit ?? { kind: "NAME" };
  await page.getByRole("radio", { name: new RegExp(`^${CREDIT_LABEL[credit.kind]}`) }).check();
  if (credit.text) await page.getByLabel(/to credit/).fill(credit.text);
  await page.getByRole("button", { name: opts.encrypt ? "Encrypt and send report" : "Send report" }).click();
}

/** Sends a report and waits for "check your email". */
export async function submitReport(page: Page, fields: ReportFields, opts: { encrypt?: boolean } = {}): Promise<void> {
  await fillReport(page, fields, opts);
  await expect(page.getByTestId("report-sent")).toContainText(REPORT_SENT_TEXT, { timeout: 30_000 });
}

/** The newest confirmation email to the address (after `since` of them): its link and the report's reference. */
export async function reportConfirmationLink(page: Page, email: string, since = 0): Promise<{ link: string; reference: string }> {
  let found: { link: string; reference: string } | undefined;
  await expect
    .poll(async () => {
      const mails = (await emailsTo(page.request, email)).filter((m) => CONFIRM_SUBJECT.test(m.subject));
      const mail = mails.length > since ? mails.at(-1) : undefined;
      const link = mail?.text?.match(/https?:\/\/\S+\/report\/confirm\/[A-Za-z0-9_-]+/)?.[0];
      found = mail && link ? { link, reference: mail.subject.match(CONFIRM_SUBJECT)![1]! } : undefined;
      return found;
    }, { timeout: 120_000 })
    .toBeTruthy();
  return found!;
}

export async function confirmationCount(page: Page, email: string): Promise<number> {
  return (await emailsTo(page.request, email)).filter((m) => CONFIRM_SUBJECT.test(m.subject)).length;
}

/**
 * Opens the newest confirmation link sent to the address and presses "Confirm and sign in": lands on the report's
 * page in the reporter's area, signed in. Returns the report's id and reference.
 */
export async function confirmReportFromMailbox(page: Page, email: string): Promise<{ reportId: string; reference: string }> {
  const { link, reference } = await reportConfirmationLink(page, email);
  await page.goto(link);
  await expect(page.getByText(`Confirm report ${reference}`)).toBeVisible();
  await page.getByRole("button", { name: "Confirm and sign in" }).click();
  await page.waitForURL(/\/reporter\/reports\/[^/?#]+$/, { timeout: 30_000 });
  return { reportId: new URL(page.url()).pathname.split("/").at(-1)!, reference };
}
