// "Trace a leak" end to end (issue 14 part 2): two organisations get an embargoed notice with a patch; a member of org A
// downloads their copy; a maintainer uploads that file on the trace page and is told it was org A's, that member's
// download, with the download's time and address; a text without a mark is answered "no known mark". The page passes
// axe and fits a phone; a vendor member gets 404 and an anonymous visitor the sign-in page.
import { expect, test } from "@playwright/test";
import { enrolTotp, signInWithLink } from "./auth-helpers";
import { axeViolations } from "./accessibility-pages";
import { makeOrg, vendorPage } from "./notice-helpers";
import { saveScreenshotsAtBothWidths, watchConsole } from "./support";

const MAINTAINER = "trace@project.example";
const ORGS = [
  { name: "Trace Org A", member: "ada@trace-a.example" },
  { name: "Trace Org B", member: "bob@trace-b.example" },
] as const;
const PATCH = "diff --git a/src/read.c b/src/read.c\n--- a/src/read.c\n+++ b/src/read.c\n@@ -10,3 +10,4 @@\n int n = 0;\n+  if (len > max) return -1;\n   return n;\n";

test("a maintainer traces a downloaded patch to the organisation and member it was served to", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const console = watchConsole(page);
  await signInWithLink(page, MAINTAINER);
  await enrolTotp(page);
  for (const org of ORGS) await makeOrg(page, org.name, org.member);
  const [ada, bob] = [await vendorPage(browser, ORGS[0].member), await vendorPage(browser, ORGS[1].member)];
  await bob.close();

  await page.goto("/maintainer/notices/new");
  await page.getByLabel("Title").fill("Out-of-bounds read in the trace fixture");
  await page.getByRole("textbox", { name: "Description (optional)" }).fill("A crafted length field makes the reader copy past the end of its buffer, and the copy goes back to the caller.");
  await page.getByLabel("Selected organisations").check();
  for (const org of ORGS) await page.getByRole("checkbox", { name: new RegExp(org.name) }).check();
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Out-of-bounds read in the trace fixture" })).toBeVisible();
  const noticeId = page.url().split("/").at(-1)!;
  const reference = (await page.locator("header .font-mono").first().textContent())!.trim();
  await page.getByLabel("Attach a file").setInputFiles({ name: "fix-read.patch", mimeType: "text/x-diff", buffer: Buffer.from(PATCH) });
  await page.getByRole("button", { name: "Attach", exact: true }).click();
  await expect(page.getByText("File attached.")).toBeVisible({ timeout: 60_000 });
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Send notice" }).click();
  await expect(page.getByText("Sent to 2 organisations.")).toBeVisible({ timeout: 60_000 });

  // Ada accepts the terms and downloads her copy of the patch.
  await ada.goto(`/vendor/notices/${noticeId}`);
  await ada.getByRole("button", { name: "I accept these terms" }).click();
  const href = await ada.getByRole("link", { name: /fix-read\.patch/ }).getAttribute("href");
  const download = await ada.request.get(href!);
  expect(download.status()).toBe(200);
  const leaked = await download.body();

  // The maintainer uploads the leaked file.
  await page.getByRole("link", { name: "Trace a leak" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Trace a leak" })).toBeVisible();
  await page.getByLabel("Or a file found in public").setInputFiles({ name: "found-on-a-paste-site.patch", mimeType: "text/x-diff", buffer: leaked });
  await page.getByRole("button", { name: "Trace", exact: true }).click();
  const answer = page.getByRole("status").filter({ hasText: "This copy was served to Trace Org A." });
  await expect(answer).toBeVisible({ timeout: 60_000 });
  await expect(answer).toBeFocused();
  const card = answer.getByRole("article");
  await expect(card).toHaveCount(1);
  await expect(card.getByRole("heading", { name: "Trace Org A" })).toBeVisible();
  await expect(card).toContainText(reference);
  await expect(card).toContainText("a downloaded file — fix-read.patch");
  await expect(card).toContainText(ORGS[0].member);
  await expect(card).toContainText("The file is this copy byte for byte.");
  await expect(card.getByRole("listitem").filter({ hasText: "notice.attachment-downloaded" })).toContainText(ORGS[0].member);
  await expect(answer).not.toContainText("Trace Org B");
  expect(await axeViolations(page, "/maintainer/trace (answer)")).toEqual([]);
  await saveScreenshotsAtBothWidths(page, "trace-found");

  // A text without any mark: said plainly, no organisation named.
  await page.goto("/maintainer/trace");
  await page.getByLabel("Text found in public").fill("A crafted length field makes the reader copy past the end of its buffer.");
  await page.getByRole("button", { name: "Trace", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "No known mark in this copy." })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("Trace Org")).toHaveCount(0);
  expect(await axeViolations(page, "/maintainer/trace (no mark)")).toEqual([]);
  await saveScreenshotsAtBothWidths(page, "trace-none");

  // Nobody else reaches the page.
  expect((await ada.goto("/maintainer/trace"))!.status()).toBe(404);
  const anonymous = await (await browser.newContext()).newPage();
  await anonymous.goto("/maintainer/trace");
  await expect(anonymous).toHaveURL(/\/sign-in/);
  console.assertClean();
});
