// One rendering of a notice and the real disclosure time (issue 12, parts 6–8), in the browser: every field a
// maintainer fills reaches the vendor's page and "Preview as vendor"; the vendor's feedback form shows what was saved;
// a revision of one field lists only that field; after "end embargo now" the maintainer's and the vendor's pages, the
// list and the terms a late member accepts say when it became public, with the planned time kept for the record.
import { expect, test } from "@playwright/test";
import { enrolTotp, signInWithLink } from "./auth-helpers";
import { makeOrg, markedText, vendorPage } from "./notice-helpers";
import { saveScreenshotsAtBothWidths, watchConsole } from "./support";

const MAINTAINER = "rendering@project.example";
const ORG = "Rendering Org";
const MEMBER = "rita@rendering.example";
const LATE = "leo@rendering.example";
const TITLE = "Integer overflow in the chunk decoder";
const FIELDS = {
  summary: "MK-SUMMARY a chunk length wraps around.",
  description: "MK-DESCRIPTION the decoder adds two lengths.",
  affected: "MK-AFFECTED 5.0 to 5.1.2",
  fixed: "MK-FIXED 5.1.3",
  remediation: "MK-REMEDIATION upgrade to 5.1.3.",
  detection: "MK-DETECTION run decoder --version.",
  mitigation: "MK-MITIGATION refuse chunked input.",
  workaround: "MK-WORKAROUND set max_chunk=65535.",
  conditions: "MK-CONDITIONS coordinate with upstream.",
  link: "https://example.org/decoder/commit/mk-link",
  rangePackage: "mk-decoder",
};

const shots = saveScreenshotsAtBothWidths;

