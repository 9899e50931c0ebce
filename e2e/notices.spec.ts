// The notice journey of issue 5, end to end on the production build: a maintainer drafts a notice with a patch for two
// of three organisations and sends it; the fake Resend gets exactly the right emails, without the content; vendor A
// accepts the terms, downloads the patch (hash checked), acknowledges and reports "patch tested OK"; vendor C (not
// addressed) gets 404 everywhere; the maintainer sees A acknowledged and B silent, reminds B, moves the date (both told),
// ends the embargo; the public advisory appears with the right content, and (issue 6) in valid OSV and CSAF, the Atom
// feed and the index, and the announcement reaches the project's list.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import * as mandatory from "@secvisogram/csaf-validator-lib/mandatoryTests.js";
import { csaf_2_0_strict } from "@secvisogram/csaf-validator-lib/schemaTests.js";
import validateStrict from "@secvisogram/csaf-validator-lib/validateStrict.js";
import { expect, test, type Page } from "@playwright/test";
import { emailsTo, enrolTotp, signInWithLink } from "./auth-helpers";
import { fillArchiverSettings, makeOrg, vendorPage, waitForMail } from "./notice-helpers";
import { fitsPhone, saveScreenshot, watchConsole } from "./support";

const MAINTAINER = "notices@project.example";
const ANNOUNCE = "announce@archiver.example";
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validateOsv = ajv.compile(JSON.parse(readFileSync("test/fixtures/osv-schema.json", "utf8")) as object);
const ORGS = [
  { name: "Notice Org A", member: "ann@notice-a.example" },
  { name: "Notice Org B", member: "bea@notice-b.example" },
  { name: "Notice Org C", member: "cal@notice-c.example" },
] as const;
const TITLE = "Heap overflow in parse_header() of the archive reader";
const PATCH = "diff --git a/src/parse.c b/src/parse.c\n--- a/src/parse.c\n+++ b/src/parse.c\n@@ -41,6 +41,8 @@\n+  if (len > max) return -1;\n";
const PATCH_SHA256 = createHash("sha256").update(PATCH).digest("hex");

/**
 * Everything a signed-in person can reach from `starts` by following the portal's own links, each page fetched as
 * HTML and as its RSC payload: where any of `secrets` appears.
 */
async function crawlFinds(page: Page, starts: string[], secrets: string[]): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [...starts];
  const found: string[] = [];
  while (queue.length > 0 && seen.size < 80) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    for (const rsc of [false, true]) {
      const response = await page.request.get(url, { headers: rsc ? { RSC: "1" } : {}, maxRedirects: 0 });
      const body = await response.text();
      for (const secret of secrets) if (body.includes(secret)) found.push(`${url}${rsc ? " (RSC payload)" : ""} shows ${secret}`);
      if (!rsc && (response.headers()["content-type"] ?? "").includes("text/html")) {
        for (const [, href] of body.matchAll(/href="(\/[^"#?]*)/g)) {
          if (href && !href.startsWith("/_next") && !/sign-out|\.(svg|ico|png|css|js)$/.test(href) && !seen.has(href)) queue.push(href);
        }
      }
    }
  }
  expect(seen.size, "the crawl reached the vendor's pages").toBeGreaterThan(3);
  return found;
}


