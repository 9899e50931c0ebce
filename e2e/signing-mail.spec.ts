// Every email is signed (issue 17), in the real app on the production build and through the fake Resend server: with
// the project's key active, each email a maintainer and a vendor member receive on a notice's way — sign-in links, the
// invitation, the embargoed notice, its disclosure — is an OpenPGP clear-signed text that Debian's gpg verifies
// against the key the portal publishes at /openpgp-key.asc. Any email without a valid signature fails the spec.
//
// Named to run after e2e/signing-key.spec.ts, which leaves the project with an active key; run alone, it generates one.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { readKeys } from "openpgp";
import { createGpg } from "../test/gpg";
import { emailsTo, enrolTotp, signInWithLink } from "./auth-helpers";
import { makeOrg, vendorPage, waitForMail } from "./notice-helpers";

const MAINTAINER = "signmail@project.example";
const MEMBER = "sam@signmail-org.example";

async function publishedKeys(request: APIRequestContext): Promise<string | null> {
  const file = await request.get("/openpgp-key.asc");
  return file.status() === 200 ? file.text() : null;
}

async function ensureKey(page: Page): Promise<string> {
  const existing = await publishedKeys(page.request);
  if (existing) return existing;
  await page.goto("/maintainer/settings/openpgp-key");
  await page.getByRole("group", { name: "Generate a key here" }).getByRole("button", { name: "Generate a new key" }).click();
  await expect(page.getByText(/generated: it signs from now on\.$/)).toBeVisible({ timeout: 60_000 });
  return (await publishedKeys(page.request))!;
}

test("every email on a notice's way verifies with gpg against the published key", async ({ page, browser }) => {
  test.setTimeout(300_000);
  page.on("dialog", (d) => void d.accept());
  await signInWithLink(page, MAINTAINER);
  await enrolTotp(page);
  const armored = await ensureKey(page);
  // From here on the project has a key (run alone, this spec's first sign-in link went before it had one).
  const since = Date.now() - 1_000;
  const fingerprints = (await readKeys({ armoredKeys: armored })).map((k) => k.getFingerprint().toUpperCase());

  await makeOrg(page, `Signmail Org ${Date.now()}`, MEMBER);
  const title = `Signed notice ${Date.now()}`;
  await page.goto("/maintainer/notices/new");
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible({ timeout: 30_000 });
  const reference = (await page.locator("header .font-mono").first().textContent())!.trim();
  await page.getByRole("button", { name: "Send notice" }).click();
  await expect(page.getByText(/^Sent to \d+ organisations?/)).toBeVisible({ timeout: 60_000 });
  await waitForMail(page, MEMBER, new RegExp(`${reference}`));

  // The member signs in from the (signed) sign-in email and reads the notice; then the embargo ends early.
  const member = await vendorPage(browser, MEMBER);
  await member.close();
  const endForm = page.getByRole("form", { name: "End embargo now" });
  await endForm.getByLabel("Reason").fill("The fix is public upstream.");
  await endForm.getByRole("button", { name: "End embargo now" }).click();
  await expect(page.getByText("disclosed").first()).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => (await emailsTo(page.request, MEMBER)).filter((m) => m.subject.includes(reference)).length, { timeout: 120_000 }).toBeGreaterThanOrEqual(2);

  // This spec's own emails: everything to the new member, and to the maintainer the sign-in links and this notice's.
  // (Maintainers also get alerts queued by earlier specs, some before the project had a key: sent as prepared.)
  const mine = (await emailsTo(page.request, MAINTAINER)).filter((m) => Date.parse(m.receivedAt) >= since && (m.subject === "Your Forewarn sign-in link" || m.subject.includes(reference)));
  const mails = [...mine, ...(await emailsTo(page.request, MEMBER))];
  // What must be among them: sign-in links for both, the invitation, the embargoed notice and the disclosure.
  expect(mails.filter((m) => m.subject === "Your Forewarn sign-in link").length).toBeGreaterThanOrEqual(1);
  expect(mails.some((m) => /\[EMBARGOED\]/.test(m.subject) && m.subject.includes(reference))).toBe(true);
  expect(mails.filter((m) => m.subject.includes(reference)).length).toBeGreaterThanOrEqual(2);
  const gpg = createGpg();
  try {
    expect(gpg.importKey(armored).ok).toBe(true);
    const unsigned: string[] = [];
    for (const mail of mails) {
      const signer = mail.text ? gpg.verifyClearSigned(mail.text) : null;
      if (!signer || !fingerprints.includes(signer.toUpperCase())) unsigned.push(`${mail.subject} → ${mail.to.join(",")}`);
      // Nothing embargoed in clear: the notice email carries the link and the reference, not the title.
      if (/\[EMBARGOED\]/.test(mail.subject)) expect(mail.text).not.toContain(title);
    }
    expect(unsigned, "emails without a valid signature by the project's key").toEqual([]);
  } finally {
    gpg.dispose();
  }
});
