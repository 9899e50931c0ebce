// Issue 16, item 3: axe (WCAG 2.0–2.2 A and AA) on every page of the app, as each role that can see it, at 1280 px and
// at 390 px (a phone: touch, mobile viewport), on realistic data made once: notices in three states (a draft; one
// under embargo with terms accepted, an acknowledgement, feedback, a thread and a revision; one disclosed), two
// organisations, an organisation admin and a colleague awaiting approval, deliveries, jobs, API tokens, audit entries.
// Then the states a page shows after an action (a field error, a sent message, a wrong code) and where focus goes, and
// the skip link. A page added under app/ without a visit in e2e/accessibility-pages.ts fails the coverage test.
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { enrolTotp, signInWithLink } from "./auth-helpers";
import { makeOrg } from "./notice-helpers";
import { enterReportByHand } from "./helpers/reports-queue";
import { createToken, makeCalendarAddress } from "./token-helpers";
import { axeViolations, CHECKED_ELSEWHERE, pageFiles, VISITS, type Role } from "./accessibility-pages";
import { REPORTERS } from "./fixtures/reports-portal-data";
import { openOwnReport, signInAsReporter } from "./helpers/reports-portal";

const MAINTAINER = "a11y@project.example";
// Unique per run: the suite shares one database, and names of organisations are unique.
const RUN = Date.now().toString(36);
const ORG_A = `Accessible Org A ${RUN}`;
const ORG_B = `Accessible Org B ${RUN}`;
const MEMBER_A = `ann-${RUN}@a11y-a.example`;
const ADMIN_A = `ada-${RUN}@a11y-a.example`;
const MEMBER_B = `ben-${RUN}@a11y-b.example`;
const PENDING = `pat-${RUN}@a11y-a.example`;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 800 } };
// Markdown as a maintainer writes it: emphasis, a list, and a code block wider than a phone.
const DESCRIPTION = [
  "Reading a header longer than **4096 bytes** overflows `buf`.",
  "- reachable from any archive\n- no authentication needed",
  "```c\nif (header_len > sizeof(buf)) { /* never checked before 4.2.7: the copy below overflows the stack */ }\nmemcpy(buf, header, header_len);\n```",
].join("\n\n");

/** One signed-in browser context per role and width, sharing the role's session. */
const contexts: Partial<Record<Role, { desktop: BrowserContext; phone: BrowserContext }>> = {};
const ids: Record<string, string> = {};

async function widths(browser: Browser, role: Role, from?: BrowserContext): Promise<{ desktop: BrowserContext; phone: BrowserContext }> {
  const storageState = from ? await from.storageState() : undefined;
  const pair = { desktop: await browser.newContext({ ...DESKTOP, storageState }), phone: await browser.newContext({ ...PHONE, storageState }) };
  contexts[role] = pair;
  return pair;
}

/** Loads `url` in both widths of a role (at once) and returns axe's findings, each naming the page, role and width. */
async function check(role: Role, url: string, status?: number): Promise<string[]> {
  const runs = Object.entries(contexts[role]!).map(async ([width, context]) => {
    const page = await context.newPage();
    const response = await page.goto(url);
    expect(response?.status(), `${role} ${url}`).toBe(status ?? 200);
    await expect(page.locator("main")).toBeVisible();
    const where = `${url} as ${role} at ${width === "desktop" ? 1280 : 390} px`;
    // Not an axe rule at these levels, but where a screen reader starts reading: every page names itself in an <h1>.
    const found = (await page.locator("h1").count()) === 1 ? [] : [`${where}: not exactly one <h1>`];
    found.push(...(await axeViolations(page, where)));
    await page.close();
    return found;
  });
  return (await Promise.all(runs)).flat();
}

/** The element that has focus, described: its role, its accessible text and whether it is marked invalid. */
async function focused(page: Page): Promise<{ tag: string; role: string | null; text: string; invalid: string | null; label: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const label = el.id ? (document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent ?? "") : "";
    return { tag: el.tagName.toLowerCase(), role: el.getAttribute("role"), text: (el.textContent ?? "").trim(), invalid: el.getAttribute("aria-invalid"), label: label.trim() };
  });
}

