// The two-person rule (issue 14): maintainer A switches it on for sending and ending an embargo, asks to send a
// notice; maintainer B (second factor done) sees the request on the Overview and by email, reads the same preview and
// approves: exactly one set of notice emails goes out. Then A ends the embargo through break-glass: at once, with a
// written reason, marked on the notice and emailed to every maintainer. Finally the rule is switched off again —
// itself a request B approves — so the specs after this one run without it (the e2e instance's default is off:
// FOREWARN_TWO_PERSON_DEFAULT=off in playwright.config.ts).
import { expect, test, type Page } from "@playwright/test";
import { emailsTo, enrolTotp, signInWithLink } from "./auth-helpers";
import { axeViolations } from "./accessibility-pages";
import { makeOrg, waitForMail } from "./notice-helpers";
import { saveScreenshot, watchConsole } from "./support";

// Two maintainer addresses of this spec's own in the server's FOREWARN_ADMIN_EMAILS (playwright.config.ts).
const A = "approvals-a@project.example";
const B = "approvals-b@project.example";
const ORG = { name: "Approvals Org", member: "ann@approvals-org.example" };
const TITLE = "Integer overflow in the approval counter";

async function maintainerPage(page: Page, email: string): Promise<void> {
  page.on("dialog", (dialog) => void dialog.accept());
  await signInWithLink(page, email);
  await enrolTotp(page);
}

async function setRule(page: Page, kinds: string[], why?: string): Promise<void> {
  await page.goto("/maintainer/settings#two-person");
  const rule = page.getByRole("form", { name: "Two-person rule" });
  for (const box of await rule.getByRole("checkbox").all()) await box.setChecked(false);
  for (const kind of kinds) await rule.getByRole("checkbox", { name: kind }).check();
  if (why) await rule.getByLabel("Why (for the maintainer who approves)").fill(why);
  await rule.getByRole("button", { name: why ? "Ask for approval to change the rule" : "Save the two-person rule" }).click();
  await expect(rule.getByText(why ? /second maintainer's approval: your request was filed/ : "Two-person rule saved.")).toBeVisible({ timeout: 30_000 });
}

async function approveNewest(page: Page, label: string): Promise<void> {
  await page.goto("/maintainer");
  const list = page.getByRole("list", { name: "Requests awaiting your approval" });
  await list.getByRole("link", { name: new RegExp(`^${label}`) }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: /Approval request APR-/ })).toBeVisible();
  await page.getByRole("button", { name: "Approve and do it" }).click();
  // The page shows the request decided (the forms are gone): its status and what was done.
  await expect(page.getByText("approved and done")).toBeVisible({ timeout: 60_000 });
}

