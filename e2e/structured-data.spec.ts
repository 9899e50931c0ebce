// Structured data validated at the door (issue 16), in the real form on the production build: a range row prefilled
// with the project's first package keeps no purl of its own once its name is retyped (it went out as another
// package's purl before), and an ecosystem typed otherwise than OSV spells it is refused with a message saying what to
// type instead, with nothing saved.
import { expect, test } from "@playwright/test";
import { enrolTotp, signInWithLink } from "./auth-helpers";
import { fillArchiverSettings } from "./notice-helpers";

const MAINTAINER = "structured@project.example";

test("the range editor derives each row's purl from its own package, and refuses an ecosystem OSV does not spell so", async ({ page }) => {
  test.setTimeout(180_000);
  await signInWithLink(page, MAINTAINER);
  await enrolTotp(page);
  // Known packages prefill a new range with the first one (the same settings the notices journey saves).
  const settings = await fillArchiverSettings(page, "PyPI archiver\nPyPI acme-lib");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible({ timeout: 30_000 });

  const title = `Structured data ${Date.now()}`;
  await page.goto("/maintainer/notices/new");
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Add an affected range" }).click();
  const first = page.getByRole("group", { name: "Range 1" });
  await expect(first.getByLabel("Package", { exact: true })).toHaveValue("archiver");
  await expect(first.getByTestId("range-purl")).toHaveText("Package URL: pkg:pypi/archiver");
  // Retyped: the row now names another package, and its purl follows.
  await first.getByLabel("Package", { exact: true }).fill("acme-core-py");
  await expect(first.getByTestId("range-purl")).toHaveText("Package URL: pkg:pypi/acme-core-py");
  await first.getByLabel("Fixed in version").fill("2.0");

  await page.getByRole("button", { name: "Add an affected range" }).click();
  const second = page.getByRole("group", { name: "Range 2" });
  await second.getByLabel("Ecosystem").fill("pypi");
  await second.getByLabel("Package", { exact: true }).fill("acme-tools");
  await second.getByLabel("Fixed in version").fill("1.1");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByText("Range 2: “pypi” is not spelled as OSV spells it: did you mean PyPI?").first()).toBeVisible({ timeout: 30_000 });
  await expect(page).toHaveURL(/\/maintainer\/notices\/new$/);
  await page.goto("/maintainer/notices");
  await expect(page.getByText(title)).toHaveCount(0);

  // Once spelt as OSV spells it, the draft is saved with each row's own purl.
  await page.goto("/maintainer/notices/new");
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Add an affected range" }).click();
  await page.getByRole("group", { name: "Range 1" }).getByLabel("Package", { exact: true }).fill("acme-core-py");
  await page.getByRole("group", { name: "Range 1" }).getByLabel("Fixed in version").fill("2.0");
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible({ timeout: 30_000 });
  await page.goto(`${page.url()}/edit`);
  const saved = JSON.parse((await page.locator('input[name="affectedPackages"]').inputValue()) || "[]") as Array<{ name: string; purl: string }>;
  expect(saved).toEqual([expect.objectContaining({ name: "acme-core-py", purl: "pkg:pypi/acme-core-py" })]);
});