test("a notice from draft to public advisory, for exactly the organisations addressed", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const console = watchConsole(page);
  page.on("dialog", (dialog) => void dialog.accept());
  await signInWithLink(page, MAINTAINER);
  await enrolTotp(page);
  // The project's identity in what it publishes, and its announce list.
  const settings = await fillArchiverSettings(page, "PyPI archiver");
  // The OSV id prefix stays as it is: it is frozen once any advisory is published (other specs publish some).
  const osvPrefix = await settings.getByLabel("OSV id prefix").inputValue();
  await settings.getByLabel("Announce list address (optional)").fill(ANNOUNCE);
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  await saveScreenshot(page, "settings");
  for (const org of ORGS) await makeOrg(page, org.name, org.member);
  // The members accept their invitations (signing in makes them active): notices go to active members only.
  const [ann, bea, cal] = [await vendorPage(browser, ORGS[0].member), await vendorPage(browser, ORGS[1].member), await vendorPage(browser, ORGS[2].member)];
  await bea.close();

  // Draft: every main field, two of the three organisations.
  await page.goto("/maintainer/notices");
  await saveScreenshot(page, "notices");
  await fitsPhone(page);
  await page.getByRole("link", { name: "New notice" }).click();
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Summary (optional)").fill("A crafted archive header overflows a stack buffer.");
  await page.getByRole("textbox", { name: "Description (optional)" }).fill("Reading a header longer than **4096 bytes** overflows `buf`.\n\n- reachable from any archive\n- no authentication needed\n\n<script>alert(1)</script>");
  // The live preview is the sanitizing renderer of the final page.
  await page.getByRole("tablist", { name: /Description/ }).getByRole("tab", { name: /Preview/ }).click();
  await expect(page.locator("strong", { hasText: "4096 bytes" })).toBeVisible();
  await expect(page.locator("main script", { hasText: "alert(1)" })).toHaveCount(0);
  await page.getByLabel("Fixed versions (optional)").fill("4.2.7, 3.9.12");
  await page.getByLabel("CVE ID", { exact: true }).fill("CVE-2026-41234");
  // A structured range and a fix link, for scanners (OSV) and distributors (CSAF).
  await page.getByRole("button", { name: "Add an affected range" }).click();
  const range = page.getByRole("group", { name: "Range 1" });
  await expect(range.getByLabel("Package", { exact: true })).toHaveValue("archiver");
  await range.getByLabel("Introduced in version").fill("4.0.0");
  await range.getByLabel("Fixed in version").fill("4.2.7");
  await page.getByLabel("Links (optional)").fill("fix https://github.com/acme/archiver/commit/0123456789abcdef");
  await page.getByLabel("Reporter credit (optional)").fill("Jane Doe (Example Labs)");
  await page.getByLabel("Selected organisations").check();
  await page.getByRole("checkbox", { name: /Notice Org A/ }).check();
  await page.getByRole("checkbox", { name: /Notice Org B/ }).check();
  await saveScreenshot(page, "notice-form");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  const noticeId = page.url().split("/").at(-1)!;
  const reference = (await page.locator("header .font-mono").first().textContent())!.trim();
  expect(reference).toMatch(/^FW-\d{4}-\d{4}$/);

  // A draft exists for nobody but the maintainers: the organisation that will not be addressed finds no trace of it.
  const direct = (file = "x") => [`/vendor/notices/${noticeId}`, `/api/notices/${noticeId}/attachments/${file}`, `/advisories/${noticeId}`, `/api/notices/${noticeId}/tracking`];
  const everything = [TITLE, reference, "Notice Org A", "Notice Org B", ORGS[0].member, ORGS[1].member];
  expect(await crawlFinds(cal, ["/vendor", "/account", "/advisories", ...direct()], everything)).toEqual([]);

  // The patch: checked, hashed, published with the advisory later.
  await page.getByLabel("Attach a file").setInputFiles({ name: "fix-parser.patch", mimeType: "text/x-diff", buffer: Buffer.from(PATCH) });
  await page.getByLabel("Publish with the advisory once disclosed").check();
  await page.getByRole("button", { name: "Attach", exact: true }).click();
  await expect(page.getByText(`SHA-256 ${PATCH_SHA256}`).first()).toBeVisible();

  // Send: the recipients are frozen, the emails queued.
  await expect(page.getByRole("table", { name: /would receive the notice/ })).toContainText("Notice Org A");
  await expect(page.getByRole("table", { name: /would receive the notice/ })).not.toContainText("Notice Org C");
  await saveScreenshot(page, "notice-draft");
  await fitsPhone(page);
  await page.getByRole("button", { name: "Send notice" }).click();
  await expect(page.getByText("Sent to 2 organisations.")).toBeVisible();

  // Exactly the addressed people get an email: the reference, the time and a link; nothing of the content.
  // Every subject names the project (Settings) before the reference, never the title.
  const subject = new RegExp(`^\\[EMBARGOED\\] \\S.* ${reference}: advance security notice$`);
  for (const org of ORGS.slice(0, 2)) {
    const [mail] = await waitForMail(page, org.member, subject);
    expect(mail!.text).toContain(`/vendor/notices/${noticeId}`);
    for (const secret of ["Heap overflow", "parse_header", "4096", "Notice Org"]) expect(mail!.text).not.toContain(secret);
  }
  expect((await emailsTo(page.request, ORGS[2].member)).filter((m) => m.subject.includes(reference))).toEqual([]);

  // Vendor A: terms first, then everything; the patch matches its hash; acknowledged; patch tested OK.
  await ann.goto("/vendor");
  await expect(ann.getByText(reference)).toBeVisible();
  // The time left goes by the server's clock: a browser three days ahead still reads how long the embargo really has.
  const timeLeftOf = (p: Page) => p.getByRole("listitem").filter({ hasText: reference }).getByText(/^in \d/);
  // Read before the clock moves: the clock is the whole browser context's, so Ann's page would tick with it.
  const expected = (await timeLeftOf(ann).textContent())!;
  const skewed = await ann.context().newPage();
  await skewed.clock.setSystemTime(Date.now() + 3 * 86_400_000);
  await skewed.goto("/vendor");
  // Until the page is hydrated it shows the server's text, which would pass whatever the browser's clock did: wait for
  // the browser's own render (its local time beside the UTC one appears only then), then compare.
  await expect(skewed.getByRole("listitem").filter({ hasText: reference }).locator("time span")).toBeVisible();
  await expect(timeLeftOf(skewed)).toHaveText(expected);
  await skewed.close();
  await ann.goto(`/vendor/notices/${noticeId}`);
  await expect(ann.getByText(TITLE)).toHaveCount(0);
  await saveScreenshot(ann, "vendor-terms");
  await ann.getByRole("button", { name: "I accept these terms" }).click();
  await expect(ann.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(ann.locator("strong", { hasText: "4096 bytes" })).toBeVisible();
  const href = await ann.getByRole("link", { name: /fix-parser\.patch/ }).getAttribute("href");
  const download = await ann.request.get(href!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment;/);
  // Under embargo each member downloads their own marked copy (leak tracing): the page shows that copy's hash, and
  // every line of the patch is in it unchanged.
  const copySha256 = createHash("sha256").update(await download.body()).digest("hex");
  expect(copySha256).not.toBe(PATCH_SHA256);
  await expect(ann.getByText(`SHA-256 of your copy ${copySha256}`)).toBeVisible();
  expect((await download.body()).toString().replace(/[\u200B-\u200D\u2060]/g, "")).toContain(PATCH);
  await ann.getByRole("button", { name: `Acknowledge ${reference}` }).click();
  await expect(ann.getByText(/Acknowledged by/)).toBeVisible();
  await ann.getByLabel("Feedback", { exact: true }).selectOption({ label: "Patch tested OK" });
  await ann.getByRole("button", { name: "Save feedback and statement" }).click();
  await expect(ann.getByText("Feedback: Patch tested OK")).toBeVisible();
  await saveScreenshot(ann, "vendor-notice");
  await fitsPhone(ann);

  // Vendor C, not addressed: 404 everywhere, and nothing of the notice in any body.
  for (const url of [`/vendor/notices/${noticeId}`, href!, `/maintainer/notices/${noticeId}`, `/maintainer/notices/${noticeId}/tracking`, `/api/notices/${noticeId}/tracking`, `/advisories/${noticeId}`]) {
    const response = await cal.request.get(url, { maxRedirects: 0 });
    expect([404, 307], url).toContain(response.status());
    const body = await response.text();
    for (const secret of [TITLE, reference, "Notice Org A", "Notice Org B"]) expect(body, url).not.toContain(secret);
  }
  await cal.goto("/vendor");
  await expect(cal.getByText(reference)).toHaveCount(0);
  // Under embargo, with A's acknowledgement and feedback recorded: still no trace, anywhere C can reach.
  expect(await crawlFinds(cal, ["/vendor", "/account", "/advisories", ...direct(href!.split("/").at(-1))], everything)).toEqual([]);

  // The maintainer: A acknowledged (by whom), B silent; B reminded, and only B.
  await page.goto(`/maintainer/notices/${noticeId}/tracking`);
  const rowA = page.getByRole("row").filter({ hasText: "Notice Org A" });
  const rowB = page.getByRole("row").filter({ hasText: "Notice Org B" });
  await expect(rowA).toContainText(`by ${ORGS[0].member}`);
  await expect(rowA).toContainText("Patch tested OK");
  await expect(rowB).toContainText("not yet");
  await saveScreenshot(page, "tracking");
  await fitsPhone(page);
  await rowB.getByRole("button", { name: "Remind" }).click();
  await expect(page.getByText("Reminder queued for 1 organisation.")).toBeVisible();
  await waitForMail(page, ORGS[1].member, `[EMBARGOED] archiver ${reference}: please acknowledge`);
  expect((await emailsTo(page.request, ORGS[0].member)).filter((m) => m.subject.includes("please acknowledge"))).toEqual([]);

  // A's private thread: a message naming B is refused and keeps its text; a proper one goes, and the box clears.
  await rowA.getByRole("link", { name: /^Thread/ }).click();
  const answer = page.getByLabel("Answer Notice Org A");
  await answer.fill("Notice Org B reported the same crash.");
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByText(/names Notice Org B, which received this notice/)).toBeVisible();
  await expect(answer).toHaveValue("Notice Org B reported the same crash.");
  await answer.fill("The 3.8 backport is attached to the next revision.");
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByText("Message sent. The organisation is told by email.")).toBeVisible();
  await expect(answer).toHaveValue("");
  await ann.goto(`/vendor/notices/${noticeId}`);
  await expect(ann.getByText("The 3.8 backport is attached to the next revision.")).toBeVisible();
  await expect(ann.getByText("Notice Org B")).toHaveCount(0);

  // The date moves a day later: a revision, and both organisations are told.
  await page.goto(`/maintainer/notices/${noticeId}`);
  const dateForm = page.getByRole("form", { name: "Change the disclosure time" });
  const current = await dateForm.locator('input[type="datetime-local"]').inputValue();
  const later = new Date(new Date(`${current}Z`).getTime() + 24 * 3_600_000).toISOString().slice(0, 16);
  await dateForm.locator('input[type="datetime-local"]').fill(later);
  await dateForm.getByLabel("Change note").fill("The fixed release needs one more day.");
  await dateForm.getByRole("button", { name: "Change disclosure time" }).click();
  await expect(page.getByText(/Revision 1/)).toBeVisible();
  for (const org of ORGS.slice(0, 2)) await waitForMail(page, org.member, new RegExp(`^\\[EMBARGOED\\] archiver ${reference}: disclosure time changed to \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC$`));

  // End the embargo now: disclosed, public advisory with the public patch and the credit.
  const endForm = page.getByRole("form", { name: "End embargo now" });
  await endForm.getByLabel("Reason").fill("The fix is public upstream.");
  await endForm.getByRole("button", { name: "End embargo now" }).click();
  await expect(page.getByText("disclosed").first()).toBeVisible();
  for (const org of ORGS.slice(0, 2)) await waitForMail(page, org.member, new RegExp(` ${reference}: embargo ended$`));

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/advisories/${noticeId}`);
  await expect(visitor.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await expect(visitor.getByText("Jane Doe (Example Labs)")).toBeVisible();
  await expect(visitor.getByText(`SHA-256 ${PATCH_SHA256}`)).toBeVisible();
  const pub = await visitor.request.get(href!);
  expect(createHash("sha256").update(await pub.body()).digest("hex")).toBe(PATCH_SHA256);
  await expect(visitor.getByText("Notice Org")).toHaveCount(0);
  await saveScreenshot(visitor, "advisory");
  // Disclosed: the advisory is public, the list of recipients never.
  expect(await crawlFinds(cal, ["/vendor", "/account", "/advisories", ...direct(href!.split("/").at(-1))], ["Notice Org A", "Notice Org B", ORGS[0].member, ORGS[1].member, "Patch tested OK"])).toEqual([]);
  await fitsPhone(visitor);
  // Its machine-readable forms: valid OSV and CSAF from the page's own links, the Atom feed, the index, the list.
  await visitor.goto(`/advisories/${noticeId}`);
  const osv = await (await visitor.request.get((await visitor.getByRole("link", { name: "OSV record (JSON)" }).getAttribute("href"))!)).json();
  expect(validateOsv(osv), JSON.stringify(validateOsv.errors)).toBe(true);
  expect(osv).toMatchObject({ id: `${osvPrefix}-${reference}`, aliases: ["CVE-2026-41234"], affected: [{ package: { ecosystem: "PyPI", name: "archiver" }, ranges: [{ events: [{ introduced: "4.0.0" }, { fixed: "4.2.7" }] }] }] });
  const csafResponse = await visitor.request.get((await visitor.getByRole("link", { name: "CSAF 2.0 document (JSON)" }).getAttribute("href"))!);
  expect(csafResponse.headers()["cache-control"]).toMatch(/^public/);
  const csaf = await csafResponse.json();
  const csafResult = await validateStrict([csaf_2_0_strict, ...Object.values(mandatory)], csaf);
  expect(csafResult.tests.filter((t) => !t.isValid).map((t) => t.name)).toEqual([]);
  expect(csaf.document.distribution.tlp.label).toBe("WHITE");
  // Its canonical URL (self reference, named as CSAF §5.1 says) serves the same document.
  const canonical = new URL(csaf.document.references.find((r: { category: string }) => r.category === "self").url);
  expect(canonical.pathname).toBe(`/advisories/${noticeId}/${reference.toLowerCase()}.json`);
  expect((await (await visitor.request.get(canonical.pathname)).json()).document.tracking.id).toBe(reference);
  expect(await (await visitor.request.get("/advisories/feed.xml")).text()).toContain(reference);
  expect(await (await visitor.request.get("/osv/all.json")).json()).toEqual(expect.arrayContaining([expect.objectContaining({ id: `${osvPrefix}-${reference}` })]));
  const [announcement] = await waitForMail(page, ANNOUNCE, new RegExp(reference));
  expect(announcement!.text).toContain("Reported by Jane Doe (Example Labs).");
  for (const secret of ["Notice Org", ORGS[0].member]) expect(announcement!.text).not.toContain(secret);
  await visitor.goto("/advisories?q=CVE-2026-41234");
  await expect(visitor.getByRole("link", { name: TITLE })).toBeVisible();
  await visitor.goto("/advisories");
  await expect(visitor.getByRole("link", { name: TITLE })).toBeVisible();
  // Past the last page: said plainly, with the way back.
  await visitor.goto("/advisories?page=9999");
  await expect(visitor.getByText("There is no page 9999.")).toBeVisible();
  await visitor.getByRole("link", { name: "Back to the newest" }).click();
  await expect(visitor.getByRole("link", { name: TITLE })).toBeVisible();
  console.assertClean();
});
