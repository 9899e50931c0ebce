// The maintainers' intake queue through the production server, on both databases: a report (entered by hand, so the
// same on PGlite, where nothing outside the server may write) is acknowledged and accepted into a draft prefilled from
// it; the reporter is emailed at each step. On PostgreSQL, where the test can change the database from outside: a
// report whose clock started in the past is highlighted as overdue on the queue and the maintainer's home, and an
// encrypted report is decrypted in the browser with a test key that never leaves the page.
import { expect, test, type Page } from "@playwright/test";
import { urlFor } from "../scripts/lib/postgres";
import { emailsTo, enrolTotp, signInWithLink } from "./auth-helpers";
import { acceptReport, acknowledgeReport, enterReportByHand, openReportInQueue } from "./helpers/reports-queue";
import { saveScreenshotsAtBothWidths, watchConsole } from "./support";

const RUN = Math.random().toString(36).slice(2, 8);
const HOUR = 3_600_000;
let page: Page;

async function sql(query: string, params: unknown[]): Promise<void> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: urlFor(new URL(process.env.DATABASE_URL!).pathname.slice(1)) });
  await client.connect();
  try {
    await client.query(query, params);
  } finally {
    await client.end();
  }
}

async function mailTo(address: string, subject: string | RegExp) {
  let found: { subject: string; text?: string } | undefined;
  await expect
    .poll(async () => (found = (await emailsTo(page.request, address)).find((m) => (typeof subject === "string" ? m.subject === subject : subject.test(m.subject)))), { timeout: 120_000 })
    .toBeTruthy();
  return found!;
}

