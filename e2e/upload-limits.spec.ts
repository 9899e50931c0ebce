// Uploads up to the limit work and one byte over it says so; forged forwarding headers are not believed.
// Files are made in the test (nothing big is committed). Timings are printed: they are the figures the README quotes.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { enrolTotp, signInWithLink } from "./auth-helpers";
import { E2E_PORTS, watchConsole } from "./support";

const UPLOADER = "limits@project.example";
const LIMIT = 10 * 1024 * 1024;

/** A server action posted as React encodes it, from outside the browser (as an attacker or a script would). */
function actionPoster(baseURL: string) {
  const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-turbopack/client.node.js") as {
    encodeReply: (value: unknown) => Promise<string | FormData>;
  };
  const manifest = JSON.parse(readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as { node: Record<string, { exportedName: string }> };
  const idOf = (name: string) => Object.entries(manifest.node).find(([, a]) => a.exportedName === name)![0];
  return async (name: string, pathname: string, form: FormData, headers: Record<string, string> = {}) => {
    const response = await fetch(new URL(pathname, baseURL), {
      method: "POST",
      headers: { "Next-Action": idOf(name), Accept: "text/x-component", ...headers },
      body: (await encodeReply([null, form])) as FormData,
      redirect: "manual",
    });
    return { status: response.status, body: await response.text() };
  };
}

