// The project's OpenPGP key (issue 17), in the real app on the production build: a maintainer generates a key and
// sees its fingerprint; /openpgp-key.asc serves it and gpg imports it; a rotation keeps the old key published; an
// expired private key pasted for import is refused with the reason and nothing of it comes back. The report key file
// follows the project's key, and the vendors' public pages show its fingerprint.
//
// This spec leaves the project with an ACTIVE key (from then on everything is signed): the server's database is
// shared by the specs that run after it, and an active key is a state they can all work with (a revoked one would
// stop every send). It is named to run after the report specs, which set a report key of their own in Settings.
import { expect, test, type Page } from "@playwright/test";
import { generateKey, readKeys } from "openpgp";
import { createGpg } from "../test/gpg";
import { enrolTotp, signInWithLink } from "./auth-helpers";

const MAINTAINER = "key@project.example";

async function generateOnPage(page: Page): Promise<string> {
  await page.goto("/maintainer/settings/openpgp-key");
  const form = page.getByRole("group", { name: "Generate a key here" });
  await form.getByRole("button", { name: "Generate a new key" }).click();
  const done = page.getByText(/^New key ([0-9A-F]{4} ){9}[0-9A-F]{4} generated: it signs from now on\.$/);
  await expect(done).toBeVisible({ timeout: 60_000 });
  return (await done.textContent())!.match(/([0-9A-F]{4} ){9}[0-9A-F]{4}/)![0].replace(/ /g, "");
}

test("a maintainer generates the project's key, rotates it, and an expired key is refused on import", async ({ page, request }) => {
  test.setTimeout(240_000);
  page.on("dialog", (d) => void d.accept());
  await signInWithLink(page, MAINTAINER);
  await enrolTotp(page);

  await page.goto("/maintainer/settings");
  await page.getByRole("link", { name: /Generate or import a key|Manage the key/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "The project's OpenPGP key" })).toBeVisible();

  const first = await generateOnPage(page);
  await expect(page.getByTestId("key-fingerprint").first()).toHaveText(first.replace(/(.{4})/g, "$1 ").trim());
  await expect(page.getByText("Active: signs everything")).toBeVisible();

  // Published: the plain URL serves it with the key content type, and gpg imports it.
  const file = await request.get("/openpgp-key.asc");
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toMatch(/^application\/pgp-keys/);
  const armored = await file.text();
  expect(armored).toContain("-----BEGIN PGP PUBLIC KEY BLOCK-----");
  expect(armored).not.toContain("PRIVATE");
  const gpg = createGpg();
  try {
    const imported = gpg.importKey(armored);
    expect(imported.ok, imported.status).toBe(true);
    expect(imported.status).toContain(`IMPORT_OK`);
    expect(gpg.run(["--with-colons", "--list-keys"]).stdout.toString()).toContain(`fpr:::::::::${first}:`);
  } finally {
    gpg.dispose();
  }
  // One key for the project: reports are encrypted to it now, and vendors can see its fingerprint.
  const reportKey = await request.get("/report/public-key.asc");
  expect(reportKey.status()).toBe(200);
  expect((await readKeys({ armoredKeys: await reportKey.text() })).map((k) => k.getFingerprint().toUpperCase())).toEqual([first]);
  expect((await request.get("/.well-known/openpgpkey/policy")).status()).toBe(200);

  // Rotation: the new key is active, the old one retired and still published.
  const second = await generateOnPage(page);
  expect(second).not.toBe(first);
  await expect(page.getByTestId("key-fingerprint").first()).toHaveText(second.replace(/(.{4})/g, "$1 ").trim());
  await expect(page.getByText("Retired: published, no longer signs")).toBeVisible();
  const published = await readKeys({ armoredKeys: await (await request.get("/openpgp-key.asc")).text() });
  expect(published.map((k) => k.getFingerprint().toUpperCase())).toEqual(expect.arrayContaining([first, second]));

  // An expired private key pasted for import: refused with the reason; the field is cleared; nothing echoed.
  const { privateKey } = await generateKey({
    type: "ecc",
    curve: "curve25519Legacy",
    userIDs: [{ name: "Old", email: "old@project.example" }],
    date: new Date(Date.now() - 30 * 86_400_000),
    keyExpirationTime: 86_400,
    format: "armored",
  });
  const form = page.getByRole("group", { name: "Import an existing key" });
  await form.getByLabel("Private key").fill(privateKey);
  await form.getByRole("button", { name: "Import the key" }).click();
  await expect(form.getByText(/This key expired on \d{4}-\d{2}-\d{2} \(UTC\)/).first()).toBeVisible({ timeout: 30_000 });
  await expect(form.getByLabel("Private key")).toHaveValue("");
  const html = await page.content();
  for (const line of privateKey.split("\n").filter((l) => l.length >= 24 && !l.startsWith("-----"))) expect(html).not.toContain(line.slice(0, 24));
  await expect(page.getByTestId("key-fingerprint").first()).toHaveText(second.replace(/(.{4})/g, "$1 ").trim());
});
