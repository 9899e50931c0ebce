// The audience under embargo (issue 12): a maintainer sends a notice to org A, revises it, adds org B late with a
// reason (B's member is emailed, accepts the terms and reads the current revision), then removes org A (A's member
// gets 404 at once and an email that says only that its access ended); tracking and the history show both.
import { expect, test } from "@playwright/test";
import { emailsTo, enrolTotp, signInWithLink } from "./auth-helpers";
import { makeOrg, markedText, vendorPage, waitForMail } from "./notice-helpers";
import { fitsPhone, saveScreenshot, watchConsole } from "./support";

// A maintainer address of this spec's own in the server's FOREWARN_ADMIN_EMAILS (playwright.config.ts).
const MAINTAINER = "recipients@project.example";
const ORG_A = { name: "Recip Org A", member: "ann@recip-a.example" };
const ORG_B = { name: "Recip Org B", member: "bob@recip-b.example" };
const TITLE = "Use after free in the recipient resolver";

test("organisations added late read the notice as it stands; a removed one loses it at once and is told only that", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const console = watchConsole(page);
  page.on("dialog", (dialog) => void dialog.accept());
  await signInWithLink(page, MAINTAINER);
  await enrolTotp(page);
  await makeOrg(page, ORG_A.name, ORG_A.member);
  await makeOrg(page, ORG_B.name, ORG_B.member);
  const ann = await vendorPage(browser, ORG_A.member);

  // A notice to org A only.
  await page.goto("/maintainer/notices");
  await page.getByRole("link", { name: "New notice" }).click();
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Summary (optional)").fill("First summary.");
  await page.getByLabel("Selected organisations").check();
  await page.getByRole("checkbox", { name: new RegExp(ORG_A.name) }).check();
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  const noticeId = page.url().split("/").at(-1)!;
  const reference = (await page.locator("header .font-mono").first().textContent())!.trim();
  await page.getByRole("button", { name: "Send notice" }).click();
  await expect(page.getByText("Sent to 1 organisation")).toBeVisible();
  await waitForMail(page, ORG_A.member, new RegExp(`${reference}: advance security notice$`));

  // Revision 1: what a late addition must read.
  await page.getByRole("link", { name: "Revise" }).click();
  await page.getByLabel("What changed (sent to every recipient)").fill("The summary is more precise.");
  await page.getByLabel("Summary (optional)").fill("Revised summary: the resolver frees twice.");
  await page.getByRole("button", { name: "Save revision" }).click();
  await expect(page.getByText("revision 1")).toBeVisible();

  // Add org B late, with a reason.
  const add = page.getByRole("form", { name: "Add organisations" });
  await expect(add.getByRole("checkbox", { name: new RegExp(ORG_A.name) })).toHaveCount(0);
  await add.getByRole("checkbox", { name: new RegExp(ORG_B.name) }).check();
  await add.getByLabel("Reason").fill("Ships the resolver in its distribution");
  await saveScreenshot(page, "recipient-changes");
  await fitsPhone(page);
  await add.getByRole("button", { name: "Add and send the notice" }).click();
  await expect(add.getByText(/Added 1 organisation: 1 email queued/)).toBeVisible();

  // B's member (never signed in) is emailed the notice, told how to get in; A hears nothing of it.
  const [toB] = await waitForMail(page, ORG_B.member, new RegExp(`^\\[EMBARGOED\\] \\S.* ${reference}: advance security notice$`));
  expect(toB!.text).toContain(`/vendor/notices/${noticeId}`);
  expect(toB!.text).not.toMatch(/Recip Org|Ships the resolver/);
  const bob = await vendorPage(browser, ORG_B.member);
  await bob.goto(`/vendor/notices/${noticeId}`);
  await expect(bob.getByText(TITLE)).toHaveCount(0);
  await bob.getByRole("button", { name: "I accept these terms" }).click();
  await expect(bob.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(bob.getByText(markedText("Revised summary: the resolver frees twice.")).first()).toBeVisible();
  await expect(bob.locator("main")).not.toContainText(ORG_A.name);
  await expect(bob.locator("main")).not.toContainText("Ships the resolver");
  const annMails = (await emailsTo(page.request, ORG_A.member)).filter((m) => m.subject.includes(reference));
  expect(annMails.map((m) => m.subject).some((s) => /added|Recip Org B/.test(s))).toBe(false);

  // A reads it now; removed, it is gone at the next request, and A is told only that its access ended.
  await ann.goto(`/vendor/notices/${noticeId}`);
  await ann.getByRole("button", { name: "I accept these terms" }).click();
  await expect(ann.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  const remove = page.getByRole("form", { name: "Remove an organisation" });
  await remove.getByLabel("Organisation to remove").selectOption({ label: ORG_A.name });
  await remove.getByLabel("Reason").fill("Broke the embargo on a public mailing list");
  await remove.getByRole("button", { name: "Remove organisation" }).click();
  await expect(remove.getByText(/Removed: its access ended/)).toBeVisible();
  const gone = await ann.goto(`/vendor/notices/${noticeId}`);
  expect(gone!.status()).toBe(404);
  await expect(ann.getByText(TITLE)).toHaveCount(0);
  await expect(ann.getByText(reference)).toHaveCount(0);
  await ann.goto("/vendor");
  await expect(ann.getByText(reference)).toHaveCount(0);
  const [ended] = await waitForMail(page, ORG_A.member, new RegExp(`^\\[EMBARGOED\\] \\S.* ${reference}: your access ended$`));
  expect(ended!.text).not.toMatch(/Recip Org|mailing list|Broke|https?:/);
  // B reads on.
  await bob.reload();
  await expect(bob.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();

  // Tracking: B added (when, by whom, why), A removed (when, by whom, why) and counted nowhere else.
  await page.goto(`/maintainer/notices/${noticeId}/tracking`);
  const rowA = page.getByRole("row").filter({ hasText: ORG_A.name });
  const rowB = page.getByRole("row").filter({ hasText: ORG_B.name });
  await expect(rowA).toContainText(`Removed`);
  await expect(rowA).toContainText(`by ${MAINTAINER} — Broke the embargo on a public mailing list`);
  await expect(rowB).toContainText(`by ${MAINTAINER} — Ships the resolver in its distribution`);
  await expect(page.getByRole("link", { name: /^Not acknowledged/ })).toContainText("(1)");
  await saveScreenshot(page, "tracking-audience-changes");
  await fitsPhone(page);

  // The history, on the maintainer's page only.
  await page.goto(`/maintainer/notices/${noticeId}`);
  const history = page.getByRole("list", { name: "Audience changes, newest first" });
  await expect(history.getByRole("listitem").nth(0)).toContainText(`Removed ${ORG_A.name}`);
  await expect(history.getByRole("listitem").nth(1)).toContainText(`Added ${ORG_B.name}`);
  await expect(bob.locator("body")).not.toContainText("Audience changes");
  console.assertClean();
});
