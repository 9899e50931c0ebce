// Leak tracing in the browser (issue 14): three organisations read one embargoed notice in Chromium. Each page carries
// its organisation's mark, invisibly: the visible text is the same for all three once the marks are taken out, axe
// finds nothing, and what Chromium copies (the selection, and the clipboard after Ctrl+C) keeps the mark — whole page,
// one paragraph, quoted, re-flowed — while a retyped copy carries none. Which organisation a code belongs to is
// checked through the data layer by lib/notices/copy-marks.int.test.tsx; here, that the browser's copy keeps it.
import { expect, test, type Page } from "@playwright/test";
import { enrolTotp, signInWithLink } from "./auth-helpers";
import { axeViolations } from "./accessibility-pages";
import { makeOrg, vendorPage } from "./notice-helpers";
import { watchConsole } from "./support";
import { findTextMarks, stripMarks } from "../lib/tracing/text-marks";
import { resolve, survivalTable, transform, TRANSFORMATIONS, type Transformation } from "../test/leak-corpus";

const MAINTAINER = "copymarks@project.example";
const ORGS = [
  { name: "Marks Org A", member: "amy@marks-a.example" },
  { name: "Marks Org B", member: "ben@marks-b.example" },
  { name: "Marks Org C", member: "cat@marks-c.example" },
];
const TITLE = "Stack overflow in the archive header parser";
// The title is a label (headings, links, tools): never marked; the paragraphs are.
const PHRASE = "copies that many bytes";
const SUMMARY = "A crafted archive header overflows a fixed buffer on the stack, and an attacker who gets a user to open the file can run code as that user.";
const DESCRIPTION = [
  "Reading an archive header longer than the buffer overflows it: the length field of the header is trusted as it is, and the parser then copies that many bytes into a buffer of fixed size on the stack of the reading thread.",
  "```\nmemcpy(buf, header, header_len);\n```",
  "Every release from 4.0.0 up to but not including 4.2.7 is affected on every platform, whether the archive is opened from the command line, through the library or by a service that unpacks uploads for its users.",
].join("\n\n");

/** What Chromium copies of an element: its selection's text, and what Ctrl+C put on the clipboard. */
async function copyOf(page: Page, selector: string): Promise<{ selection: string; clipboard: string }> {
  const selection = await page.evaluate((css) => {
    const element = document.querySelector(css);
    if (!element) throw new Error(`nothing matches ${css}`);
    const range = document.createRange();
    range.selectNodeContents(element);
    const selected = window.getSelection()!;
    selected.removeAllRanges();
    selected.addRange(range);
    return selected.toString();
  }, selector);
  await page.keyboard.press("Control+C");
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  return { selection, clipboard };
}

test("each organisation's page carries its own invisible mark, and Chromium's copy keeps it", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const console = watchConsole(page);
  page.on("dialog", (dialog) => void dialog.accept());
  await signInWithLink(page, MAINTAINER);
  await enrolTotp(page);
  for (const org of ORGS) await makeOrg(page, org.name, org.member);

  await page.goto("/maintainer/notices/new");
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Summary (optional)").fill(SUMMARY);
  await page.getByRole("textbox", { name: "Description (optional)" }).fill(DESCRIPTION);
  await page.getByLabel("Selected organisations").check();
  for (const org of ORGS) await page.getByRole("checkbox", { name: new RegExp(org.name) }).check();
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  const noticeId = page.url().split("/").at(-1)!;
  await page.getByRole("button", { name: "Send notice" }).click();
  await expect(page.getByText(/Sent to 3 organisations/)).toBeVisible();
  // The maintainer's "Preview as vendor" is the clean original.
  await page.getByText("Preview as vendor").click();
  expect(findTextMarks(await page.getByRole("article", { name: /as a vendor sees it/ }).innerText())).toEqual([]);

  const rows: Array<{ form: string; how: Transformation; right: boolean; marks: number }> = [];
  const seen: Array<{ org: string; code: string; visible: string }> = [];
  const leaks: Array<{ org: string; copy: { page: string; paragraph: string; clipboard: string } }> = [];
  for (const org of ORGS) {
    const vendor = await vendorPage(browser, org.member);
    await vendor.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await vendor.goto(`/vendor/notices/${noticeId}`);
    await vendor.getByRole("button", { name: "I accept these terms" }).click();
    // The terms page has an h1 too (the reference): wait for the notice itself.
    const h1 = vendor.getByRole("heading", { level: 1 });
    await expect(h1).toHaveText(TITLE);

    // Reads the same: the visible text without the marks is exactly what was written, and axe is clean.
    const main = await vendor.locator("main").innerText();
    const description = vendor.getByRole("region", { name: "Description" });
    expect(stripMarks(await description.locator("p").first().innerText())).toBe(DESCRIPTION.split("\n\n")[0]);
    await expect(description.locator("pre")).toHaveText("memcpy(buf, header, header_len);");
    expect(await axeViolations(vendor, `/vendor/notices/… as ${org.name}`)).toEqual([]);
    const marks = findTextMarks(main);
    expect(marks).toHaveLength(1);
    seen.push({ org: org.name, code: marks[0]!.code, visible: stripMarks(main).replaceAll(org.name, "ORG").replaceAll(org.member, "MEMBER") });

    // Chromium's copy: the whole page, one paragraph, and the clipboard after Ctrl+C.
    const whole = await copyOf(vendor, "main");
    const paragraph = await copyOf(vendor, "[aria-labelledby='notice-section-description'] [data-markdown] p");
    expect(stripMarks(paragraph.clipboard).trim()).toBe(DESCRIPTION.split("\n\n")[0]);
    leaks.push({ org: org.name, copy: { page: whole.selection, paragraph: paragraph.selection, clipboard: whole.clipboard } });
    await vendor.context().close();
  }

  // Three organisations, three different marks, and the same visible page.
  expect(new Set(seen.map((s) => s.code)).size).toBe(3);
  expect(new Set(seen.map((s) => s.visible)).size).toBe(1);
  const candidates = seen.map((s) => ({ code: s.code, copy: s.org }));
  const wrong: string[] = [];
  for (const { org, copy } of leaks) {
    for (const [form, text] of Object.entries(copy)) {
      for (const how of TRANSFORMATIONS) {
        const found = resolve(transform(text, how, PHRASE), candidates);
        const right = how === "retyped" ? found.marks === 0 : found.unknown === 0 && found.copies.length === 1 && found.copies[0]!.copy === org;
        if (!right) wrong.push(`${org} ${form} ${how}: ${JSON.stringify(found)}`);
        rows.push({ form: `browser ${form}`, how, right, marks: found.marks });
      }
    }
  }
  process.stdout.write(`Leak tracing survival in Chromium — traced/copies (intact marks min–max):\n${survivalTable(rows)}\n`);
  expect(wrong).toEqual([]);
  console.assertClean();
});
