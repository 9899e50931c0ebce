// Issue 13 item 2: the reporter's portal, on reports seeded before the server started (e2e/fixtures/
// reports-portal-database.ts). A reporter signs in through /sign-in and the emailed link (no second factor), lands on
// /reporter, reads their report — status, the report as sent, the file, the thread ("Security team", never an
// address), the timeline with the shared reason, the credit — writes to the team and changes the credit. Nobody else
// opens it: another reporter, a vendor, a maintainer get a 404 that names nothing (body, <title>, RSC payload), and
// the notice's organisation never reaches any reporter page.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { emailsTo, enrolTotp, signInWithLink } from "./auth-helpers";
import { saveScreenshotsAtBothWidths, watchConsole } from "./support";
import { axeViolations } from "./accessibility-pages";
import { changeCredit, openOwnReport, postReporterMessage, signInAsReporter } from "./helpers/reports-portal";
import { DATE_CHANGE_REASON, MAINTAINER_MESSAGE, PORTAL_MAINTAINER, PORTAL_NOTICE_TITLE, PORTAL_ORG, REPORTERS, UNCONFIRMED_SUMMARY } from "./fixtures/reports-portal-data";

const [TAR, ZIP, ENCRYPTED] = REPORTERS.rita.reports;
const MESSAGE = `A second proof of concept ${Date.now().toString(36)}: the crash also happens with gzip.`;
/** Nothing of the notice's audience, title or people ever reaches a reporter. */
const NEVER_FOR_REPORTERS = [PORTAL_ORG, PORTAL_NOTICE_TITLE, PORTAL_MAINTAINER, REPORTERS.vera.email, REPORTERS.otto.email];

const ids: Record<string, string> = {};
let rita: Page;

async function signedIn(browser: Browser, email: string, maintainer = false): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  if (maintainer) {
    await signInWithLink(page, email);
    await enrolTotp(page);
  } else await signInWithLink(page, email);
  await page.waitForURL(/\/(reporter|vendor|maintainer)$/, { timeout: 30_000 });
  return page;
}

/** The page, its <title> and its RSC payload, for what must not be in any of them. */
async function everything(page: Page, url: string): Promise<{ status: number; html: string; title: string; rsc: string }> {
  const response = await page.goto(url);
  const rsc = await page.request.get(url, { headers: { RSC: "1" } });
  return { status: response!.status(), html: await page.content(), title: await page.title(), rsc: await rsc.text() };
}