test("every field on every page; saved feedback stays shown; one-field revisions; the real disclosure time", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const console = watchConsole(page);
  page.on("dialog", (dialog) => void dialog.accept());
  await signInWithLink(page, MAINTAINER);
  await enrolTotp(page);
  await makeOrg(page, ORG, MEMBER);
  const orgUrl = page.url();
  const rita = await vendorPage(browser, MEMBER);

  // A draft with every field, for this organisation only.
  await page.goto("/maintainer/notices/new");
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Summary (optional)").fill(FIELDS.summary);
  await page.getByRole("textbox", { name: "Description (optional)" }).fill(FIELDS.description);
  await page.getByLabel("Affected versions (optional)").fill(FIELDS.affected);
  await page.getByLabel("Fixed versions (optional)").fill(FIELDS.fixed);
  await page.getByRole("textbox", { name: /^Remediation and mitigation/ }).fill(FIELDS.remediation);
  await page.getByRole("textbox", { name: /^How to tell/ }).fill(FIELDS.detection);
  await page.getByRole("button", { name: "Add an affected range" }).click();
  const range = page.getByRole("group", { name: "Range 1" });
  await range.getByLabel("Ecosystem").fill("PyPI");
  await range.getByLabel("Package", { exact: true }).fill(FIELDS.rangePackage);
  await range.getByLabel("Introduced in version").fill("5.0.0");
  await range.getByLabel("Fixed in version").fill("5.1.3");
  await page.getByLabel("Links (optional)").fill(`fix ${FIELDS.link}`);
  await page.getByRole("textbox", { name: /^Mitigation/ }).fill(FIELDS.mitigation);
  await page.getByRole("textbox", { name: /^Workaround/ }).fill(FIELDS.workaround);
  await page.getByLabel("CVE ID", { exact: true }).fill("CVE-2026-47001");
  await page.getByLabel("Other embargo conditions (optional)").fill(FIELDS.conditions);
  await page.getByLabel("Reporter credit (optional)").fill("MK-CREDIT Jo Reporter");
  await page.getByLabel("Selected organisations").check();
  await page.getByRole("checkbox", { name: new RegExp(ORG) }).check();
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  const noticeId = page.url().split("/").at(-1)!;
  await page.getByRole("button", { name: "Send notice" }).click();
  await expect(page.getByText("Sent to 1 organisation.")).toBeVisible();

  // "Preview as vendor" shows every field, as the vendor's own page component.
  await page.getByText("Preview as vendor").click();
  const preview = page.getByRole("article", { name: /as a vendor sees it/ });
  for (const text of [...Object.values(FIELDS), "MK-CREDIT Jo Reporter", "CVE-2026-47001"]) await expect(preview.getByText(text, { exact: false }).first()).toBeVisible();
  for (const heading of ["Mitigation", "Workaround", "Affected ranges", "Links"]) await expect(preview.getByRole("heading", { name: heading, exact: true })).toBeVisible();
  await shots(page, "rendering-preview");

  // The vendor: terms, then every field.
  await rita.goto(`/vendor/notices/${noticeId}`);
  await rita.getByRole("button", { name: "I accept these terms" }).click();
  await expect(rita.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  for (const text of [...Object.values(FIELDS), "MK-CREDIT Jo Reporter", "CVE-2026-47001"]) await expect(rita.getByText(markedText(text)).first()).toBeVisible();
  for (const heading of ["Mitigation", "Workaround", "Affected ranges", "Links"]) await expect(rita.getByRole("heading", { level: 2, name: heading, exact: true })).toBeVisible();

  // The feedback form shows what was saved, not "not set".
  const form = rita.getByRole("form", { name: "Feedback and statement" });
  await form.getByLabel("Feedback", { exact: true }).selectOption({ label: "Patch tested OK" });
  await form.getByLabel("Status statement").selectOption({ label: "Fixed" });
  await form.getByLabel("Comment (optional)").fill("Tested on our 5.1 branch.");
  await form.getByRole("button", { name: "Save feedback and statement" }).click();
  await expect(form.getByText("Saved.")).toBeVisible();
  await expect(form.getByLabel("Feedback", { exact: true })).toHaveValue("PATCH_TESTED_OK");
  await expect(form.getByLabel("Status statement")).toHaveValue("FIXED");
  await expect(form.getByLabel("Comment (optional)")).toHaveValue("");
  await expect(rita.getByText("Tested on our 5.1 branch.").first()).toBeVisible();
  await rita.reload();
  await expect(form.getByLabel("Feedback", { exact: true })).toHaveValue("PATCH_TESTED_OK");
  await expect(form.getByLabel("Status statement")).toHaveValue("FIXED");
  await shots(rita, "rendering-vendor-notice");

  // A revision of the summary alone lists the summary alone (the stored ranges and links are not "changed").
  await page.goto(`/maintainer/notices/${noticeId}/edit`);
  await page.getByLabel("Summary (optional)").fill(`${FIELDS.summary} Only on 32-bit builds.`);
  await page.getByLabel("What changed (sent to every recipient)").fill("Narrowed to 32-bit builds.");
  await page.getByRole("button", { name: "Save revision" }).click();
  await page.waitForURL(new RegExp(`/maintainer/notices/${noticeId}$`));
  await rita.reload();
  const history = rita.getByRole("region", { name: "Revision history" });
  await expect(history.getByText("Narrowed to 32-bit builds.")).toBeVisible();
  await expect(history.getByText("Summary:")).toBeVisible();
  for (const label of ["Links:", "Affected ranges:"]) await expect(history.getByText(label)).toHaveCount(0);

  // End the embargo now: the real time everywhere, the planned one kept.
  await page.goto(`/maintainer/notices/${noticeId}`);
  const planned = (await page.locator("header time").first().textContent())!.slice(0, 20);
  const endForm = page.getByRole("form", { name: "End embargo now" });
  await endForm.getByLabel("Reason").fill("Exploited in the wild");
  await endForm.getByRole("button", { name: "End embargo now" }).click();
  const header = page.locator("header").filter({ hasText: TITLE });
  await expect(header).toContainText("Public since");
  await expect(header).toContainText(`planned ${planned}`);
  await expect(header).toContainText("ended early: Exploited in the wild");
  const real = (await header.locator("time").first().textContent())!.slice(0, 20);
  expect(real).not.toBe(planned);
  await shots(page, "rendering-maintainer-disclosed");
  // The list shows (and sorts by) the real time.
  await page.goto("/maintainer/notices");
  await expect(page.getByRole("row").filter({ hasText: TITLE })).toContainText(real);

  // The vendor's home and notice.
  await rita.goto("/vendor");
  await expect(rita.getByRole("listitem").filter({ hasText: TITLE })).toContainText(real);
  await rita.goto(`/vendor/notices/${noticeId}`);
  await expect(rita.getByText(/Public since/).first()).toContainText(real);
  await expect(rita.getByText("Do not deploy")).toHaveCount(0);

  // A colleague added afterwards: terms that say the issue is public, nothing about waiting for a past time.
  await page.goto(orgUrl);
  const invite = page.getByRole("form", { name: "Invite a member" });
  await invite.getByLabel("Email").fill(LATE);
  await invite.getByRole("button", { name: "Invite member" }).click();
  await expect(page.getByText(LATE)).toBeVisible();
  const leo = await vendorPage(browser, LATE);
  await leo.goto(`/vendor/notices/${noticeId}`);
  await expect(leo.getByText("This issue is public since")).toContainText(real);
  for (const stale of ["Do not deploy", "Until the disclosure time", planned]) await expect(leo.getByText(stale)).toHaveCount(0);
  await shots(leo, "rendering-late-terms");
  await leo.getByRole("button", { name: "I accept these terms" }).click();
  await expect(leo.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  console.assertClean();
});
