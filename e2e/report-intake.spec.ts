// The public report form (issue 13), in Chromium on the production build: a clear report confirmed from the emailed
// link signs the reporter in; the answer never says whether the address has an account; bad input and the sixth
// report of an address store nothing; a report encrypted in the browser arrives as an OpenPGP message that the
// project's private key opens; security.txt. Screenshots of /report at both widths.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { decrypt, generateKey, readMessage, readPrivateKey } from "openpgp";
import { emailsTo, enrolTotp, signInWithLink } from "./auth-helpers";
import { DB_KIND, saveScreenshotsAtBothWidths, watchConsole } from "./support";
import { urlFor } from "../scripts/lib/postgres";
import { confirmationCount, confirmReportFromMailbox, fillReport, reportConfirmationLink, submitReport, type ReportFields } from "./helpers/reports-intake";

const MAINTAINER = "intake@project.example";
const LIMIT = 10 * 1024 * 1024;
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const fields = (email: string, extra: Partial<ReportFields> = {}): ReportFields => ({
  summary: "Heap overflow in the tar reader",
  details: "Long **path names** overflow a fixed buffer in `read_header()`.",
  affectedVersions: "3.6.0 to 3.7.2",
  reproduction: "1. Make a tar with a 5000-byte name\n2. List it",
  name: "Ada Reporter",
  email,
  credit: { kind: "HANDLE", text: "@ada" },
  ...extra,
});