test.describe.serial("accessibility", () => {
  test("set-up (and the second factor's set-up page, which only a new account sees)", async ({ browser }) => {
    test.setTimeout(300_000);
    const m = await widths(browser, "maintainer");
    const page = await m.desktop.newPage();
    page.on("dialog", (d) => void d.accept());
    await signInWithLink(page, MAINTAINER);
    await expect(page.getByRole("heading", { name: "Set up your second factor" })).toBeVisible();
    // The set-up page at both widths, before the code is confirmed (the phone shares the session).
    const phoneSetUp = await (await browser.newContext({ ...PHONE, storageState: await m.desktop.storageState() })).newPage();
    await phoneSetUp.goto("/sign-in/second-factor");
    const setUpFindings = await axeViolations(phoneSetUp, "/sign-in/second-factor (set up) at 390 px");
    await phoneSetUp.context().close();
    await page.reload();
    setUpFindings.push(...(await axeViolations(page, "/sign-in/second-factor (set up) at 1280 px")));
    expect(setUpFindings, setUpFindings.join("\n")).toEqual([]);
    ids.totp = (await enrolTotp(page)).secret;
    await m.phone.close();
    contexts.maintainer = { desktop: m.desktop, phone: await browser.newContext({ ...PHONE, storageState: await m.desktop.storageState() }) };

    // Two organisations; org A has a member, an organisation admin and (invited by the admin) a colleague awaiting approval.
    await makeOrg(page, ORG_B, MEMBER_B);
    await makeOrg(page, ORG_A, MEMBER_A);
    ids.orgA = page.url().split("/").at(-1)!;
    const invite = page.getByRole("form", { name: "Invite a member" });
    await invite.getByLabel("Email").fill(ADMIN_A);
    await invite.getByRole("button", { name: "Invite member" }).click();
    await page.getByRole("listitem").filter({ hasText: ADMIN_A }).getByRole("button", { name: "Make admin" }).click();
    await expect(page.getByRole("listitem").filter({ hasText: ADMIN_A }).getByText("organisation admin")).toBeVisible();
    for (const [role, email] of [["vendor", MEMBER_A], ["vendorB", MEMBER_B], ["orgAdmin", ADMIN_A]] as const) {
      const context = await browser.newContext(DESKTOP);
      const vendor = await context.newPage();
      await signInWithLink(vendor, email);
      await vendor.waitForURL(/\/vendor/);
      await widths(browser, role, context);
      await context.close();
    }
    // The reporter (their reports were seeded before the server started): signed in by the link alone.
    {
      const context = await browser.newContext(DESKTOP);
      const reporter = await context.newPage();
      await signInAsReporter(reporter, REPORTERS.a11y.email);
      ids.reporterReport = await openOwnReport(reporter, REPORTERS.a11y.reports[0]);
      ids.reporterDisclosed = await openOwnReport(reporter, REPORTERS.a11y.reports[1]);
      await widths(browser, "reporter", context);
      await context.close();
    }
    const admin = await contexts.orgAdmin!.desktop.newPage();
    await admin.goto("/vendor/organisation");
    const colleague = admin.getByRole("form", { name: "Invite a colleague" });
    await colleague.getByLabel("Email").fill(PENDING);
    await colleague.getByRole("button", { name: "Invite colleague" }).click();
    await expect(admin.getByRole("listitem").filter({ hasText: PENDING }).getByText("awaiting approval")).toBeVisible();
    const ann = await contexts.vendor!.desktop.newPage();
    ann.on("dialog", (d) => void d.accept());
    await createToken(ann, "tracker sync");
    await makeCalendarAddress(ann);

    // Notices: one to disclose, one under embargo for both organisations, one draft.
    const draft = async (title: string, orgs: string[]) => {
      await page.goto("/maintainer/notices/new");
      await page.getByLabel("Title").fill(title);
      await page.getByLabel("Summary (optional)").fill("A crafted archive header overflows a stack buffer.");
      await page.getByRole("textbox", { name: "Description (optional)" }).fill(DESCRIPTION);
      await page.getByLabel("CVE ID", { exact: true }).fill(`CVE-2026-${String(Date.now()).slice(-5)}`);
      await page.getByLabel("Reporter credit (optional)").fill("Jane Doe (Example Labs)");
      await page.getByLabel("Selected organisations").check();
      for (const org of orgs) await page.getByRole("checkbox", { name: new RegExp(org) }).check();
      await page.getByRole("button", { name: "Create draft" }).click();
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      return page.url().split("/").at(-1)!;
    };
    const send = async (count: number) => {
      await page.getByRole("button", { name: "Send notice" }).click();
      await expect(page.getByText(new RegExp(`^Sent to ${count} organisations?[.:]`))).toBeVisible({ timeout: 30_000 });
    };
    ids.disclosed = await draft(`Disclosed overflow in the header parser ${RUN}`, [ORG_A]);
    await page.getByLabel("Attach a file").setInputFiles({ name: "fix.patch", mimeType: "text/x-diff", buffer: Buffer.from("diff --git a/x b/x\n") });
    await page.getByLabel("Publish with the advisory once disclosed").check();
    await page.getByRole("button", { name: "Attach", exact: true }).click();
    await expect(page.getByText(/File attached/)).toBeVisible({ timeout: 30_000 });
    await send(1);
    const end = page.getByRole("form", { name: "End embargo now" });
    await end.getByLabel("Reason").fill("The fix is public upstream.");
    await end.getByRole("button", { name: "End embargo now" }).click();
    await expect(page.getByText("disclosed").first()).toBeVisible({ timeout: 30_000 });

    ids.notice = await draft(`Embargoed overflow in the archive reader ${RUN}`, [ORG_A, ORG_B]);
    await page.getByLabel("Attach a file").setInputFiles({ name: "fix-parser.patch", mimeType: "text/x-diff", buffer: Buffer.from("diff --git a/y b/y\n") });
    await page.getByRole("button", { name: "Attach", exact: true }).click();
    await expect(page.getByText(/File attached/)).toBeVisible({ timeout: 30_000 });
    await send(2);
    const reference = (await page.locator("header .font-mono").first().textContent())!.trim();
    // Org A's member: terms, acknowledgement, feedback, a question in the thread.
    await ann.goto(`/vendor/notices/${ids.notice}`);
    await ann.getByRole("button", { name: "I accept these terms" }).click();
    await ann.getByRole("button", { name: `Acknowledge ${reference}` }).click();
    await expect(ann.getByText(/Acknowledged by/)).toBeVisible({ timeout: 30_000 });
    await ann.getByLabel("Feedback", { exact: true }).selectOption({ label: "Patch tested OK" });
    await ann.getByRole("button", { name: "Save feedback and statement" }).click();
    await expect(ann.getByText("Feedback: Patch tested OK")).toBeVisible({ timeout: 30_000 });
    await ann.getByLabel("Your message").fill("Does the 3.8 branch need the patch too?");
    await ann.getByRole("button", { name: "Send message" }).click();
    await expect(ann.getByText(/Message sent/)).toBeVisible({ timeout: 30_000 });
    // The maintainer answers, and moves the date (a revision).
    await page.goto(`/maintainer/notices/${ids.notice}/tracking`);
    const rowA = page.getByRole("row").filter({ hasText: ORG_A });
    ids.recipientA = (await rowA.getByRole("link", { name: /^Thread/ }).getAttribute("href"))!.split("/").at(-1)!;
    await page.goto(`/maintainer/notices/${ids.notice}/threads/${ids.recipientA}`);
    await page.getByLabel(`Answer ${ORG_A}`).fill("Yes: the backport is attached to the next revision.");
    await page.getByRole("button", { name: "Send message" }).click();
    await expect(page.getByText(/Message sent/)).toBeVisible({ timeout: 30_000 });
    await page.goto(`/maintainer/notices/${ids.notice}`);
    const dateForm = page.getByRole("form", { name: "Change the disclosure time" });
    const current = await dateForm.locator('input[type="datetime-local"]').inputValue();
    await dateForm.locator('input[type="datetime-local"]').fill(new Date(new Date(`${current}Z`).getTime() + 86_400_000).toISOString().slice(0, 16));
    await dateForm.getByLabel("Change note").fill("The fixed release needs one more day.");
    await dateForm.getByRole("button", { name: "Change disclosure time" }).click();
    await expect(page.getByText(/Revision 1/)).toBeVisible({ timeout: 30_000 });

    ids.draft = await draft(`Draft: path traversal in the extractor ${RUN}`, [ORG_B]);
    await page.goto("/maintainer/deliveries");
    ids.dispatch = (await page.locator('main a[href^="/maintainer/deliveries/"]').first().getAttribute("href"))!.split("/").at(-1)!;
    // A report in the intake queue, with a message in its thread.
    ids.report = (await enterReportByHand(page, { name: "Ada Reporter", email: `ada-${RUN}@reporter.example`, summary: `Integer overflow in the chunk reader ${RUN}`, details: "## Details\n\nA *crafted* chunk length wraps around.", versions: "< 2.0" })).id;
    await page.getByLabel("Message to the reporter", { exact: true }).fill("Could you share the sample file?");
    await page.getByRole("button", { name: "Send message" }).click();
    await expect(page.getByText("Message sent. The reporter is told by email.")).toBeVisible({ timeout: 30_000 });
    await page.close();
    await ann.close();
    await admin.close();
  });

  for (const role of ["public", "vendor", "vendorB", "orgAdmin", "maintainer", "reporter"] as const) {
    const visits = VISITS.filter((v) => v.role === role);
    test(`axe: ${visits.length} pages as ${role}, at 1280 and 390 px`, async ({ browser }) => {
      test.setTimeout(60_000 + visits.length * 30_000);
      if (role === "public") await widths(browser, "public");
      const found: string[] = [];
      for (const visit of visits) {
        const url = visit.url.replace(/\{(\w+)\}/g, (_, key: string) => ids[key] ?? `{${key}}`);
        found.push(...(await check(role, url, visit.status)));
      }
      expect(found, found.join("\n")).toEqual([]);
    });
  }

  test("the second factor's code page, a wrong code, and the recovery-code form", async ({ browser }) => {
    test.setTimeout(120_000);
    const found: string[] = [];
    for (const [width, options] of [["1280", DESKTOP], ["390", PHONE]] as const) {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      await signInWithLink(page, MAINTAINER);
      await expect(page.getByRole("heading", { name: "Enter your second factor" })).toBeVisible();
      found.push(...(await axeViolations(page, `/sign-in/second-factor (code) at ${width} px`)));
      const code = page.getByLabel("6-digit code from your authenticator app");
      await code.fill("000000");
      await page.getByRole("button", { name: "Verify" }).click();
      await expect(page.getByRole("alert").filter({ hasText: /did not match/ })).toBeVisible({ timeout: 30_000 });
      // The refused code: focus goes to the field to correct (or, without a field error, to the message).
      await expect.poll(async () => (await focused(page)).invalid === "true" || (await focused(page)).role === "alert").toBe(true);
      found.push(...(await axeViolations(page, `/sign-in/second-factor (wrong code) at ${width} px`)));
      await page.getByRole("button", { name: "Lost your phone? Use a recovery code" }).click();
      await expect(page.getByLabel("Recovery code")).toBeVisible();
      found.push(...(await axeViolations(page, `/sign-in/second-factor (recovery code) at ${width} px`)));
      await context.close();
    }
    expect(found, found.join("\n")).toEqual([]);
  });

  test("after an action: focus goes to what the answer changed (error summary, invalid field, confirmation); each state passes axe", async () => {
    test.setTimeout(150_000);
    const found: string[] = [];
    for (const [width, context] of Object.entries(contexts.maintainer!)) {
      const page = await context.newPage();
      const at = `at ${width === "desktop" ? 1280 : 390} px`;
      // A long form refused: its error summary (which lists the CVE id's error) takes the focus; the field is marked.
      await page.goto("/maintainer/notices/new");
      await page.getByLabel("Title").fill("A notice with a malformed CVE id");
      await page.getByLabel("CVE ID", { exact: true }).fill("CVE-26-1");
      // Submitted from the keyboard (Enter in a field), as the focus checks below are about keyboard users.
      await page.getByLabel("CVE ID", { exact: true }).press("Enter");
      await expect(page.getByLabel("CVE ID", { exact: true })).toHaveAttribute("aria-invalid", "true", { timeout: 30_000 });
      await expect(page.locator(":focus")).toContainText(/CVE/);
      found.push(...(await axeViolations(page, `/maintainer/notices/new (field error) ${at}`)));

      // A message that names another recipient: refused, its text kept, and the box to correct has the focus.
      await page.goto(`/maintainer/notices/${ids.notice}/threads/${ids.recipientA}`);
      const answer = page.getByLabel(`Answer ${ORG_A}`);
      await answer.fill(`${ORG_B} reported the same crash.`);
      await page.getByRole("button", { name: "Send message" }).click();
      await expect(answer).toHaveAttribute("aria-invalid", "true", { timeout: 30_000 });
      await expect(answer).toBeFocused();
      await expect(answer).toHaveValue(`${ORG_B} reported the same crash.`);
      found.push(...(await axeViolations(page, `/maintainer/notices/{notice}/threads/{recipient} (message refused) ${at}`)));
      // A proper one goes: the confirmation has the focus.
      await answer.fill(`A follow-up ${at}.`);
      await page.getByRole("button", { name: "Send message" }).click();
      const sent = page.getByRole("status").filter({ hasText: /Message sent/ });
      await expect(sent).toBeVisible({ timeout: 30_000 });
      await expect(sent).toBeFocused();
      found.push(...(await axeViolations(page, `/maintainer/notices/{notice}/threads/{recipient} (message sent) ${at}`)));
      await page.close();
    }
    expect(found, found.join("\n")).toEqual([]);
  });

  test("a skip link is the first stop on every layout, and it moves focus into the main content", async () => {
    for (const [role, url] of [["public", "/advisories"], ["public", "/sign-in/check-email"], ["vendor", "/vendor"], ["vendor", "/account"], ["maintainer", "/maintainer/notices"], ["reporter", "/reporter"]] as const) {
      const page = await contexts[role]!.desktop.newPage();
      await page.goto(url);
      await expect(page.locator("h1").first()).toBeVisible();
      await page.keyboard.press("Tab");
      const skip = page.getByRole("link", { name: "Skip to main content" });
      await expect(skip, url).toBeFocused();
      // Visible once focused (it is hidden until then).
      expect((await skip.boundingBox())?.width ?? 0, url).toBeGreaterThan(20);
      await page.keyboard.press("Enter");
      await expect(page.locator("main#main"), url).toBeFocused();
      await page.close();
    }
  });

  test("every page under app/ is checked: a new page needs a visit in e2e/accessibility-pages.ts", () => {
    const covered = new Set([...VISITS.map((v) => v.file), ...Object.keys(CHECKED_ELSEWHERE)]);
    const files = pageFiles();
    expect(files.filter((f) => !covered.has(f)), "pages nobody checks").toEqual([]);
    expect([...covered].filter((f) => !files.includes(f)), "visits of pages that no longer exist").toEqual([]);
  });

  test.afterAll(async () => {
    for (const pair of Object.values(contexts)) for (const context of Object.values(pair)) await context.close();
  });
});
