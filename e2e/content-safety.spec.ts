// security.md tests 10 and 12 through the production server and a real browser:
// - the Markdown XSS corpus, in every field of a notice, rendered in Chromium on every page that shows it (form
//   preview, maintainer page, vendor page, public advisory): no dialog, no handler, no unsafe URL, nothing loaded
//   from elsewhere, no CSP violation, and the payloads shown as text;
// - uploads that attack: HTML disguised as a PDF, an oversize file, path-traversal and control-character names, a
//   file type that browsers render — refused, or stored under a clean name and only ever served as a download.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { XSS_CORPUS, XSS_VISIBLE_MARKER } from "../test/fixtures/xss-corpus";
import { enrolTotp, signInWithLink } from "./auth-helpers";
import { makeOrg, vendorPage } from "./notice-helpers";
import { acknowledgeReport, enterReportByHand } from "./helpers/reports-queue";
import { watchConsole } from "./support";

const MAINTAINER = "content@project.example";
const UPLOADER = "uploads@project.example";
const ORG = { name: "Content Org", member: "cora@content-org.example" };
const CORPUS = `${XSS_CORPUS.join("\n\n")}\n\n${XSS_VISIBLE_MARKER}`;
const TITLE = `<img src=x onerror=alert(1)> Title ${XSS_VISIBLE_MARKER}`;

/** Watches a page for script that ran (a dialog) from the moment it opens. */
function dialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on("dialog", (dialog) => {
    // The app's own confirmations (send, end embargo) are expected; anything else is a payload that ran.
    if (dialog.type() !== "confirm") seen.push(`${dialog.type()}: ${dialog.message()}`);
    void (dialog.type() === "confirm" ? dialog.accept() : dialog.dismiss());
  });
  return seen;
}

/**
 * The rendered page is inert: no event-handler attribute anywhere, no javascript:/data:/vbscript: URL, nothing but
 * text and plain formatting inside rendered Markdown, nothing fetched from another origin. Then every element of the
 * Markdown is hovered, focused and clicked, and a dialog would show that something ran.
 */
async function assertInert(page: Page, seen: string[], where: string, { markdown = true } = {}): Promise<void> {
  if (markdown) await expect(page.locator("[data-markdown]").first(), where).toBeVisible();
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    const URL_ATTRS = ["href", "src", "action", "formaction", "data", "xlink:href", "srcdoc", "background", "poster", "srcset"];
    for (const el of document.querySelectorAll("*")) {
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        if (name.startsWith("on")) found.push(`<${el.tagName.toLowerCase()} ${name}>`);
        const value = attr.value.replace(/[\s\u0000-\u001f]/g, "").toLowerCase();
        // React marks a form whose action is a client function with a javascript: URL that only throws.
        const reactForm = el.tagName === "FORM" && value.startsWith("javascript:thrownewerror('areactformwasunexpectedlysubmitted.");
        if (URL_ATTRS.includes(name) && /^(javascript|vbscript|data):/.test(value) && !reactForm) found.push(`<${el.tagName.toLowerCase()} ${name}="${attr.value}">`);
      }
    }
    const inside = document.querySelectorAll(
      "[data-markdown] :is(script,iframe,object,embed,style,svg,math,form,input,button,textarea,select,img,base,meta,link,video,audio,source,template,noscript,details,frame,frameset,isindex), [data-markdown] [style]",
    );
    for (const el of inside) found.push(`inside Markdown: <${el.tagName.toLowerCase()}>`);
    for (const link of document.querySelectorAll<HTMLAnchorElement>("[data-markdown] a[href]")) {
      if (!/^(https?:|mailto:|#|\/(?!\/))/i.test(link.getAttribute("href") ?? "")) found.push(`link to ${link.getAttribute("href")}`);
    }
    for (const entry of performance.getEntriesByType("resource")) if (!entry.name.startsWith(location.origin)) found.push(`fetched ${entry.name}`);
    return found;
  });
  expect(problems, where).toEqual([]);
  // The payloads are shown as text, not dropped: the marker after the corpus made it through.
  await expect((markdown ? page.locator("[data-markdown]", { hasText: XSS_VISIBLE_MARKER }) : page.getByText(XSS_VISIBLE_MARKER)).first(), where).toBeVisible();
  // Every event a handler could hang on, on every element of the rendered Markdown (links are not followed).
  await page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLElement>("[data-markdown] *")) {
      for (const type of ["mouseover", "mouseenter", "mousemove", "focus", "focusin", "toggle", "load", "error", "animationstart"]) el.dispatchEvent(new Event(type, { bubbles: true }));
      if (el.tagName !== "A") el.click();
    }
  });
  await page.waitForTimeout(300);
  expect(seen, `${where}: a payload ran`).toEqual([]);
}

