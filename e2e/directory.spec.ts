// The directory journey of issue 3: a maintainer invites an organisation and a member; the member signs in and sees
// only their own organisation; the maintainer suspends the member and the member's open page is refused at once.
import { expect, test, type Page } from "@playwright/test";
import { emailsTo, enrolTotp, latestSignInLink, signInWithLink } from "./auth-helpers";
import { saveScreenshot, watchConsole } from "./support";

async function createActiveOrganisation(page: Page, name: string, roleAddress: string): Promise<string> {
  await page.goto("/maintainer/directory");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Role address (optional)").fill(roleAddress);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.getByRole("button", { name: "Activate", exact: true }).click();
  await expect(page.getByRole("button", { name: "Suspend" })).toBeVisible();
  await expect(page.getByText("active", { exact: true })).toBeVisible();
  return page.url();
}

async function inviteMember(page: Page, email: string, name: string): Promise<void> {
  const form = page.getByRole("form", { name: "Invite a member" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Name (optional)").fill(name);
  await form.getByRole("button", { name: "Invite member" }).click();
  await expect(page.getByText("Invitation sent.")).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
}

test("maintainer invites an organisation and a member; the member sees only their own; suspension ends the member's session at once", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const console = watchConsole(page);
  await signInWithLink(page, "journey@project.example");
  await enrolTotp(page);
  await expect(page).toHaveURL(/\/maintainer$/);

  const aurora = await createActiveOrganisation(page, "Aurora Linux", "security@aurora.example");
  await inviteMember(page, "mira@aurora.example", "Mira Chen");
  await saveScreenshot(page, "organisation");
  await createActiveOrganisation(page, "Bluefin OS", "security@bluefin.example");
  await inviteMember(page, "ines@bluefin.example", "Inès Laurent");
  await page.goto("/maintainer/directory");
  await expect(page.getByRole("link", { name: "Aurora Linux" })).toBeVisible();
  await saveScreenshot(page, "directory");
  // Bad input gets a clear message and changes nothing.
  await page.getByLabel("Name", { exact: true }).fill("Aurora Linux");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByText('An organisation named "Aurora Linux" already exists.')).toBeVisible();
  console.assertClean();

  const invitation = (await emailsTo(page.request, "mira@aurora.example")).find((m) => m.subject.startsWith("Invitation: "));
  expect(invitation?.text).toContain("Aurora Linux");
  expect(invitation?.text).not.toContain("Bluefin");

  // The member, in a browser of her own.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await signInWithLink(member, "mira@aurora.example");
  const firstLink = await latestSignInLink(member.request, "mira@aurora.example");
  await expect(member).toHaveURL(/\/vendor$/);
  await expect(member.getByRole("heading", { level: 1, name: "Aurora Linux" })).toBeVisible();
  await saveScreenshot(member, "vendor-home");
  for (const path of ["/vendor", "/account"]) {
    await member.goto(path);
    expect(await member.content()).not.toContain("Bluefin");
    expect(await member.content()).not.toContain("ines@bluefin.example");
  }
  // The directory does not exist for her: not even its pages' titles or exports.
  for (const path of ["/maintainer/directory", aurora.replace(/^https?:\/\/[^/]+/, ""), "/maintainer/audit"]) {
    const response = await member.goto(path);
    expect(response?.status(), path).toBe(404);
    expect(await member.title()).not.toMatch(/Aurora|Bluefin/);
    expect(await member.content()).not.toContain("security@aurora.example");
  }
  expect((await member.request.get("/api/directory/export")).status()).toBe(404);
  expect((await member.request.get("/api/audit/export")).status()).toBe(404);
  await member.goto("/vendor");
  // She is signed in on a second browser too.
  const secondContext = await browser.newContext();
  const second = await secondContext.newPage();
  await signInWithLink(second, "mira@aurora.example");
  await expect(second).toHaveURL(/\/vendor$/);
  // Her first link again: refused, and recorded as a failed sign-in.
  await member.goto(firstLink);
  await member.getByRole("button", { name: "Sign in" }).click();
  await expect(member.getByText("This sign-in link cannot be used")).toBeVisible();
  // A failed link leaves her session alone.
  await member.goto("/vendor");
  await expect(member.getByRole("heading", { level: 1, name: "Aurora Linux" })).toBeVisible();

  // The maintainer suspends her while her page is open.
  await page.goto(aurora);
  const row = page.getByRole("listitem").filter({ hasText: "mira@aurora.example" });
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Suspend" }).click();
  await expect(row.getByText("suspended", { exact: true })).toBeVisible();

  // Her very next navigation is refused, in both browsers.
  await member.getByRole("link", { name: "Account" }).click();
  await expect(member).toHaveURL(/\/sign-in/);
  await expect(member.getByRole("heading", { name: "Sign in to Forewarn" })).toBeVisible();
  await second.reload();
  await expect(second).toHaveURL(/\/sign-in/);
  await secondContext.close();
  // And she cannot get a new link either: the same answer, no email.
  const before = (await emailsTo(member.request, "mira@aurora.example")).length;
  await member.getByLabel("Email address").fill("mira@aurora.example");
  await member.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(member.getByText("Check your email")).toBeVisible();
  // Refused, so nothing is sent: the request is recorded as refused before its answer, and a refused request never
  // reaches the mailer (a link goes out only after "auth.link.requested"). No time to wait for an email that cannot come.
  await page.goto("/maintainer/audit?action=auth.link.refused");
  await expect(page.getByRole("row").filter({ hasText: "mira@aurora.example" }).filter({ hasText: "auth.link.refused" })).toHaveCount(1);
  expect(await emailsTo(member.request, "mira@aurora.example")).toHaveLength(before);
  await memberContext.close();

  // The audit log recorded it all.
  await page.goto("/maintainer/audit?action=auth.sign-in.failed");
  await expect(page.getByRole("row").filter({ hasText: "mira@aurora.example" }).filter({ hasText: "Verification" })).toHaveCount(1);
  await page.goto("/maintainer/audit?action=directory.member.status-changed");
  await expect(page.getByRole("row").filter({ hasText: "journey@project.example" }).filter({ hasText: "directory.member.status-changed" })).toHaveCount(1);
});
