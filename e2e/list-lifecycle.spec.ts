// Everyone on the list is told (issue 12), end to end on the production build: an organisation with two invited
// members who never signed in, one active member and a role address gets exactly four notice emails, counted at the
// fake Resend — and every follow-up (revision, reminder, date change, end of the embargo) reaches the same four. The
// send panel says so before anything is sent, and an organisation that was never activated is named there with the
// fix in place.
import { expect, test, type Page } from "@playwright/test";
import { emailsTo, enrolTotp, signInWithLink } from "./auth-helpers";
import { vendorPage } from "./notice-helpers";
import { fitsPhone, saveScreenshot, watchConsole } from "./support";

const MAINTAINER = "lifecycle@project.example";
const ORG = "Lifecycle Org";
const LATE = "Forgotten Org";
const ACTIVE = "ana@lifecycle.example";
const INVITED = ["ben@lifecycle.example", "cleo@lifecycle.example"];
const ROLE = "security@lifecycle.example";
const LATE_MEMBER = "fay@forgotten.example";
const EVERYONE = [ACTIVE, ...INVITED, ROLE];
const TITLE = "Everyone told: integer overflow in the chunk parser";

async function createOrganisation(page: Page, name: string, roleAddress: string | null, members: string[]): Promise<string> {
  await page.goto("/maintainer/directory");
  await page.getByLabel("Name", { exact: true }).fill(name);
  if (roleAddress) await page.getByLabel("Role address (optional)").fill(roleAddress);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  for (const member of members) {
    const form = page.getByRole("form", { name: "Invite a member" });
    await form.getByLabel("Email").fill(member);
    await form.getByRole("button", { name: "Invite member" }).click();
    await expect(page.getByText(member).first()).toBeVisible();
  }
  return page.url();
}

/** The notice emails with this subject ending, per address: waits until every address has one. */
async function eachGetsOne(page: Page, addresses: string[], ending: string): Promise<Map<string, string>> {
  const bodies = new Map<string, string>();
  await expect
    .poll(
      async () => {
        for (const to of addresses) {
          const mails = (await emailsTo(page.request, to)).filter((m) => m.subject.endsWith(ending));
          if (mails.length === 1) bodies.set(to, mails[0]!.text ?? "");
          if (mails.length > 1) throw new Error(`${to} received ${mails.length} emails ending "${ending}"`);
        }
        return bodies.size;
      },
      { timeout: 60_000 },
    )
    .toBe(addresses.length);
  return bodies;
}