test.describe.serial("the reporter's portal", () => {
  test("a reporter signs in with the emailed link alone and lands on their own confirmed reports @responsive", async ({ browser }) => {
    test.setTimeout(120_000);
    rita = await (await browser.newContext()).newPage();
    const logs = watchConsole(rita);
    await signInAsReporter(rita, REPORTERS.rita.email);
    const list = rita.getByRole("list", { name: "Your reports" });
    for (const summary of [TAR, ZIP, ENCRYPTED]) await expect(list.getByRole("link", { name: summary })).toBeVisible();
    await expect(list.getByRole("listitem")).toHaveCount(3);
    await expect(list).toContainText("UTC");
    await expect(list).toContainText("Accepted");
    await expect(list).toContainText("Disclosed");
    // Not confirmed: not theirs to read yet. Another reporter's: never.
    await expect(rita.getByText(UNCONFIRMED_SUMMARY)).toHaveCount(0);
    await expect(rita.getByText(REPORTERS.ralf.reports[0])).toHaveCount(0);
    // The reporter's header: their address, their reports, sign out — nothing of the vendor or maintainer areas.
    const nav = rita.getByRole("navigation", { name: "Main" });
    // On a phone the links sit behind the menu button.
    if ((rita.viewportSize()?.width ?? 1280) < 1024) await nav.getByText("Menu", { exact: true }).click();
    await expect(nav.getByRole("link", { name: "Your reports" }).filter({ visible: true })).toBeVisible();
    await expect(nav.getByText(REPORTERS.rita.email).first()).toBeAttached();
    await expect(nav.getByRole("button", { name: "Sign out" }).first()).toBeAttached();
    for (const area of ["/vendor", "/maintainer", "/account"]) await expect(rita.locator(`a[href^="${area}"]`)).toHaveCount(0);
    if ((rita.viewportSize()?.width ?? 1280) < 1024) await nav.getByText("Menu", { exact: true }).click();
    await saveScreenshotsAtBothWidths(rita, "reporter-list");
    logs.assertClean();
  });

  test("their report: status and what it means, the planned date, the report as sent, the file, the thread, the timeline and the credit — nothing of the notice's audience @responsive", async () => {
    test.setTimeout(90_000);
    ids.tar = await openOwnReport(rita, TAR);
    await expect(rita.getByRole("heading", { level: 1, name: TAR })).toBeVisible();
    const status = rita.getByRole("region", { name: "Status" });
    await expect(status.getByText("Accepted", { exact: true })).toBeVisible();
    await expect(status).toContainText("preparing a fix and an advisory");
    await expect(status.getByText("Planned disclosure", { exact: true })).toBeVisible();
    await expect(status).toContainText("UTC");
    // The report as sent, its Markdown rendered through the sanitizing renderer.
    const report = rita.getByRole("region", { name: "Your report" });
    await expect(report.locator("strong", { hasText: "4096 bytes" })).toBeVisible();
    await expect(report).toContainText(">= 2.0, < 2.4.1");
    const files = rita.getByRole("region", { name: "Files you attached" });
    await expect(files).toContainText("crafted.tar");
    await expect(files).toContainText(/SHA-256 [0-9a-f]{64}/);
    const thread = rita.getByRole("list", { name: "Messages" });
    await expect(thread.getByRole("listitem").filter({ hasText: MAINTAINER_MESSAGE })).toContainText("Security team");
    const timeline = rita.getByRole("list", { name: "Timeline" });
    await expect(timeline).toContainText("Planned disclosure moved to");
    await expect(timeline).toContainText(DATE_CHANGE_REASON);
    await expect(timeline).toContainText("We can reproduce it.");
    // (The credit itself is the next tests' subject: a phone run after the desktop one finds it changed.)
    await expect(rita.getByRole("region", { name: "How you are credited" })).toContainText(/The advisory will credit |You chose not to be credited/);
    const seen = await everything(rita, `/reporter/reports/${ids.tar}`);
    expect(seen.status).toBe(200);
    expect(seen.title).toMatch(/^R-2020-\d{4}/);
    expect(seen.title).not.toContain(TAR);
    for (const secret of [...NEVER_FOR_REPORTERS, "FW-2020-"]) {
      expect(seen.html, secret).not.toContain(secret);
      expect(seen.rsc, secret).not.toContain(secret);
    }
    await saveScreenshotsAtBothWidths(rita, "reporter-report");
  });

  test("they write to the security team: the maintainers get a link and the reference, never the message", async () => {
    test.setTimeout(90_000);
    await rita.goto(`/reporter/reports/${ids.tar}`);
    // Nothing to send: a clear message, nothing stored.
    await rita.getByRole("button", { name: "Send message" }).click();
    await expect(rita.getByRole("list", { name: "Messages" }).getByRole("listitem")).toHaveCount(1);
    await postReporterMessage(rita, MESSAGE);
    expect(await axeViolations(rita, "sent message")).toEqual([]);
    await expect(rita.getByRole("list", { name: "Messages" }).getByRole("listitem").filter({ hasText: MESSAGE })).toContainText("You");
    const reference = (await rita.title()).split(" ")[0]!;
    let mails: Awaited<ReturnType<typeof emailsTo>> = [];
    await expect.poll(async () => (mails = (await emailsTo(rita.request, PORTAL_MAINTAINER)).filter((m) => m.subject.includes(reference))).length, { timeout: 120_000 }).toBe(1);
    expect(mails[0]!.subject).toBe(`${reference}: new message from the reporter`);
    expect(mails[0]!.text).toContain(`/maintainer/reports/${ids.tar}`);
    expect(mails[0]!.text).not.toContain("gzip");
  });

  test("they change how they are credited until disclosure; a choice without the words is refused and changes nothing", async () => {
    test.setTimeout(90_000);
    await rita.goto(`/reporter/reports/${ids.tar}`);
    const form = rita.getByRole("form", { name: "How you are credited" });
    await form.getByLabel("By handle", { exact: true }).check();
    await form.getByLabel("Credit as", { exact: true }).fill("   ");
    await form.getByRole("button", { name: "Save credit" }).click();
    await expect(form.getByText("Write the name, handle or organisation to credit, or choose not to be credited.")).toBeVisible({ timeout: 30_000 });
    // The refused form as a screen-reader user meets it: focus on the field it marked, and nothing for axe to find.
    await expect(form.getByLabel("Credit as", { exact: true })).toBeFocused();
    expect(await axeViolations(rita, "refused credit")).toEqual([]);
    await rita.reload();
    await expect(rita.getByRole("region", { name: "How you are credited" })).toContainText("The advisory will credit Rita Finder");
    await changeCredit(rita, "By handle", "@ritaf");
    await rita.reload();
    await expect(rita.getByRole("region", { name: "How you are credited" })).toContainText("The advisory will credit @ritaf (by handle)");
    await changeCredit(rita, "Not credited");
    await rita.reload();
    await expect(rita.getByRole("region", { name: "How you are credited" })).toContainText("You chose not to be credited.");
  });

  test("once disclosed: the public advisory's link, and the credit is no longer theirs to change", async () => {
    test.setTimeout(60_000);
    ids.zip = await openOwnReport(rita, ZIP);
    const status = rita.getByRole("region", { name: "Status" });
    await expect(status.getByText("Disclosed", { exact: true })).toBeVisible();
    await expect(rita.getByRole("form", { name: "How you are credited" })).toHaveCount(0);
    await expect(rita.getByRole("region", { name: "How you are credited" })).toContainText("can no longer be changed");
    const link = status.getByRole("link", { name: /^Read the public advisory FW-2020-\d{4}$/ });
    await link.click();
    await rita.waitForURL(/\/advisories\/[^/]+$/);
    await expect(rita.getByRole("heading", { level: 1 })).toContainText("Path traversal in the zip writer");
  });

  test("an encrypted report says so and shows none of the ciphertext", async () => {
    ids.encrypted = await openOwnReport(rita, ENCRYPTED);
    const report = rita.getByRole("region", { name: "Your report" });
    await expect(report.getByText("Encrypted", { exact: true })).toBeVisible();
    await expect(report).not.toContainText("BEGIN PGP MESSAGE");
  });

  test("a reporter's session reaches nothing of the other areas, and has no second factor", async () => {
    for (const url of ["/maintainer", "/maintainer/notices", "/vendor", "/vendor/integrations", "/account"]) {
      const response = await rita.goto(url);
      expect(response!.status(), url).toBe(404);
      for (const area of ["/vendor", "/maintainer", "/account"]) await expect(rita.locator(`a[href^="${area}"]`), url).toHaveCount(0);
    }
    await rita.goto("/sign-in/second-factor");
    await rita.waitForURL(/\/reporter$/);
    await rita.goto("/sign-in");
    await rita.waitForURL(/\/reporter$/);
  });

  test("signing out ends the reporter's session on the server", async () => {
    await rita.goto("/reporter");
    const cookie = (await rita.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"))!;
    await rita.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Sign out" }).first().click();
    await rita.waitForURL(/\/sign-in\?signedOut=1/, { timeout: 30_000 });
    // The old cookie, replayed, is nobody's any more.
    const replay = await rita.request.get(`/reporter/reports/${ids.tar}`, { headers: { cookie: `${cookie.name}=${cookie.value}` } });
    expect(new URL(replay.url()).pathname).toBe("/sign-in");
  });

  test("another reporter cannot open it: 404 naming nothing, in the body, the title and the RSC payload", async ({ browser }) => {
    test.setTimeout(90_000);
    const ralf = await signedIn(browser, REPORTERS.ralf.email);
    await expect(ralf.getByRole("list", { name: "Your reports" }).getByRole("listitem")).toHaveCount(1);
    await expect(ralf.getByText(TAR)).toHaveCount(0);
    for (const id of [ids.tar!, ids.zip!, "no-such-report"]) {
      const seen = await everything(ralf, `/reporter/reports/${id}`);
      expect(seen.status).toBe(404);
      expect(seen.title).toBe("Not found · Forewarn");
      for (const secret of [TAR, ZIP, "4096 bytes", "R-2020-", MAINTAINER_MESSAGE, "crafted.tar", ...NEVER_FOR_REPORTERS]) {
        expect(seen.html, secret).not.toContain(secret);
        expect(seen.rsc, secret).not.toContain(secret);
      }
    }
    await ralf.context().close();
  });

  test("a vendor who reported finds their own reports from their menu; one who did not has no such link and opens nothing", async ({ browser }) => {
    test.setTimeout(120_000);
    const vera = await signedIn(browser, REPORTERS.vera.email);
    await vera.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Your reports" }).first().click();
    await vera.waitForURL(/\/reporter$/);
    const list = vera.getByRole("list", { name: "Your reports" });
    await expect(list.getByRole("listitem")).toHaveCount(1);
    await expect(list).toContainText(REPORTERS.vera.reports[0]);
    expect((await vera.goto(`/reporter/reports/${ids.tar}`))!.status()).toBe(404);
    await vera.context().close();

    const otto = await signedIn(browser, REPORTERS.otto.email);
    await expect(otto.locator('a[href="/reporter"]')).toHaveCount(0);
    await otto.goto("/reporter");
    await expect(otto.getByText("You have no confirmed reports.")).toBeVisible();
    const seen = await everything(otto, `/reporter/reports/${ids.tar}`);
    expect(seen.status).toBe(404);
    for (const secret of [TAR, "4096 bytes"]) expect(seen.html + seen.rsc).not.toContain(secret);
    await otto.context().close();
  });

  test("a maintainer does not read a report through the reporter's portal (the queue is where they manage it)", async ({ browser }) => {
    test.setTimeout(120_000);
    const maintainer = await signedIn(browser, PORTAL_MAINTAINER, true);
    await expect(maintainer.locator('a[href="/reporter"]')).toHaveCount(0);
    const seen = await everything(maintainer, `/reporter/reports/${ids.tar}`);
    expect(seen.status).toBe(404);
    for (const secret of [TAR, "4096 bytes", MESSAGE]) expect(seen.html + seen.rsc).not.toContain(secret);
    await maintainer.context().close();
  });
});