test("the XSS corpus in a report's summary, details, reply and acknowledgement renders inert on the maintainers' queue pages", async ({ page }) => {
  test.setTimeout(180_000);
  const console = watchConsole(page);
  const seen = dialogs(page);
  await signInWithLink(page, "queue-xss@project.example");
  await enrolTotp(page);
  const { id, reference } = await enterReportByHand(page, { name: `<img src=x onerror=alert(1)> ${XSS_VISIBLE_MARKER}`, email: "xss-reporter@reporter.example", summary: TITLE, details: CORPUS, versions: `<svg onload=alert(1)> ${XSS_VISIBLE_MARKER}` });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await assertInert(page, seen, "report page, details");
  // A maintainer's reply and the acknowledgement message are plain text, shown as written.
  await page.getByLabel("Message to the reporter", { exact: true }).fill(CORPUS);
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByText("Message sent. The reporter is told by email.")).toBeVisible({ timeout: 30_000 });
  await acknowledgeReport(page, CORPUS);
  await page.reload();
  await assertInert(page, seen, "report page with thread and timeline");
  await page.goto("/maintainer/reports?status=all");
  await expect(page.getByRole("row").filter({ hasText: reference })).toBeVisible();
  await assertInert(page, seen, "report queue", { markdown: false });
  void id;
  console.assertClean();
});

test("the Markdown XSS corpus renders inert in Chromium on every page that shows a notice", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const console = watchConsole(page);
  const seen = dialogs(page);
  await signInWithLink(page, MAINTAINER);
  await enrolTotp(page);
  await makeOrg(page, ORG.name, ORG.member);
  const cora = await vendorPage(browser, ORG.member);
  const coraSeen = dialogs(cora);
  const coraConsole = watchConsole(cora);

  await page.goto("/maintainer/notices/new");
  await page.getByLabel("Title").fill(TITLE);
  await page.getByRole("textbox", { name: "Description (optional)" }).fill(CORPUS);
  await page.getByRole("textbox", { name: /^Remediation/ }).fill(CORPUS);
  await page.getByRole("textbox", { name: /^How to tell/ }).fill(CORPUS);
  await page.getByLabel("Reporter credit (optional)").fill(`<script>alert(1)</script> ${XSS_VISIBLE_MARKER}`);
  await page.getByLabel("Selected organisations").check();
  await page.getByRole("checkbox", { name: new RegExp(ORG.name) }).check();
  // The live preview: the same renderer as the final page, running in the browser this time.
  await page.getByRole("tablist", { name: /Description/ }).getByRole("tab", { name: /Preview/ }).click();
  await assertInert(page, seen, "form preview");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  const noticeId = page.url().split("/").at(-1)!;
  await assertInert(page, seen, "maintainer notice page");

  await page.getByRole("button", { name: "Send notice" }).click();
  await expect(page.getByText("Sent to 1 organisation.")).toBeVisible();

  await cora.goto(`/vendor/notices/${noticeId}`);
  await cora.getByRole("button", { name: "I accept these terms" }).click();
  await expect(cora.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await assertInert(cora, coraSeen, "vendor notice page");
  // A message carrying the corpus, on both sides of the thread.
  await cora.getByLabel("Your message").fill(CORPUS);
  await cora.getByRole("button", { name: "Send message" }).click();
  await expect(cora.getByText(XSS_VISIBLE_MARKER).last()).toBeVisible();
  await assertInert(cora, coraSeen, "vendor notice page with the message");

  await page.goto(`/maintainer/notices/${noticeId}/tracking`);
  await page.getByRole("link", { name: /^Thread/ }).first().click();
  await expect(page.getByText(XSS_VISIBLE_MARKER).first()).toBeVisible();
  // Messages are plain text (no Markdown): inert all the same.
  await assertInert(page, seen, "maintainer thread page", { markdown: false });

  // A revision diff shows old and new text: it is inert too.
  await page.goto(`/maintainer/notices/${noticeId}/edit`);
  await page.getByRole("textbox", { name: "Description (optional)" }).fill(`${CORPUS}\n\n<img src=y onerror=alert(2)> added`);
  await page.getByLabel("What changed (sent to every recipient)").fill("More detail.");
  await page.getByRole("button", { name: /Save revision/ }).click();
  await expect(page.getByText(/revision 1/i).first()).toBeVisible();
  await assertInert(page, seen, "maintainer notice page with a revision");
  await cora.reload();
  await assertInert(cora, coraSeen, "vendor notice page with a revision");

  await page.goto(`/maintainer/notices/${noticeId}`);
  const endForm = page.getByRole("form", { name: "End embargo now" });
  await endForm.getByLabel("Reason").fill("Published upstream.");
  await endForm.getByRole("button", { name: "End embargo now" }).click();
  await expect(page.getByText("disclosed").first()).toBeVisible();

  const visitor = await (await browser.newContext()).newPage();
  const visitorSeen = dialogs(visitor);
  const visitorConsole = watchConsole(visitor);
  await visitor.goto(`/advisories/${noticeId}`);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await assertInert(visitor, visitorSeen, "public advisory");
  await visitor.goto("/advisories");
  await expect(visitor.getByRole("link", { name: TITLE })).toBeVisible();

  for (const watcher of [console, coraConsole, visitorConsole]) watcher.assertClean();
});