test("a notice and every follow-up reach every invited or active member and the role address, each once", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const console = watchConsole(page);
  page.on("dialog", (dialog) => void dialog.accept());
  await signInWithLink(page, MAINTAINER);
  await enrolTotp(page);

  // An organisation created, filled and never activated says so in the directory, with Activate beside it.
  const lateUrl = await createOrganisation(page, LATE, null, [LATE_MEMBER]);
  await expect(page.getByText("Not on the list yet: notices skip this organisation")).toBeVisible();
  await page.goto("/maintainer/directory");
  const lateRow = page.getByRole("row").filter({ hasText: LATE });
  await expect(lateRow).toContainText("Gets no notices until activated.");
  await expect(lateRow.getByRole("button", { name: `Activate ${LATE}` })).toBeVisible();

  await createOrganisation(page, ORG, ROLE, [ACTIVE, ...INVITED]);
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: `Activate ${ORG}` }).click();
  await expect(page.getByText("Not on the list yet")).toHaveCount(0, { timeout: 30_000 });
  // One of the three signs in (and so becomes active); the other two never do.
  const ana = await vendorPage(browser, ACTIVE);
  await ana.close();

  await page.goto("/maintainer/notices/new");
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Selected organisations").check();
  await page.getByRole("checkbox", { name: new RegExp(ORG) }).check();
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  const noticeUrl = page.url();
  const noticeId = noticeUrl.split("/").at(-1)!;
  const reference = (await page.locator("header .font-mono").first().textContent())!.trim();

  // The send panel: exactly what will be queued.
  const table = page.getByRole("table", { name: /would receive the notice/ });
  const row = table.getByRole("row").filter({ hasText: ORG });
  await expect(row.getByRole("cell")).toHaveText(["3", "2", "set", "4", "link only"]);
  await expect(table.locator("tfoot")).toContainText("4");
  await saveScreenshot(page, "send-panel");
  await fitsPhone(page);

  let confirmation = "";
  page.removeAllListeners("dialog");
  page.on("dialog", (dialog) => {
    confirmation = dialog.message();
    void dialog.accept();
  });
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Send notice" }).click();
  await expect(page.getByText("Sent to 1 organisation.")).toBeVisible({ timeout: 30_000 });
  expect(confirmation).toBe(`Send ${reference} to 1 organisation? 4 emails will be queued: 3 people (2 not signed in yet) and 1 role address. This cannot be undone.`);
  await expect(page.getByText("4 emails are queued")).toBeVisible();

  // Four emails, one per address; the two who never signed in are told how to get in; the role address that it
  // cannot sign in; nothing of the notice in clear, and no other address in any of them.
  const sent = await eachGetsOne(page, EVERYONE, `${reference}: advance security notice`);
  for (const to of INVITED) expect(sent.get(to)).toContain("You have not signed in to Forewarn yet");
  expect(sent.get(ACTIVE)).not.toContain("You have not signed in");
  expect(sent.get(ROLE)).toContain("which cannot sign in itself");
  for (const [to, text] of sent) {
    expect(text).toContain(`/vendor/notices/${noticeId}`);
    expect(text).not.toContain(TITLE);
    for (const other of EVERYONE.filter((a) => a !== to)) expect(text).not.toContain(other);
  }
  expect((await emailsTo(page.request, LATE_MEMBER)).filter((m) => m.subject.includes(reference))).toEqual([]);

  // An invited member who never signed in follows the email: signs in, reads the notice.
  const ben = await vendorPage(browser, INVITED[0]!);
  await ben.goto(`/vendor/notices/${noticeId}`);
  await ben.getByRole("button", { name: "I accept these terms" }).click();
  await expect(ben.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await ben.close();

  // Every follow-up reaches the same four.
  await page.goto(`${noticeUrl}/edit`);
  await page.getByLabel("Summary (optional)").fill("Only 32-bit builds are affected.");
  await page.getByLabel("What changed (sent to every recipient)").fill("Narrowed to 32-bit builds.");
  await page.getByRole("button", { name: "Save revision" }).click();
  await page.waitForURL(new RegExp(`/maintainer/notices/${noticeId}$`));
  await eachGetsOne(page, EVERYONE, `${reference}: updated`);

  await page.goto(`${noticeUrl}/tracking`);
  // The page's scripts are running before its buttons are pressed (a busy machine hydrates slowly).
  await page.waitForLoadState("networkidle");
  await page.getByRole("row").filter({ hasText: ORG }).getByRole("button", { name: "Remind" }).click();
  await expect(page.getByText("Reminder queued for 1 organisation.")).toBeVisible({ timeout: 30_000 });
  await eachGetsOne(page, EVERYONE, `${reference}: please acknowledge`);

  await page.goto(noticeUrl);
  await page.waitForLoadState("networkidle");
  const dateForm = page.getByRole("form", { name: "Change the disclosure time" });
  const current = await dateForm.locator('input[type="datetime-local"]').inputValue();
  await dateForm.locator('input[type="datetime-local"]').fill(new Date(new Date(`${current}Z`).getTime() + 24 * 3_600_000).toISOString().slice(0, 16));
  await dateForm.getByLabel("Change note").fill("One more day for the releases.");
  await dateForm.getByRole("button", { name: "Change disclosure time" }).click();
  await expect(page.getByText(/Revision 2/).first()).toBeVisible({ timeout: 30_000 });
  const moved = new Map<string, number>();
  await expect
    .poll(async () => {
      for (const to of EVERYONE) moved.set(to, (await emailsTo(page.request, to)).filter((m) => m.subject.includes(`${reference}: disclosure time changed to`)).length);
      return [...moved.values()];
    }, { timeout: 60_000 })
    .toEqual([1, 1, 1, 1]);

  const endForm = page.getByRole("form", { name: "End embargo now" });
  await endForm.getByLabel("Reason").fill("Exploited in the wild.");
  await endForm.getByRole("button", { name: "End embargo now" }).click();
  const ended = await eachGetsOne(page, EVERYONE, `${reference}: embargo ended`);
  for (const text of ended.values()) {
    expect(text).toContain("Exploited in the wild.");
    expect(text).toContain(`/advisories/${noticeId}`);
  }
  // The organisation never activated got nothing at all; it is activated in place from its page.
  expect((await emailsTo(page.request, LATE_MEMBER)).filter((m) => m.subject.includes(reference))).toEqual([]);
  await page.goto(lateUrl);
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: `Activate ${LATE}` }).click();
  await expect(page.getByText("Not on the list yet")).toHaveCount(0, { timeout: 30_000 });
  console.assertClean();
});