test.describe.serial("the intake queue", () => {
  test.beforeAll(async ({ browser }) => {
    page = await (await browser.newContext()).newPage();
    await signInWithLink(page, "queue@project.example");
    await enrolTotp(page);
  });
  test.afterAll(async () => page.context().close());

  test("a maintainer enters a report, acknowledges it and accepts it into a draft prefilled from it; the reporter is told each time", async () => {
    test.setTimeout(180_000);
    const console = watchConsole(page);
    const reporter = `rita-${RUN}@reporter.example`;
    const summary = `Overflow in the tar reader ${RUN}`;
    const { id, reference } = await enterReportByHand(page, { name: "Rita Reporter", email: reporter, summary, details: "## Steps\n\nA crafted header overflows `read_block`.", versions: "< 3.1.2", credit: "By handle", creditAs: "@rita" });
    await expect(page.getByRole("heading", { level: 1, name: summary })).toBeVisible();
    await expect(page.getByText("A reporter account was created for the address.")).toBeVisible();
    // The reporter is emailed the way into the portal, leading to their report; never its content.
    // (The subject ends with the project's name, which other specs set in Settings.)
    const welcome = await mailTo(reporter, new RegExp(`^${reference}: your vulnerability report to `));
    expect(welcome.text).toContain(`/sign-in?callbackUrl=%2Freporter%2Freports%2F${id}`);
    expect(welcome.text).not.toContain("read_block");

    // The queue: the report with its running clock.
    await page.goto("/maintainer/reports");
    const row = page.getByRole("row").filter({ hasText: reference });
    await expect(row).toContainText("Received");
    await expect(row).toContainText(/(1 d 23 h|2 d 0 h) left/);
    await expect(row).not.toHaveAttribute("data-overdue", "true");
    await saveScreenshotsAtBothWidths(page, "reports-queue");

    expect(await openReportInQueue(page, reference)).toBe(id);
    await expect(page.locator("[data-markdown]").getByRole("heading", { name: "Steps" })).toBeVisible();
    await expect(page.getByText("By handle: @rita")).toBeVisible();
    await acknowledgeReport(page, `Thanks Rita, we are on it (${RUN}).`);
    const ack = await mailTo(reporter, `${reference}: your report was acknowledged`);
    expect(ack.text).toContain(`Thanks Rita, we are on it (${RUN}).`);
    await page.reload();
    await expect(page.locator("header").getByText("Acknowledged", { exact: true })).toBeVisible();
    await expect(page.getByText(/Acknowledged \d{4}-\d\d-\d\d .* by queue@project\.example/)).toBeVisible();
    await expect(page.getByRole("list").filter({ hasText: `Thanks Rita, we are on it (${RUN}).` })).toBeVisible();

    const noticeId = await acceptReport(page);
    await mailTo(reporter, `${reference}: your report was accepted`);
    await page.reload();
    await expect(page.getByText(/Accepted into notice FW-\d{4}-\d{4}/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Accept and create draft" })).toHaveCount(0);
    await saveScreenshotsAtBothWidths(page, "reports-queue-report");

    // The draft carries the report's summary, details, versions and credit.
    await page.goto(`/maintainer/notices/${noticeId}/edit`);
    await expect(page.getByLabel("Title")).toHaveValue(summary);
    await expect(page.getByLabel("Summary (optional)")).toHaveValue(summary);
    await expect(page.getByRole("textbox", { name: "Description (optional)" })).toHaveValue(/A crafted header overflows `read_block`\./);
    await expect(page.getByLabel("Affected versions (optional)")).toHaveValue("< 3.1.2");
    await expect(page.getByLabel("Reporter credit (optional)")).toHaveValue("@rita");
    await expect(page.getByLabel("The reporter does not want to be credited")).not.toBeChecked();
    console.assertClean();
  });

  test("a report whose clock started 50 hours ago is highlighted as overdue, first in the queue and on the maintainer's home @postgresql", async () => {
    test.setTimeout(120_000);
    const { id, reference } = await enterReportByHand(page, { name: "Otto Overdue", email: `otto-${RUN}@reporter.example`, summary: `Late report ${RUN}`, details: "Nobody looked at it in time." });
    await sql(`UPDATE "Report" SET "confirmedAt" = $2, "submittedAt" = $2 WHERE id = $1`, [id, new Date(Date.now() - 50 * HOUR)]);
    await page.goto("/maintainer/reports");
    // Other specs' reports may be later still: this one is overdue, and every overdue row comes before the others.
    const row = page.locator("tbody tr").filter({ hasText: reference });
    await expect(row).toHaveAttribute("data-overdue", "true");
    await expect(row).toContainText(/Overdue\s*target passed 2 h \d+ min ago/);
    const flags = await page.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-overdue") === "true"));
    expect(flags.indexOf(false) === -1 || !flags.slice(flags.indexOf(false)).includes(true), "overdue reports are listed first").toBe(true);
    await expect(page.getByText("Overdue now").locator("..")).toContainText(/[1-9]/);
    await page.goto("/maintainer/reports?status=overdue");
    await expect(page.getByRole("row").filter({ hasText: reference })).toBeVisible();
    await page.goto("/maintainer");
    await page.getByRole("list", { name: "Needs attention, by kind" }).getByRole("link", { name: /Reports overdue for acknowledgement/ }).click();
    await page.getByRole("list", { name: "Reports overdue for acknowledgement" }).getByRole("link", { name: `${reference} from Otto Overdue` }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Late report ${RUN}` })).toBeVisible();
    await expect(page.getByText(/Overdue\s*target passed/)).toBeVisible();
    await saveScreenshotsAtBothWidths(page, "reports-queue-overdue");
    // Acknowledged: off the overdue list.
    await acknowledgeReport(page, "Sorry for the wait: we are on it.");
    await page.goto("/maintainer/reports?status=overdue");
    await expect(page.getByRole("row").filter({ hasText: reference })).toHaveCount(0);
  });

  test("an encrypted report is decrypted in the browser with the maintainer's key, which is never sent anywhere @postgresql", async () => {
    test.setTimeout(120_000);
    const openpgp = await import("openpgp");
    const passphrase = `test passphrase ${RUN}`;
    const { privateKey, publicKey } = await openpgp.generateKey({ type: "ecc", userIDs: [{ name: "Project security", email: "security@project.example" }], passphrase, format: "armored" });
    const secret = `Secret reproduction steps ${RUN}: send 70000 bytes to port 4040.`;
    const armored = await openpgp.encrypt({ message: await openpgp.createMessage({ text: secret }), encryptionKeys: await openpgp.readKey({ armoredKey: publicKey }) });
    const { id } = await enterReportByHand(page, { name: "Erin Encrypted", email: `erin-${RUN}@reporter.example`, summary: `Encrypted report ${RUN}`, details: "placeholder" });
    await sql(`UPDATE "Report" SET encrypted = true, details = $2 WHERE id = $1`, [id, armored]);

    const sent: string[] = [];
    page.on("request", (r) => sent.push(`${r.url()} ${r.postData() ?? ""}`));
    await page.reload();
    await expect(page.getByRole("region", { name: "Details, encrypted" })).toContainText("-----BEGIN PGP MESSAGE-----");
    await expect(page.getByText(secret)).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Copy the encrypted details" })).toBeVisible();
    const view = page.getByRole("region", { name: "Decrypt locally" });
    await expect(view).toContainText("never sent to the server");
    // The key's fields have no name and are in no form: nothing can submit them.
    for (const label of ["Your armored private key", "Passphrase of the key"]) {
      const field = view.getByLabel(label);
      expect(await field.getAttribute("name")).toBeNull();
      expect(await field.evaluate((el) => (el as HTMLInputElement).form)).toBeNull();
    }
    await view.getByLabel("Your armored private key").fill(privateKey);
    await view.getByLabel("Passphrase of the key").fill("wrong passphrase");
    await view.getByRole("button", { name: "Decrypt in this browser" }).click();
    await expect(view.getByText("The passphrase does not unlock this key.")).toBeVisible();
    await view.getByLabel("Passphrase of the key").fill(passphrase);
    await view.getByRole("button", { name: "Decrypt in this browser" }).click();
    await expect(view.getByRole("region", { name: "Details, decrypted" })).toHaveText(secret);
    await saveScreenshotsAtBothWidths(page, "reports-queue-decrypt");
    const keyLine = privateKey.split("\n").find((l) => l.length > 40)!;
    expect(sent.filter((s) => s.includes(keyLine) || s.includes(encodeURIComponent(keyLine)) || s.includes(passphrase) || s.includes(encodeURIComponent(passphrase)))).toEqual([]);
    await view.getByRole("button", { name: "Forget key and plaintext" }).click();
    await expect(view.getByText(secret)).toHaveCount(0);
  });
});