test("uploads that attack are refused, or stored under a clean name and served only as downloads", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const console = watchConsole(page);
  page.on("dialog", (dialog) => void dialog.accept());
  await signInWithLink(page, UPLOADER);
  await enrolTotp(page);
  await page.goto("/maintainer/notices/new");
  await page.getByLabel("Title").fill("Upload checks");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Upload checks" })).toBeVisible();
  const noticeId = page.url().split("/").at(-1)!;
  const files = page.getByRole("table", { name: /Files attached to/ });
  const upload = async (name: string, mimeType: string, buffer: Buffer) => {
    await page.getByLabel("Attach a file").setInputFiles({ name, mimeType, buffer });
    await page.getByRole("button", { name: "Attach", exact: true }).click();
  };

  // Through the form, as a person would.
  await upload("advisory.pdf", "application/pdf", Buffer.from("<!doctype html><html><script>alert(1)</script></html>"));
  await expect(page.getByRole("alert").filter({ hasText: "advisory.pdf is not a PDF document" })).toBeVisible();
  await upload("page.svg", "image/svg+xml", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'));
  await expect(page.getByRole("alert").filter({ hasText: "Attach patches, signatures, archives or PDFs" })).toBeVisible();
  await upload("notes.txt", "text/plain", Buffer.from("<html><body><script>alert(1)</script>"));
  await expect(page.getByRole("alert").filter({ hasText: "notes.txt is not plain text" })).toBeVisible();
  // Over the limit: refused in the browser before it is sent…
  await upload("huge.patch", "text/x-diff", Buffer.alloc(10 * 1024 * 1024 + 1, "a"));
  await expect(page.getByRole("alert").filter({ hasText: "huge.patch is larger than 10 MB" })).toBeVisible();
  await expect(page.getByText("No files attached.").first()).toBeVisible();

  // …and by the server when the browser is bypassed: raw posts of the action, exactly as React encodes them.
  const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-turbopack/client.node.js") as {
    encodeReply: (value: unknown) => Promise<string | FormData>;
  };
  const manifest = JSON.parse(readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as { node: Record<string, { exportedName: string }> };
  const [actionId] = Object.entries(manifest.node).find(([, a]) => a.exportedName === "addAttachmentAction")!;
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const post = async (name: string, bytes: Buffer, type = "text/x-diff") => {
    const form = new FormData();
    form.append("noticeId", noticeId);
    form.append("file", new File([new Uint8Array(bytes)], name, { type }));
    const response = await fetch(new URL(`/maintainer/notices/${noticeId}`, baseURL), {
      method: "POST",
      headers: { "Next-Action": actionId, Accept: "text/x-component", cookie },
      body: (await encodeReply([null, form])) as FormData,
    });
    return { status: response.status, body: await response.text() };
  };
  // (Whatever the answer's shape, nothing may be stored: the list of files is checked below.)
  const overLimit = await post("huge.patch", Buffer.alloc(10 * 1024 * 1024 + 1, "a"));
  expect(overLimit.body).not.toContain('"ok":true');
  // Beyond the request size limit: the framework refuses the body; nothing is stored and the server carries on.
  const wayOver = await post("bigger.patch", Buffer.alloc(12 * 1024 * 1024, "a"));
  expect(wayOver.body).not.toContain('"ok":true');
  const traversal = await post("../../../etc/passwd.patch", Buffer.from("diff --git a/x b/x\n"));
  expect(traversal.body).toContain('"ok":true');
  const sneaky = await post("..\\..\\win\u202Egpj.patch", Buffer.from("diff --git a/y b/y\n"));
  expect(sneaky.body).toContain('"ok":true');
  // A file browsers would render if asked: stored as a signature, served as a download that cannot run.
  const htmlSig = await post("evil.sig", Buffer.from("<html><script>alert(1)</script></html>"), "text/html");
  expect(htmlSig.body).toContain('"ok":true');

  await page.reload();
  await expect(files.getByRole("link")).toHaveText(["passwd.patch", "wingpj.patch", "evil.sig"]);
  for (const link of await files.getByRole("link").all()) {
    const response = await page.request.get((await link.getAttribute("href"))!);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers["content-disposition"]).toMatch(/^attachment; filename="[^"/\\]+"/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["content-security-policy"]).toContain("sandbox");
    expect(headers["content-type"]).not.toMatch(/html|svg|xml|javascript/);
  }
  const sig = await page.request.get((await files.getByRole("link", { name: "evil.sig" }).getAttribute("href"))!);
  expect(sig.headers()["content-type"]).toBe("application/pgp-signature");
  expect((await page.request.get("/api/health")).status()).toBe(200);
  console.assertClean();
});
