// The public pre-announcement (issue 17), in the real app on the production build: a maintainer pre-announces a sent
// notice whose every other field holds a canary — the preview follows what they type and shows exactly the public
// words; after the confirmation an anonymous visitor reads those words on /advisories and in the Atom feed, and no
// canary anywhere in the page (body, <title>, metadata, the HTML as sent) or the feed.
import { expect, test } from "@playwright/test";
import { axeViolations } from "./accessibility-pages";
import { enrolTotp, signInWithLink } from "./auth-helpers";
import { makeOrg } from "./notice-helpers";

const MAINTAINER = "pre@project.example";
const RUN = Date.now().toString(36);
const C = (field: string) => `qzx${field}canary${RUN}`;
const CVE = "CVE-2026-47917";
const CANARIES = [C("title"), C("summary"), C("description"), C("fixed"), C("credit"), C("link"), C("package"), C("patch"), C("organisation"), CVE, "CWE-787", "Out-of-bounds", "CVSS:", "AV:N"];

test("a maintainer previews and confirms a pre-announcement; the public sees the date, severity and range, nothing else", async ({ page, browser }) => {
  test.setTimeout(240_000);
  await signInWithLink(page, MAINTAINER);
  await enrolTotp(page);
  await makeOrg(page, `Org ${C("organisation")}`, `member-${RUN}@pre-org.example`);

  const title = `Overflow ${C("title")}`;
  await page.goto("/maintainer/notices/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary (optional)").fill(`Summary ${C("summary")}`);
  await page.getByRole("textbox", { name: "Description (optional)" }).fill(`Description ${C("description")}`);
  await page.getByLabel("Fixed versions (optional)").fill(`4.2.7 ${C("fixed")}`);
  await page.getByLabel("CVE ID", { exact: true }).fill(CVE);
  await page.getByLabel("Weakness (CWE)").fill("CWE-787");
  await page.getByLabel("CVSS v4.0 vector").fill("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
  await page.getByRole("button", { name: "Add an affected range" }).click();
  const range = page.getByRole("group", { name: "Range 1" });
  await range.getByLabel("Ecosystem").fill("PyPI");
  await range.getByLabel("Package", { exact: true }).fill(C("package"));
  await range.getByLabel("Introduced in version").fill("4.0.0");
  await range.getByLabel("Fixed in version").fill("4.2.7");
  await page.getByLabel("Links (optional)").fill(`fix https://${C("link")}.example/commit/0123456789abcdef0123456789abcdef01234567`);
  await page.getByLabel("Reporter credit (optional)").fill(`Reporter ${C("credit")}`);
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible({ timeout: 30_000 });
  const noticeId = page.url().split("/").at(-1)!;
  const reference = (await page.locator("header .font-mono").first().textContent())!.trim();
  await page.getByLabel("Attach a file").setInputFiles({ name: `${C("patch")}.patch`, mimeType: "text/x-diff", buffer: Buffer.from("diff --git a/x b/x\n") });
  await page.getByRole("button", { name: "Attach", exact: true }).click();
  await expect(page.getByText(/File attached/)).toBeVisible({ timeout: 30_000 });

  // A draft cannot be pre-announced: its date is not fixed yet.
  const panel = page.locator("div", { has: page.getByRole("heading", { name: "Public pre-announcement" }) }).last();
  await expect(panel).toContainText("A draft cannot be pre-announced");
  page.on("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Send notice" }).click();
  await expect(page.getByText(/^Sent to \d+ organisations?/)).toBeVisible({ timeout: 30_000 });

  // The range is proposed from the structured range (versions only); the preview follows what is typed.
  const form = page.getByRole("form", { name: "Public pre-announcement" });
  const rangeField = form.getByLabel("Affected version range");
  await expect(rangeField).toHaveValue("versions 4.0.0 before 4.2.7");
  const preview = form.getByTestId("pre-announcement-text");
  await expect(preview).toHaveText(/^Upcoming security release for .+: severity Critical, affecting versions 4\.0\.0 before 4\.2\.7, on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\.$/);
  await rangeField.fill("4.0.0 to 4.2.6");
  await expect(preview).toHaveText(/: severity Critical, affecting 4\.0\.0 to 4\.2\.6, on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\.$/);
  const words = (await preview.textContent())!;
  for (const canary of [...CANARIES, reference]) expect(words).not.toContain(canary);

  // Not without the confirmation (the browser's own check), then confirmed.
  const publish = form.getByRole("button", { name: "Publish the pre-announcement" });
  await publish.click();
  await expect(page.getByText(/Published: the pre-announcement/)).toHaveCount(0);
  await form.getByLabel("I confirm that this text becomes public now.").check();
  await publish.click();
  await expect(page.getByText("Published: the pre-announcement is on the advisories page and in the feed.")).toBeVisible({ timeout: 30_000 });
  await page.reload();
  await expect(panel.getByTestId("pre-announcement-text").first()).toHaveText(words);
  const slug = (await panel.textContent())!.match(/Pre-announcement ([0-9a-f]{12}), published/)![1]!;
  const findings: string[] = [];
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    findings.push(...(await axeViolations(page, `notice page with its pre-announcement at ${width} px`)));
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: `test-results/screenshots/pre-announcement-panel-${width}.png` });
    const overflowing = await panel.evaluate((el) => [...el.querySelectorAll("*")].filter((c) => c.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((c) => c.tagName));
    expect(overflowing, `${width} px`).toEqual([]);
  }

  // An anonymous visitor: the words on /advisories and in the feed; no canary anywhere.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/advisories");
  const item = visitor.locator(`#upcoming-${slug}`);
  await expect(item).toContainText(words);
  const html = await visitor.content();
  const metadata = await visitor.locator("head meta, head link, head title").evaluateAll((els) => els.map((e) => e.outerHTML).join("\n"));
  const served = await (await visitor.request.get("/advisories")).text();
  const feed = await (await visitor.request.get("/advisories/feed.xml")).text();
  expect(feed).toContain(words);
  expect(feed).toContain(`pre-announcement:${slug}</id>`);
  for (const [where, text] of Object.entries({ body: await visitor.locator("body").innerText(), title: await visitor.title(), metadata, html, served, feed })) {
    for (const canary of [...CANARIES, reference, noticeId]) expect(text, `${canary} in ${where}`).not.toContain(canary);
  }
  // The page with the "Upcoming" section passes axe at both widths (the accessibility spec's pages have none).
  for (const width of [1280, 390]) {
    await visitor.setViewportSize({ width, height: 900 });
    findings.push(...(await axeViolations(visitor, `/advisories with a pre-announcement at ${width} px`)));
  }
  await item.screenshot({ path: "test-results/screenshots/pre-announcement-public-390.png" });
  expect(findings).toEqual([]);
  await visitor.context().close();
});
