// The CSAF provider (CSAF 2.0 §7, role csaf_provider), in the real app on the production build: a maintainer gives
// the project an OpenPGP key and ends an embargo; then an anonymous client (no cookie at all) walks what a CSAF
// downloader walks — security.txt's CSAF field → provider-metadata.json (valid against the OASIS schema) → the
// directory's index.txt and changes.csv → the document, its .sha256/.sha512 (of the bytes it got) and its .asc
// (verified with gpg against the key the metadata lists). The embargoed notice beside it is nowhere.
//
// Named to run after e2e/signing-key.spec.ts: from the first key on, everything is signed for every spec that runs
// later (the server's database is shared), so the specs that make a key run last. It leaves an ACTIVE key, as that
// spec does (a rotation: the key made here replaces whatever was active).
import { createHash } from "node:crypto";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { csafFailures, providerMetadataErrors } from "../test/csaf-validation";
import { createGpg } from "../test/gpg";
import { enrolTotp, signInWithLink } from "./auth-helpers";
import { fillArchiverSettings, makeOrg } from "./notice-helpers";

const MAINTAINER = "csaf@project.example";
const MEMBER = "mo@csaf-org.example";

type Metadata = { canonical_url: string; role: string; distributions: Array<{ directory_url: string }>; public_openpgp_keys: Array<{ fingerprint: string; url: string }> };

test("an anonymous client walks the CSAF provider: metadata, directory, document, hashes and signature", async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  await signInWithLink(page, MAINTAINER);
  await enrolTotp(page);
  const settings = await fillArchiverSettings(page, "PyPI archiver");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible({ timeout: 30_000 });
  await makeOrg(page, "CSAF Org", MEMBER);

  // A project key (a rotation if another spec made one before): the documents are signed by it.
  page.on("dialog", (d) => void d.accept());
  await page.goto("/maintainer/settings/openpgp-key");
  await page.getByRole("group", { name: "Generate a key here" }).getByRole("button", { name: "Generate a new key" }).click();
  const done = page.getByText(/^New key ([0-9A-F]{4} ){9}[0-9A-F]{4} generated: it signs from now on\.$/);
  await expect(done).toBeVisible({ timeout: 60_000 });
  const fingerprint = (await done.textContent())!.match(/([0-9A-F]{4} ){9}[0-9A-F]{4}/)![0].replace(/ /g, "");
  const anonymous = await playwrightRequest.newContext({ baseURL: baseURL! });
  const metadataNow = async () => (await (await anonymous.get("/.well-known/csaf/provider-metadata.json")).json()) as Metadata;
  expect((await metadataNow()).public_openpgp_keys[0]?.fingerprint).toBe(fingerprint);

  const notice = async (title: string) => {
    await page.goto("/maintainer/notices/new");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Summary (optional)").fill("A crafted archive header overflows a buffer.");
    await page.getByRole("button", { name: "Create draft" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible({ timeout: 30_000 });
    const reference = (await page.locator("header .font-mono").first().textContent())!.trim();
    await page.getByRole("button", { name: "Send notice" }).click();
    await expect(page.getByText(/^Sent to \d+ organisations?/)).toBeVisible({ timeout: 30_000 });
    return { reference, file: `${reference.toLowerCase()}.json` };
  };
  const stamp = Date.now();
  const embargoed = await notice(`CSAF embargoed ${stamp}`);
  const published = await notice(`CSAF published ${stamp}`);
  const endForm = page.getByRole("form", { name: "End embargo now" });
  await endForm.getByLabel("Reason").fill("The fix is public upstream.");
  await endForm.getByRole("button", { name: "End embargo now" }).click();
  await expect(page.getByText("disclosed").first()).toBeVisible({ timeout: 30_000 });

  // security.txt names the provider metadata (§7.1.8).
  const securityTxt = await (await anonymous.get("/.well-known/security.txt")).text();
  const csafField = /^CSAF: (.+)$/m.exec(securityTxt)?.[1];
  expect(csafField).toMatch(/\/\.well-known\/csaf\/provider-metadata\.json$/);

  // The metadata: valid, the provider role, the directory.
  const metadataResponse = await anonymous.get(new URL(csafField!).pathname);
  expect(metadataResponse.headers()["content-type"]).toBe("application/json; charset=utf-8");
  expect(metadataResponse.headers()["cache-control"]).toMatch(/^public\b/);
  const metadata = (await metadataResponse.json()) as Metadata;
  expect(providerMetadataErrors(metadata)).toEqual([]);
  expect(metadata.role).toBe("csaf_provider");
  const directory = new URL(metadata.distributions[0]!.directory_url).pathname;

  // The publication job runs right after the disclosure: the document appears in index.txt shortly.
  let path = "";
  await expect
    .poll(async () => (path = (await (await anonymous.get(`${directory}/index.txt`)).text()).split("\n").find((p) => p.endsWith(`/${published.file}`)) ?? ""), { timeout: 90_000 })
    .not.toBe("");
  const index = await (await anonymous.get(`${directory}/index.txt`)).text();
  const changes = await (await anonymous.get(`${directory}/changes.csv`)).text();
  expect(index).not.toContain(embargoed.file);
  expect(changes).not.toContain(embargoed.file);

  const documentResponse = await anonymous.get(`${directory}/${path}`);
  expect(documentResponse.status()).toBe(200);
  const bytes = await documentResponse.body();
  const doc = JSON.parse(bytes.toString("utf8")) as { document: { title: string; tracking: { id: string; current_release_date: string }; distribution: { tlp: { label: string } } } };
  expect(doc.document.tracking.id).toBe(published.reference);
  expect(doc.document.distribution.tlp.label).toBe("WHITE");
  expect(await csafFailures(doc, { overHttp: true })).toEqual([]);
  expect(changes).toContain(`"${path}","${doc.document.tracking.current_release_date}"`);
  for (const algorithm of ["sha256", "sha512"] as const) {
    const hash = await (await anonymous.get(`${directory}/${path}.${algorithm}`)).text();
    expect(hash.split(/\s+/)[0]).toBe(createHash(algorithm).update(bytes).digest("hex"));
  }

  // The signature: by the key generated here (the active one, listed first), verified by gpg; one byte more and it
  // fails.
  const signature = await anonymous.get(`${directory}/${path}.asc`);
  expect(signature.headers()["content-type"]).toBe("application/pgp-signature");
  const gpg = createGpg();
  try {
    const listed = (await metadataNow()).public_openpgp_keys;
    for (const key of listed) expect(gpg.importKey(await (await anonymous.get(new URL(key.url).pathname)).text()).ok).toBe(true);
    const signer = gpg.verifyDetached(await signature.text(), bytes);
    expect(signer).toBe(fingerprint);
    expect(listed[0]!.fingerprint).toBe(fingerprint);
    expect(gpg.verifyDetached(await signature.text(), Buffer.concat([bytes, Buffer.from(" ")]))).toBeNull();
  } finally {
    gpg.dispose();
  }

  // The embargoed notice: not there under any name, for anyone — the maintainer's own session included.
  const year = path.slice(0, 4);
  for (const ext of ["", ".asc", ".sha256", ".sha512"]) {
    expect((await anonymous.get(`${directory}/${year}/${embargoed.file}${ext}`)).status()).toBe(404);
    expect((await page.request.get(`${directory}/${year}/${embargoed.file}${ext}`)).status()).toBe(404);
  }
  // The year's listing links the document and its files.
  const listing = await (await anonymous.get(`${directory}/${year}`)).text();
  expect(listing).toContain(`href="${directory}/${path}.asc"`);
  await anonymous.dispose();
});
