// Organisation names that look alike: the maintainer's form asks for a confirmation that names the look-alike, and
// keeps what was typed; invisible characters are refused with the character named; a very long name wraps.
import { expect, test } from "@playwright/test";
import { enrolTotp, signInWithLink } from "./auth-helpers";
import { fitsPhone, watchConsole } from "./support";

test("a look-alike organisation name needs a confirmation naming the existing one; an invisible character is named", async ({ page }) => {
  test.setTimeout(120_000);
  const console = watchConsole(page);
  const unique = Date.now().toString(36);
  const existing = `Bluefin OS ${unique}`;
  await signInWithLink(page, "names@project.example");
  await enrolTotp(page);
  await page.goto("/maintainer/directory");
  await page.getByLabel("Name", { exact: true }).fill(existing);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: existing })).toBeVisible({ timeout: 30_000 });

  await page.goto("/maintainer/directory");
  const lookalike = `BLUEFIN-OS ${unique}`;
  await page.getByLabel("Name", { exact: true }).fill(lookalike);
  await page.getByLabel("Role address (optional)").fill(`security@${unique}.example`);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("alert").filter({ hasText: `“${lookalike}” looks like “${existing}”` })).toBeVisible({ timeout: 30_000 });
  // What was typed is still there; the box names the look-alike.
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(lookalike);
  await expect(page.getByLabel("Role address (optional)")).toHaveValue(`security@${unique}.example`);
  await page.getByLabel(`Yes, this is a different organisation from “${existing}”`).check();
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: lookalike })).toBeVisible({ timeout: 30_000 });

  await page.goto("/maintainer/directory");
  await page.getByLabel("Name", { exact: true }).fill(`Globex\u202e ${unique}`);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByText("The name contains U+202E RIGHT-TO-LEFT OVERRIDE").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("link", { name: new RegExp(`Globex.*${unique}`) })).toHaveCount(0);

  // A name as long as the form takes and without a space wraps inside the page (it widened the page to 2,231 px and
  // pushed the buttons out of their panel); so does the new-notice form's hint with its long CVSS example.
  const long = `${"W".repeat(110)}${unique}`.slice(0, 120);
  await page.goto("/maintainer/directory");
  await page.getByLabel("Name", { exact: true }).fill(long);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: long })).toBeVisible({ timeout: 30_000 });
  await fitsPhone(page);
  await page.goto("/maintainer/notices/new");
  await fitsPhone(page);
  console.assertClean();
});