/** A server action posted as React encodes it, from outside the browser (as a script would). */
function actionPoster(baseURL: string) {
  const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-turbopack/client.node.js") as { encodeReply: (value: unknown) => Promise<string | FormData> };
  const manifest = JSON.parse(readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as { node: Record<string, { exportedName: string }> };
  const idOf = (name: string) => Object.entries(manifest.node).find(([, a]) => a.exportedName === name)![0];
  return async (name: string, pathname: string, form: FormData) => {
    const response = await fetch(new URL(pathname, baseURL), { method: "POST", headers: { "Next-Action": idOf(name), Accept: "text/x-component" }, body: (await encodeReply([null, form])) as FormData, redirect: "manual" });
    return `${response.status} ${await response.text()}`;
  };
}

async function settingsAsMaintainer(page: Page): Promise<void> {
  await signInWithLink(page, MAINTAINER);
  await enrolTotp(page);
  await page.goto("/maintainer/settings");
}

test.describe.serial("report intake", () => {
  test("a clear report: the same answer for a new and a known address; the emailed link confirms once and signs in", async ({ page, browser, baseURL }) => {
    test.setTimeout(120_000);
    const console = watchConsole(page);
    await page.goto("/");
    await page.getByRole("link", { name: "Report it privately" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Report a security vulnerability" })).toBeVisible();
    await expect(page.locator("#policy")).toContainText("within 48 hours");
    await saveScreenshotsAtBothWidths(page, "report-form");

    const email = `ada-${unique()}@reporter.example`;
    await submitReport(page, fields(email));
    const answerNew = await page.getByTestId("report-sent").textContent();
    // A maintainer's own address gets exactly the same answer (it never says an account exists).
    await submitReport(page, fields(MAINTAINER, { summary: "A report from a maintainer's address" }));
    expect(await page.getByTestId("report-sent").textContent()).toBe(answerNew);
    await saveScreenshotsAtBothWidths(page, "report-sent");

    // The link's page changes nothing on GET (a mail scanner's visit), then confirms on the button.
    const { link, reference } = await reportConfirmationLink(page, email);
    expect((await page.request.get(link)).status()).toBe(200);
    const reporter = await browser.newContext();
    const reporterPage = await reporter.newPage();
    const { reportId, reference: confirmed } = await confirmReportFromMailbox(reporterPage, email);
    expect(confirmed).toBe(reference);
    expect(reporterPage.url()).toBe(`${baseURL}/reporter/reports/${reportId}`);
    const session = (await reporter.cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
    expect(session?.httpOnly).toBe(true);
    // The session is real: next-auth finds it in the database (a signed-out browser gets an empty answer).
    expect(await (await reporterPage.request.get("/api/auth/session")).json()).toHaveProperty("expires");
    expect(await (await page.request.get("/api/auth/session")).json()).toEqual({});
    // The maintainers hear of it: the reference and a link, never the content.
    let told: { subject: string; text?: string } | undefined;
    await expect.poll(async () => (told = (await emailsTo(page.request, MAINTAINER)).find((m) => m.subject === `New vulnerability report ${reference}`)), { timeout: 120_000 }).toBeTruthy();
    expect(told!.text).toContain(`/maintainer/reports/${reportId}`);
    expect(told!.text).not.toContain("Heap overflow");
    expect(told!.text).not.toContain("path names");
    // The link works once.
    await reporterPage.goto(link);
    await expect(reporterPage.getByRole("alert").filter({ hasText: "already used" })).toBeVisible();
    await reporter.close();
    console.assertClean();
  });

  test("bad input gets a clear message and stores nothing: malformed address, too-large attachment, disguised file, fake encrypted blob", async ({ page, baseURL }) => {
    test.setTimeout(120_000);
    const email = `bad-${unique()}@reporter.example`;
    await fillReport(page, fields("not an address"));
    await expect(page.getByText("This is not an email address we can write to")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByLabel("Summary", { exact: true })).toHaveValue("Heap overflow in the tar reader");

    await fillReport(page, fields(email, { files: [{ name: "huge.patch", mimeType: "text/x-diff", buffer: Buffer.alloc(LIMIT + 1, "a") }] }));
    await expect(page.getByRole("alert").filter({ hasText: "larger than 10 MB" })).toBeVisible();

    await fillReport(page, fields(email, { files: [{ name: "poc.pdf", mimeType: "application/pdf", buffer: Buffer.from("<!doctype html><script>alert(1)</script>") }] }));
    await expect(page.getByRole("alert").filter({ hasText: "poc.pdf is not a PDF document" })).toBeVisible({ timeout: 30_000 });

    // Past the browser's checks, as a script would post it: one byte over the limit, and "encrypted" text that is not.
    const post = actionPoster(baseURL!);
    const raw = (extra: Record<string, string | File>) => {
      const form = new FormData();
      const base = { summary: "Scripted", details: "x", reporterName: "Script", email, creditKind: "NONE" };
      for (const [k, v] of Object.entries({ ...base, ...extra })) form.append(k, v);
      return form;
    };
    expect(await post("submitReportAction", "/report", raw({ attachments: new File([new Uint8Array(LIMIT + 1)], "big.patch") }))).toMatch(/"ok":false.*larger than 10 MB/);
    expect(await post("submitReportAction", "/report", raw({ encrypted: "yes", details: "-----BEGIN PGP MESSAGE-----\n\nAAAA\n-----END PGP MESSAGE-----" }))).toMatch(/"ok":false/);
    expect(await post("submitReportAction", "/report", raw({ status: "RECEIVED" }))).toMatch(/"ok":false/);
    await page.waitForTimeout(1_000); // a confirmation email would have been sent by now: none may come
    expect(await confirmationCount(page, email)).toBe(0);
  });

  test("five reports a day per address; the sixth is refused and stores nothing", async ({ page }) => {
    test.setTimeout(180_000);
    const email = `busy-${unique()}@reporter.example`;
    for (let i = 1; i <= 5; i++) await submitReport(page, fields(email, { summary: `Report number ${i}`, reproduction: "" }));
    await expect.poll(() => confirmationCount(page, email), { timeout: 30_000 }).toBe(5);
    await fillReport(page, fields(email, { summary: "One too many", reproduction: "" }));
    await expect(page.getByRole("alert").filter({ hasText: "Too many reports" })).toBeVisible({ timeout: 30_000 });
    await page.waitForTimeout(1_000);
    expect(await confirmationCount(page, email)).toBe(5);
  });

  test("encrypted in the browser to the project's key: what arrives and is stored opens with the private key", async ({ page, browser }) => {
    test.setTimeout(180_000);
    const { publicKey, privateKey } = await generateKey({ type: "curve25519", userIDs: [{ name: "Intake Security", email: "security@project.example" }], format: "armored" });
    await settingsAsMaintainer(page);
    // A private key is refused, named as such, and not left on the screen.
    await page.getByLabel("Report public key (optional)").fill(privateKey);
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText(/This is a PRIVATE key/).first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByLabel("Report public key (optional)")).toHaveValue("");
    expect(await page.content()).not.toContain(privateKey.split("\n")[2]!);
    await page.getByLabel("Report public key (optional)").fill(publicKey);
    await page.getByLabel("Security address (optional)").fill("security@project.example");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible({ timeout: 30_000 });
    await page.reload();
    await expect(page.getByText(/Current key: [0-9A-F]{4} /)).toBeVisible();

    try {
      const context = await browser.newContext();
      const reporter = await context.newPage();
      const console = watchConsole(reporter);
      // What the browser hands to fetch() for the server action: the form's fields and files as they leave the page
      // (Playwright does not expose multipart bodies with files). Injected by the test harness, not by the page.
      await reporter.addInitScript(() => {
        const w = window as unknown as { __sent: Array<Array<[string, string | number[]]>>; fetch: typeof fetch };
        w.__sent = [];
        const original = w.fetch.bind(window);
        w.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
          if (init?.body instanceof FormData) {
            const entries: Array<[string, string | number[]]> = [];
            for (const [k, v] of init.body.entries()) entries.push([k, typeof v === "string" ? v : Array.from(new Uint8Array(await v.arrayBuffer()))]);
            w.__sent.push(entries);
          }
          return original(input, init);
        };
      });
      await reporter.goto("/report");
      await expect(reporter.getByLabel(/Encrypt the details, reproduction steps and attachments/)).toBeChecked();
      await saveScreenshotsAtBothWidths(reporter, "report-form-encrypted");
      const email = `enc-${unique()}@reporter.example`;
      const secret = `Use-after-free in the zip reader ${unique()}`;
      await submitReport(reporter, fields(email, { details: secret, reproduction: "secret steps", files: [{ name: "poc.patch", mimeType: "text/x-diff", buffer: Buffer.from("diff --git a/poc b/poc\n") }] }), { encrypt: true });
      console.assertClean();
      const entries = (await reporter.evaluate(() => (window as unknown as { __sent: Array<Array<[string, string | number[]]>> }).__sent)).flat();
      const sent = entries.map(([, v]) => (typeof v === "string" ? v : Buffer.from(v).toString("latin1"))).join("\n");
      const files = entries.filter(([, v]) => typeof v !== "string").map(([, v]) => new Uint8Array(v as number[]));
      expect(files).toHaveLength(1);
      expect(sent).not.toContain(secret);
      expect(sent).not.toContain("secret steps");
      expect(sent).not.toContain("diff --git a/poc");
      const armored = sent.match(/-----BEGIN PGP MESSAGE-----[\s\S]+?-----END PGP MESSAGE-----/g) ?? [];
      expect(armored).toHaveLength(2);
      const key = await readPrivateKey({ armoredKey: privateKey });
      const open = async (text: string) => (await decrypt({ message: await readMessage({ armoredMessage: text.replace(/\\n/g, "\n").replace(/\r\n/g, "\n") }), decryptionKeys: key })).data;
      expect(await open(armored[0]!)).toBe(secret);
      expect(await open(armored[1]!)).toBe("secret steps");
      const sentFile = await decrypt({ message: await readMessage({ binaryMessage: files[0]! }), decryptionKeys: key, format: "binary" });
      expect(Buffer.from(sentFile.data as Uint8Array).toString()).toBe("diff --git a/poc b/poc\n");

      if (DB_KIND === "postgresql") {
        // What the server stored: exactly the messages, and the file, that the private key opens.
        const pg = (await import("pg")).default;
        const client = new pg.Client({ connectionString: urlFor(new URL(process.env.DATABASE_URL!).pathname.slice(1)) });
        await client.connect();
        const { rows } = await client.query(`SELECT r.details, r.reproduction, r.encrypted, a.filename, a.data, a.encrypted AS "fileEncrypted" FROM "Report" r JOIN "User" u ON u.id = r."reporterId" JOIN "ReportAttachment" a ON a."reportId" = r.id WHERE u.email = $1`, [email]);
        await client.end();
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ encrypted: true, fileEncrypted: true, filename: "poc.patch.gpg" });
        expect(await open(rows[0].details)).toBe(secret);
        const file = await decrypt({ message: await readMessage({ binaryMessage: new Uint8Array(rows[0].data) }), decryptionKeys: key, format: "binary" });
        expect(Buffer.from(file.data as Uint8Array).toString()).toBe("diff --git a/poc b/poc\n");
      }
      // The key and the address are published for reporters: security.txt and the key file.
      const txt = await (await reporter.request.get("/.well-known/security.txt")).text();
      expect(txt).toContain("Contact: mailto:security@project.example");
      expect(txt).toMatch(/^Encryption: https?:\/\/\S+\/report\/public-key\.asc$/m);
      const keyFile = await reporter.request.get("/report/public-key.asc");
      expect(keyFile.headers()["content-type"]).toMatch(/^application\/pgp-keys/);
      expect(await keyFile.text()).toContain("BEGIN PGP PUBLIC KEY BLOCK");
      await context.close();
    } finally {
      // Leave the instance as other specs expect it: no key, no address.
      await page.getByLabel("Report public key (optional)").fill("");
      await page.getByLabel("Security address (optional)").fill("");
      await page.getByRole("button", { name: "Save settings" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible({ timeout: 30_000 });
    }
  });

  test("security.txt over HTTP: RFC 9116 fields, text/plain, expiring within a year", async ({ request, baseURL }) => {
    const response = await request.get("/.well-known/security.txt");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/plain; charset=utf-8");
    const text = await response.text();
    const fields = new Map<string, string[]>();
    for (const line of text.split("\n")) {
      const m = line.match(/^([A-Za-z-]+): (.+)$/);
      if (m) fields.set(m[1]!.toLowerCase(), [...(fields.get(m[1]!.toLowerCase()) ?? []), m[2]!]);
    }
    expect(fields.get("contact")).toContain(`${baseURL}/report`);
    expect(fields.get("policy")).toEqual([`${baseURL}/report#policy`]);
    expect(fields.get("canonical")).toEqual([`${baseURL}/.well-known/security.txt`]);
    expect(fields.get("preferred-languages")).toEqual(["en"]);
    const expires = new Date(fields.get("expires")![0]!);
    expect(expires.getTime()).toBeGreaterThan(Date.now() + 150 * 86_400_000);
    expect(expires.getTime()).toBeLessThan(Date.now() + 365 * 86_400_000);
    // Without a key in Settings there is no Encryption field and no key file.
    expect(fields.has("encryption")).toBe(false);
    expect((await request.get("/report/public-key.asc")).status()).toBe(404);
  });
});
