// Moving a list in: a maintainer previews a CSV import (what each row does, who would be invited), confirms it with
// invitations, is refused a stale confirm, and invites the people an import created without inviting them.
import { expect, test, type Page } from "@playwright/test";
import { emailsTo, enrolTotp, signInWithLink } from "./auth-helpers";
import { fitsPhone, saveScreenshot, watchConsole } from "./support";

const run = Date.now().toString(36);
const org = `Zenith ${run}`;
const z1 = `z1-${run}@zenith.example`;
const z2 = `z2-${run}@zenith.example`;
const z3 = `z3-${run}@zenith.example`;

async function preview(page: Page, csv: string): Promise<void> {
  await page.goto("/maintainer/directory/import");
  await page.getByLabel("…or paste its contents").fill(csv);
  await page.getByRole("button", { name: "Preview import" }).click();
}

test("import: preview says who will be emailed, nothing is sent before confirm, a stale confirm is refused, bulk invite sends once", async ({ page }) => {
  test.setTimeout(180_000);
  const console = watchConsole(page);
  await signInWithLink(page, "import@project.example");
  await enrolTotp(page);
  await expect(page).toHaveURL(/\/maintainer$/);

  // A bad row: named with its row and column; nothing can be imported.
  await preview(page, `organisation,member_email,member_admin\n"${org}",${z1},perhaps\n`);
  await expect(page.getByText('Row 2: member_admin "perhaps" is not yes or no.')).toBeVisible();
  await expect(page.getByRole("button", { name: "Import now" })).toHaveCount(0);

  // The preview: one invited person (z1) would be emailed; the active one (z2) would not. Nothing is sent yet.
  const file = `organisation,organisation_status,role_address,member_email,member_name,member_status\n"${org}",active,security@zenith.example,${z1},Zoe,\n"${org}",,,${z2},,active\n`;
  await preview(page, file);
  await expect(page.getByRole("heading", { name: "Preview: 2 row(s) to create, 0 to update, 0 unchanged" })).toBeVisible();
  const invitees = page.locator("#import-invitees");
  await expect(invitees).toContainText("1 invitation email(s)");
  await expect(invitees).toContainText(z1);
  await expect(invitees).not.toContainText(z2);
  await saveScreenshot(page, "directory-import-preview");
  await fitsPhone(page);
  expect(await emailsTo(page.request, z1)).toEqual([]);

  await page.getByLabel(/Invite the people this creates/).check();
  await page.getByRole("button", { name: "Import now" }).click();
  await expect(page.getByText("1 invitation email(s) queued.")).toBeVisible();
  await expect.poll(async () => (await emailsTo(page.request, z1)).length, { timeout: 60_000 }).toBe(1);
  expect(await emailsTo(page.request, z2)).toEqual([]);

  // A preview made stale by another change (the same file confirmed in another tab) is refused: nothing happens.
  const more = `organisation,member_email\n"${org}",${z3}\n`;
  await preview(page, more);
  await expect(page.getByRole("button", { name: "Import now" })).toBeVisible();
  const other = await page.context().newPage();
  await preview(other, more);
  await other.getByRole("button", { name: "Import now" }).click();
  await expect(other.getByText("No invitation email was sent.")).toBeVisible();
  await page.getByRole("button", { name: "Import now" }).click();
  await expect(page.getByText(/The directory changed since your preview/)).toBeVisible();

  // z3 was created without an invitation: the organisation's page offers to invite them, stating the count.
  // (The directory page has the same form for everyone: wait until the organisation's page is there.)
  await page.goto("/maintainer/directory");
  await page.getByRole("link", { name: org }).click();
  await expect(page.getByRole("heading", { level: 1, name: org })).toBeVisible();
  const bulk = page.getByTestId("invite-uninvited");
  await expect(bulk).toContainText(z3);
  await expect(bulk).not.toContainText(z1);
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toBe("Send an invitation email to 1 person?");
    void dialog.accept();
  });
  await bulk.getByRole("button", { name: "Invite everyone not yet invited (1)" }).click();
  await expect(bulk.getByText("Invitations queued for 1 person.")).toBeVisible();
  await expect.poll(async () => (await emailsTo(page.request, z3)).length, { timeout: 60_000 }).toBe(1);
  await page.reload();
  await expect(page.getByTestId("invite-uninvited")).toContainText("Everyone who can be invited has had an invitation email");
  expect(await emailsTo(page.request, z1)).toHaveLength(1);
  console.assertClean();
});