test("a send waits for a second maintainer and goes out once; break-glass ends an embargo at once, loudly", async ({ browser }) => {
  test.setTimeout(420_000);
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  const consoleA = watchConsole(a);
  await maintainerPage(a, A);
  await maintainerPage(b, B);
  await makeOrg(a, ORG.name, ORG.member);

  // A covers sending and ending early (nothing was covered, so this needs nobody).
  await setRule(a, ["Send a notice", "End an embargo early"]);
  try {
    // A draft to this spec's organisation only.
    await a.goto("/maintainer/notices");
    await a.getByRole("link", { name: "New notice" }).click();
    await a.getByLabel("Title").fill(TITLE);
    await a.getByLabel("Selected organisations").check();
    await a.getByRole("checkbox", { name: new RegExp(ORG.name) }).check();
    await a.getByRole("button", { name: "Create draft" }).click();
    await expect(a.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
    const noticeId = a.url().split("/").at(-1)!;
    const reference = (await a.locator("header .font-mono").first().textContent())!.trim();

    // Sending asks why and files a request instead.
    await expect(a.getByText("This needs a second maintainer's approval.")).toBeVisible();
    await a.getByLabel("Why (for the maintainer who approves)").fill("The fix is merged; vendors need the week.");
    await a.getByRole("button", { name: "Ask for approval to send" }).click();
    await expect(a.getByText(/your request was filed/)).toBeVisible({ timeout: 30_000 });
    await a.reload();
    await expect(a.getByText("Waiting for a second maintainer")).toBeVisible();
    // The requester cannot approve their own.
    await a.getByRole("link", { name: "Send a notice" }).click();
    await expect(a.getByText("You asked for this: another maintainer has to approve it.")).toBeVisible();
    await expect(a.getByRole("button", { name: "Approve and do it" })).toHaveCount(0);

    // B is emailed a link, never the details; A is not emailed.
    const [ask] = await waitForMail(b, B, /Approval needed: Send a notice/);
    expect(ask!.text).toContain("/maintainer/approvals/");
    expect(ask!.text).not.toContain(TITLE);
    expect(ask!.text).not.toContain(ORG.name);
    expect((await emailsTo(a.request, A)).filter((m) => /Approval needed/.test(m.subject))).toHaveLength(0);
    // Nothing was sent yet.
    expect((await emailsTo(b.request, ORG.member)).filter((m) => m.subject.includes(reference))).toHaveLength(0);

    // B reads the same preview (who would receive what) and approves.
    await b.goto("/maintainer");
    await b.getByRole("list", { name: "Requests awaiting your approval" }).getByRole("link", { name: /^Send a notice/ }).click();
    await expect(b.getByText(`${ORG.name}: 1 email, link only`)).toBeVisible();
    await expect(b.getByText("The fix is merged; vendors need the week.")).toBeVisible();
    expect(await axeViolations(b, "/maintainer/approvals/{request}")).toEqual([]);
    await saveScreenshot(b, "approval-request");
    await b.getByRole("button", { name: "Approve and do it" }).click();
    // The page shows the request decided (the forms are gone), with what was done.
    await expect(b.getByText("approved and done")).toBeVisible({ timeout: 60_000 });
    await expect(b.getByText("Sent to 1 organisation: 1 email queued.")).toBeVisible();
    await expect(b.getByRole("button", { name: "Approve and do it" })).toHaveCount(0);

    // Exactly one send was queued (Deliveries lists every send), and its one email reached the member.
    await b.goto("/maintainer/deliveries");
    await expect(b.getByRole("link", { name: `${reference} sent to 1 organisation(s)` })).toHaveCount(1);
    await waitForMail(b, ORG.member, new RegExp(`${reference}: advance security notice$`));
    expect((await emailsTo(b.request, ORG.member)).filter((m) => m.subject.includes(reference))).toHaveLength(1);

    // Break-glass: A ends the embargo at once, with a written reason.
    await a.goto(`/maintainer/notices/${noticeId}`);
    await a.getByText("Cannot wait? Break glass").click();
    const glass = a.getByRole("form", { name: "End embargo now without approval (break-glass)" });
    await glass.getByLabel("Reason (recipients read it)").fill("Exploited in the wild; the fix is public.");
    await glass.getByLabel("Why this cannot wait for a second maintainer").fill("CERT reports active exploitation.");
    await glass.getByRole("button", { name: "End embargo now without approval" }).click();
    // The page turns into the disclosed notice, marked loudly.
    await expect(a.getByText("End an embargo early: done without a second maintainer (break-glass)")).toBeVisible({ timeout: 60_000 });
    await expect(a.getByText("Disclosed", { exact: true }).first()).toBeVisible();
    await expect(a.getByText("CERT reports active exploitation.")).toBeVisible();
    const [told] = await waitForMail(b, B, /Done without approval: End an embargo early/);
    expect(told!.text).toContain("CERT reports active exploitation.");
    await waitForMail(a, A, /Done without approval: End an embargo early/);
    consoleA.assertClean();
  } finally {
    // Switching the rule off is itself covered: A asks, B approves.
    await setRule(a, [], "The spec is done.");
    await approveNewest(b, "Change which actions need a second maintainer");
    await a.goto("/maintainer/settings#two-person");
    for (const box of await a.getByRole("form", { name: "Two-person rule" }).getByRole("checkbox").all()) await expect(box).not.toBeChecked();
  }
});