test("a file of exactly 10 MB is attached in seconds; one byte more is refused with the limit named; nothing else is stored", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const console = watchConsole(page);
  await signInWithLink(page, UPLOADER);
  await enrolTotp(page);
  await page.goto("/maintainer/notices/new");
  await page.getByLabel("Title").fill("Upload limits");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Upload limits" })).toBeVisible();
  const noticeId = page.url().split("/").at(-1)!;
  const files = page.getByRole("table", { name: /Files attached to/ });
  const patch = (size: number) => Buffer.alloc(size, "diff --git a/x b/x\n");

  // Through the form, as a person would: exactly at the limit.
  await page.getByLabel("Attach a file").setInputFiles({ name: "exactly-10mb.patch", mimeType: "text/x-diff", buffer: patch(LIMIT) });
  const started = Date.now();
  await page.getByRole("button", { name: "Attach", exact: true }).click();
  await expect(page.getByText("File attached.")).toBeVisible({ timeout: 120_000 });
  test.info().annotations.push({ type: "upload", description: `10 MB through the form: ${((Date.now() - started) / 1000).toFixed(1)} s` });
  process.stdout.write(`[upload-limits] 10 MB attached through the form in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  await expect(files.getByRole("link")).toHaveText(["exactly-10mb.patch"], { timeout: 30_000 });

  // One byte over: the form says so before sending anything…
  await page.getByLabel("Attach a file").setInputFiles({ name: "over.patch", mimeType: "text/x-diff", buffer: patch(LIMIT + 1) });
  await page.getByRole("button", { name: "Attach", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "over.patch is larger than 10 MB" })).toBeVisible();

  // …and the server's own check answers when the browser is bypassed: its message, not a framework error.
  const post = actionPoster(baseURL!);
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const upload = (name: string, size: number) => {
    const form = new FormData();
    form.append("noticeId", noticeId);
    form.append("file", new File([new Uint8Array(patch(size))], name, { type: "text/x-diff" }));
    return post("addAttachmentAction", `/maintainer/notices/${noticeId}`, form, { cookie });
  };
  const over = await upload("raw-over.patch", LIMIT + 1);
  expect(over.status).toBe(200);
  expect(over.body).toContain("The file is larger than 10 MB.");
  expect(over.body).not.toContain('"ok":true');
  const exact = await upload("raw-exact.patch", LIMIT);
  expect(exact.status).toBe(200);
  expect(exact.body).toContain('"ok":true');

  await page.reload();
  await expect(files.getByRole("link")).toHaveText(["exactly-10mb.patch", "raw-exact.patch"], { timeout: 30_000 });
  const download = await page.request.get((await files.getByRole("link", { name: "raw-exact.patch" }).getAttribute("href"))!);
  expect((await download.body()).length).toBe(LIMIT);
  console.assertClean();
});

test("without a trusted proxy, a forged X-Forwarded-Host is ignored: a cross-origin action is refused", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL!).origin;

  // A maintainer's browser sends their cookie along with a cross-site POST; the forged header matches the Origin.
  await signInWithLink(page, "forwarded@project.example");
  await enrolTotp(page);
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const post = actionPoster(baseURL!);
  const create = (name: string, headers: Record<string, string>) => {
    const form = new FormData();
    form.append("name", name);
    form.append("roleAddress", "");
    form.append("notes", "");
    return post("createOrganisationAction", "/maintainer/directory", form, { cookie, ...headers });
  };
  const forged = await create("Forged Host Ltd", { Origin: "http://evil.example", "X-Forwarded-Host": "evil.example" });
  expect(forged.status).toBe(500);
  // The same request from the app's own origin goes through (the test can tell the two apart).
  const genuine = await create("Genuine Origin Ltd", { Origin: origin });
  expect(genuine.status).toBeLessThan(400);
  await page.goto("/maintainer/directory");
  await expect(page.getByRole("link", { name: "Genuine Origin Ltd" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Forged Host Ltd")).toHaveCount(0);
});

test("behind a trusted proxy (FOREWARN_TRUST_PROXY=1) the proxy's X-Forwarded-Host is honoured", async ({ request }) => {
  test.setTimeout(240_000);
  // A second production server of its own, on a scratch embedded database.
  const dataDir = await mkdtemp(path.join(tmpdir(), "forewarn-e2e-proxy-"));
  const port = E2E_PORTS.spare;
  const env: NodeJS.ProcessEnv = { ...process.env, FOREWARN_TRUST_PROXY: "1", FOREWARN_DATA_DIR: dataDir, PORT: String(port), NEXTAUTH_URL: "https://forewarn.example" };
  delete env.DATABASE_URL;
  let output = "";
  const server = spawn(process.execPath, ["scripts/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout.on("data", (d: Buffer) => (output += d.toString()));
  server.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const origin = `http://localhost:${port}`;
  try {
    await expect
      .poll(async () => (await request.get(`${origin}/api/health`).catch(() => null))?.status(), { timeout: 180_000 })
      .toBe(200)
      .catch((error: Error) => {
        throw new Error(`the second server never became healthy:\n${output}\n${error.message}`);
      });
    // The proxy says the public address is https://forewarn.example; a client's own value in front is not believed.
    const proxied = { "X-Forwarded-Host": "evil.example, forewarn.example", "X-Forwarded-Proto": "https" };
    // The action's origin check compares with the proxy's host: the public origin passes (the action then answers
    // for itself: not signed in), another origin does not. (-Proto and -Port: lib/server/http/forwarded-headers.test.ts.)
    const post = actionPoster(origin);
    const form = () => {
      const f = new FormData();
      f.append("name", "Anyone");
      return f;
    };
    // (A cookie by that name only gets past proxy.ts's redirect of signed-out visitors; it is no session.)
    const cookie = "next-auth.session-token=not-a-session";
    const fromPublicOrigin = await post("createOrganisationAction", "/maintainer/directory", form(), { cookie, Origin: "https://forewarn.example", ...proxied });
    expect(fromPublicOrigin.status).toBe(200);
    expect(fromPublicOrigin.body).toContain('"ok":false');
    // The client's own "evil.example", in front of the proxy's value, is what Next reads first: it is not believed.
    const fromElsewhere = await post("createOrganisationAction", "/maintainer/directory", form(), { cookie, Origin: "http://evil.example", ...proxied });
    expect(fromElsewhere.status).toBe(500);
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
});
