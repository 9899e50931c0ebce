// The pages a maintainer lives in (issue 16, item 6): the home says what needs attention now and links to where to
// act; the notice page is in sections with a keyboard-usable in-page navigation that names the section needing
// attention first, and the irreversible actions together at the end; the menu fits one row at 1280 px and becomes a
// disclosure button on a phone; the audit log names people and objects. Screenshots at 1280 and 390 px.
import { expect, test } from "@playwright/test";
import { enrolTotp, signInWithLink } from "./auth-helpers";
import { makeOrg, vendorPage } from "./notice-helpers";
import { saveScreenshotsAtBothWidths, watchConsole } from "./support";
import { axeViolations } from "./accessibility-pages";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { urlFor } from "../scripts/lib/postgres";

// A maintainer address of this spec's own in the server's FOREWARN_ADMIN_EMAILS (playwright.config.ts).
const MAINTAINER = "pages@project.example";
const GAVE_UP_MAINTAINER = "gaveup@project.example";
const ORG = "Pages Org Quokka";
const MEMBER = "quinn@pages-quokka.example";
const TITLE = "Path traversal in the archive extractor";
const QUESTION = "Does the 4.1 branch need the patch too?";

const shots = saveScreenshotsAtBothWidths;

test("the home and the notice page lead to what needs attention; the menu works at both widths", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const console = watchConsole(page);
  page.on("dialog", (dialog) => void dialog.accept());
  await signInWithLink(page, MAINTAINER);
  await enrolTotp(page);
  await makeOrg(page, ORG, MEMBER);
  const quinn = await vendorPage(browser, MEMBER);

  // A notice disclosed in 30 hours, to this organisation only.
  await page.goto("/maintainer/notices/new");
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Summary (optional)").fill("A crafted entry name writes outside the target directory.");
  // A time typed first and its zone picked second is that time in that zone, however many zones are passed on the
  // way (a keyboard walks the list one zone at a time); a stored time shown in another zone stays the same moment.
  const when = page.getByLabel("Date and time in the chosen zone");
  const zone = page.getByLabel("Time zone");
  const stored = page.getByText(/^= \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  await when.fill("2031-07-01T15:00");
  await expect(stored).toContainText("= 2031-07-01 15:00 UTC");
  await zone.selectOption("Africa/Abidjan");
  await zone.selectOption("Europe/Berlin");
  await expect(stored).toContainText("= 2031-07-01 13:00 UTC (Europe/Berlin is UTC+02:00 then)");
  await expect(stored).toContainText("2031-07-01 15:00 is now read as Europe/Berlin time.");
  await expect(when).toHaveValue("2031-07-01T15:00");
  await zone.selectOption("UTC");
  await when.fill(new Date(Date.now() + 30 * 3_600_000).toISOString().slice(0, 16));
  await page.getByLabel("Selected organisations").check();
  await page.getByRole("checkbox", { name: new RegExp(ORG) }).check();
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  const noticeUrl = page.url();
  const reference = (await page.locator("header .font-mono").first().textContent())!.trim();
  // The stored time, looked at in another zone on the edit page: the same moment.
  await page.goto(`${noticeUrl}/edit`);
  const storedLocal = await when.inputValue();
  await zone.selectOption("Asia/Tokyo");
  await expect(stored).toContainText("The same moment, shown in Asia/Tokyo time.");
  await expect(stored).toContainText(`= ${storedLocal.replace("T", " ")} UTC`);
  await expect(when).not.toHaveValue(storedLocal);
  await page.goto(noticeUrl);

  // A draft: sending is what waits, and there is nothing to track yet.
  const sections = page.getByRole("navigation", { name: "Sections of this notice" });
  await expect(page.getByText("Needs attention first: not sent yet")).toBeVisible();
  await expect(sections.getByRole("link")).toHaveText(["The notice", /Audience and sending/, "Disclosure and files", "History", "Danger zone"]);
  await page.getByRole("button", { name: "Send notice" }).click();
  await expect(page.getByText("Sent to 1 organisation.")).toBeVisible({ timeout: 30_000 });

  // The vendor asks a question and does not acknowledge.
  await quinn.goto(noticeUrl.replace("/maintainer/", "/vendor/"));
  await quinn.getByRole("button", { name: "I accept these terms" }).click();
  await quinn.getByLabel("Your message").fill(QUESTION);
  await quinn.getByRole("button", { name: "Send message" }).click();
  await expect(quinn.getByText(QUESTION)).toBeVisible({ timeout: 30_000 });

  // The home: the question and the silent organisation, each linking to where to act.
  await page.goto("/maintainer");
  const questions = page.getByRole("list", { name: "Unanswered vendor questions" });
  await expect(questions.getByRole("link", { name: `${ORG} on ${reference}` })).toBeVisible();
  const silent = page.getByRole("list", { name: "Silent organisations close to disclosure" }).getByRole("listitem").filter({ hasText: reference });
  await expect(silent).toContainText(ORG);
  await expect(silent.getByRole("link")).toHaveAttribute("href", new RegExp(`/tracking\\?status=not-acknowledged$`));
  await page.getByRole("list", { name: "Needs attention, by kind" }).getByRole("link", { name: /Unanswered vendor questions/ }).click();
  await expect(page).toHaveURL(/#questions$/);
  await shots(page, "maintainer-home");

  // The notice page: the unanswered question first; sections reached by keyboard; the danger zone last.
  await page.goto(noticeUrl);
  await expect(page.getByText("Needs attention first: 1 question awaiting your answer")).toBeVisible();
  await expect(sections.getByRole("link")).toHaveText(["The notice", "Audience and sending", /Tracking/, /Threads/, "Disclosure and files", "History", "Danger zone"]);
  await expect(page.locator("main section[id]").evaluateAll((nodes) => nodes.map((n) => n.id))).resolves.toEqual(["notice", "audience", "tracking", "threads", "disclosure", "history", "danger"]);
  await sections.getByRole("link", { name: /^Threads/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#threads$/);
  await expect(page.getByRole("heading", { level: 2, name: "Threads" })).toBeInViewport();
  const thread = page.getByRole("list", { name: "Threads, unanswered first" }).getByRole("listitem").filter({ hasText: ORG });
  await expect(thread).toContainText("awaiting your answer");
  // Every irreversible action is in the danger zone, and only there.
  const danger = page.getByRole("region", { name: "Danger zone" });
  await expect(danger.getByRole("form")).toHaveCount(2);
  await expect(danger.getByRole("form", { name: "End embargo now" })).toBeVisible();
  await expect(danger.getByRole("form", { name: "Withdraw notice" })).toBeVisible();
  await expect(page.getByRole("form", { name: /End embargo now|Withdraw/ })).toHaveCount(2);
  await shots(page, "notice-page");

  // Answered from the thread: the home no longer lists it.
  await thread.getByRole("link", { name: ORG }).click();
  await page.getByLabel(`Answer ${ORG}`).fill("Yes: the backport is attached to the next revision.");
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByText("Message sent. The organisation is told by email.")).toBeVisible({ timeout: 30_000 });
  await page.goto("/maintainer");
  await expect(page.getByRole("link", { name: `${ORG} on ${reference}` })).toHaveCount(0);

  // The menu: one row at 1280 px, every link visible.
  const main = page.getByRole("navigation", { name: "Main" });
  const links = main.getByRole("link");
  await expect(links).toHaveText(["Overview", "Notices", "Reports", "Directory", "Maintainers", "Audit log", "Trace a leak", "Deliveries", "Jobs", "Mailbox", "Settings", "Account"]);
  const tops = await links.evaluateAll((nodes) => nodes.map((n) => Math.round(n.getBoundingClientRect().top)));
  expect(new Set(tops).size, `link tops ${tops.join(",")}`).toBe(1);
  await expect(main.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");

  // On a phone: a "Menu" button, opened from the keyboard, the same links, closed again after going somewhere.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(main.getByRole("link")).toHaveCount(0);
  const menu = main.getByText("Menu", { exact: true });
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(main.getByRole("link")).toHaveCount(12);
  await main.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await expect(main.getByRole("link")).toHaveCount(0);
  await page.setViewportSize({ width: 1280, height: 900 });

  // The audit log: objects by name, ids on hover; the wide table scrolls in a box the keyboard reaches.
  const events = page.getByRole("region", { name: "Audit events" });
  await expect(events).toHaveAttribute("tabindex", "0");
  const sent = page.getByRole("row").filter({ hasText: "notice.sent" }).filter({ hasText: reference }).first();
  await expect(sent.getByRole("link", { name: reference })).toBeVisible();
  await expect(sent.getByText(TITLE)).toBeVisible();
  await expect(sent.locator(`[title="id ${noticeUrl.split("/").at(-1)}"]`)).toHaveCount(1);
  const posted = page.getByRole("row").filter({ hasText: "notice.message-posted" }).filter({ hasText: MEMBER }).first();
  await expect(posted).toContainText(`organisation: ${ORG}`);
  console.assertClean();
});

// @postgresql: a job that gave up is written into pg-boss's table from outside (the embedded database is locked by the
// server). Failed for good, so no worker takes it.
test("background work that gave up is on the overview, with its last error, leading to the job @postgresql", async ({ page }) => {
  test.setTimeout(180_000);
  const console = watchConsole(page);
  await signInWithLink(page, GAVE_UP_MAINTAINER);
  await enrolTotp(page);
  const error = `e2e ${randomUUID()}: the chunk could not be composed`;
  const jobId = await insertFailedJob("notice.send-chunk", { sendId: randomUUID(), index: 3 }, error);

  await page.goto("/maintainer");
  const gaveUp = page.getByRole("list", { name: "Background work that gave up" }).getByRole("listitem").filter({ hasText: error });
  await expect(gaveUp).toContainText("Queue the emails of a sent notice (a chunk of organisations)");
  await expect(page.getByRole("list", { name: "Needs attention, by kind" }).getByRole("link", { name: /Background work that gave up/ })).toBeVisible();
  expect(await axeViolations(page, "overview with work that gave up")).toEqual([]);
  await shots(page, "overview-gave-up");
  await gaveUp.getByRole("link").click();
  await expect(page).toHaveURL(/\/maintainer\/jobs\?queue=notice\.send-chunk&state=failed$/);
  await expect(page.getByRole("table", { name: "Recent jobs" }).getByRole("row").filter({ hasText: jobId })).toContainText(error);
  console.assertClean();
});

async function insertFailedJob(queue: string, data: object, message: string): Promise<string> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("insertFailedJob needs the PostgreSQL run (DATABASE_URL).");
  const client = new pg.Client({ connectionString: urlFor(new URL(url).pathname.slice(1)) });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO pgboss.job (name, data, state, retry_limit, retry_count, started_on, completed_on, output)
       VALUES ($1, $2, 'failed', 50, 50, now(), now(), $3) RETURNING id::text AS id`,
      [queue, JSON.stringify(data), JSON.stringify({ message })],
    );
    return rows[0]!.id;
  } finally {
    await client.end();
  }
}
