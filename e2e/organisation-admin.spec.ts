// Organisation admins and need-to-know (issue 12), end to end on the production build: a maintainer makes Ada the
// admin of her organisation; Ada invites a colleague, Cyd, who waits for approval (no email, no sign-in) until the
// maintainer approves from the overview; Cyd signs in with the link from the fake Resend and reads a notice; Ada
// restricts the notice to Cyd; Bea, another member, then finds no trace of it: page (404), <title>, RSC payload, API,
// CSAF and calendar.
import { expect, test, type Page } from "@playwright/test";
import { emailsTo, enrolTotp, requestLink, signInEmailCount, signInWithLink } from "./auth-helpers";
import { makeOrg, vendorPage } from "./notice-helpers";
import { createToken, makeCalendarAddress } from "./token-helpers";
import { fitsPhone, saveScreenshot, watchConsole } from "./support";

const MAINTAINER = "orgadmins@project.example";
const ORG = "Admin Org";
const OTHER = "Neighbour Org";
const ADA = "ada@admin-org.example";
const BEA = "bea@admin-org.example";
const CYD = "cyd@admin-org.example";
const OLI = "oli@neighbour-org.example";
const TITLE = "Need-to-know: use after free in the frobnicator";

async function acceptTerms(page: Page, noticeId: string): Promise<void> {
  await page.goto(`/vendor/notices/${noticeId}`);
  await page.getByRole("button", { name: "I accept these terms" }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
}

test("an organisation admin invites a colleague, the maintainer approves, and a need-to-know restriction hides the notice from another member", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const console = watchConsole(page);
  page.on("dialog", (dialog) => void dialog.accept());
  await signInWithLink(page, MAINTAINER);
  await enrolTotp(page);
  // Approval of invited colleagues: on (the default, set explicitly here).
  await page.goto("/maintainer/settings");
  await page.getByLabel("A maintainer approves each colleague first").check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();

  await makeOrg(page, OTHER, OLI);
  await makeOrg(page, ORG, ADA);
  const orgUrl = page.url();
  const invite = page.getByRole("form", { name: "Invite a member" });
  await invite.getByLabel("Email").fill(BEA);
  await invite.getByRole("button", { name: "Invite member" }).click();
  await expect(page.getByText(BEA)).toBeVisible();
  // The maintainer makes Ada the organisation's admin.
  const adaRow = page.getByRole("listitem").filter({ hasText: ADA });
  await adaRow.getByRole("button", { name: "Make admin" }).click();
  await expect(adaRow.getByText("organisation admin")).toBeVisible();

  // Ada, signed in, has "Your organisation": her organisation's people, nobody else's.
  const ada = await vendorPage(browser, ADA);
  const adaConsole = watchConsole(ada);
  ada.on("dialog", (dialog) => void dialog.accept());
  await ada.getByRole("link", { name: "Your organisation" }).click();
  await expect(ada.getByRole("heading", { level: 1, name: `${ORG}: people` })).toBeVisible();
  await expect(ada.getByRole("list", { name: "Members" })).toContainText(BEA);
  const colleague = ada.getByRole("form", { name: "Invite a colleague" });
  // An address that exists elsewhere: refused without a word about where.
  await colleague.getByLabel("Email").fill(OLI);
  await colleague.getByRole("button", { name: "Invite colleague" }).click();
  await expect(colleague.getByText("This address cannot be invited here; ask the maintainers.")).toBeVisible();
  await colleague.getByLabel("Email").fill(CYD);
  await colleague.getByRole("button", { name: "Invite colleague" }).click();
  await expect(colleague.getByText(/a maintainer approves them first/)).toBeVisible();
  const cydRow = ada.getByRole("list", { name: "Members" }).getByRole("listitem").filter({ hasText: CYD });
  await expect(cydRow.getByText("awaiting approval")).toBeVisible();
  for (const secret of [OTHER, OLI]) expect(await ada.content()).not.toContain(secret);
  await saveScreenshot(ada, "organisation-admin");
  await fitsPhone(ada);

  // Cyd, awaiting approval, cannot sign in: the request is answered like any other, and no link is sent.
  const cydBrowser = await (await browser.newContext()).newPage();
  await requestLink(cydBrowser, CYD);
  // A link requested after Cyd's arrives; Cyd's never does.
  await signInWithLink(await (await browser.newContext()).newPage(), BEA);
  expect(await signInEmailCount(page.request, CYD)).toBe(0);
  expect(await emailsTo(page.request, CYD)).toEqual([]);

  // The maintainer sees who invited Cyd and approves from the overview; the invitation goes out then.
  await page.goto("/maintainer");
  const pending = page.getByRole("list", { name: "Colleagues awaiting approval" }).getByRole("listitem").filter({ hasText: CYD });
  await expect(pending).toContainText(`invited by ${ADA}`);
  await fitsPhone(page);
  await pending.getByRole("button", { name: "Approve" }).click();
  // Approved: off the list (the invitation is queued with the approval).
  await expect(pending).toHaveCount(0);
  await expect.poll(async () => (await emailsTo(page.request, CYD)).some((m) => m.subject.startsWith("Invitation: ")), { timeout: 60_000 }).toBe(true);
  await page.goto(orgUrl);
  await expect(page.getByRole("listitem").filter({ hasText: CYD })).toContainText(`Invited by ${ADA} · approved by ${MAINTAINER}`);
  await fitsPhone(page);

  // Everyone signs in once, then a notice is sent to the organisation.
  const cyd = await vendorPage(browser, CYD);
  const bea = await vendorPage(browser, BEA);
  const token = (await createToken(bea, "need-to-know")).secret;
  const calendar = await makeCalendarAddress(bea);
  await page.goto("/maintainer/notices/new");
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Selected organisations").check();
  await page.getByRole("checkbox", { name: new RegExp(ORG) }).check();
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  const noticeId = page.url().split("/").at(-1)!;
  const reference = (await page.locator("header .font-mono").first().textContent())!.trim();
  await page.getByRole("button", { name: "Send notice" }).click();
  await expect(page.getByText("Sent to 1 organisation.")).toBeVisible();

  // Cyd and Bea read it; Bea's API token and calendar carry it (the positive control for what follows).
  await acceptTerms(cyd, noticeId);
  await acceptTerms(bea, noticeId);
  const api = (path: string) => fetch(new URL(path, page.url()), { headers: { Authorization: `Bearer ${token}` } });
  expect((await api(`/api/v1/notices/${noticeId}`)).status).toBe(200);
  expect(await (await fetch(calendar)).text()).toContain(reference);
  expect((await bea.request.get(`/advisories/${noticeId}/csaf.json`)).status()).toBe(200);

  // Ada restricts the notice to Cyd.
  await ada.goto(`/vendor/notices/${noticeId}`);
  const audience = ada.getByRole("form", { name: `Who in ${ORG} sees this` });
  await audience.getByLabel("Only the people who need to know (ticked below) and the admins").check();
  await audience.getByRole("checkbox", { name: new RegExp(BEA) }).uncheck();
  await expect(audience.getByRole("checkbox", { name: new RegExp(CYD) })).toBeChecked();
  await audience.getByRole("button", { name: "Save who sees this" }).click();
  await expect(audience.getByText(/only the people ticked/)).toBeVisible();
  await fitsPhone(ada);

  // Bea: the same 404 as a notice that does not exist, everywhere.
  const page404 = await bea.request.get(`/vendor/notices/${noticeId}`);
  expect(page404.status()).toBe(404);
  // (An RSC request for a page that is not found still answers 200: what matters is that the payload names nothing.)
  const rsc = await bea.request.get(`/vendor/notices/${noticeId}`, { headers: { RSC: "1" } });
  const missing = await bea.request.get("/vendor/notices/no-such-notice");
  for (const body of [await page404.text(), await rsc.text()]) {
    for (const secret of [TITLE, reference, "frobnicator"]) expect(body).not.toContain(secret);
  }
  expect((await page404.text()).match(/<title>[^<]*<\/title>/)?.[0]).toBe((await missing.text()).match(/<title>[^<]*<\/title>/)?.[0]);
  await bea.goto("/vendor");
  await expect(bea.getByText(reference)).toHaveCount(0);
  expect((await api(`/api/v1/notices/${noticeId}`)).status).toBe(404);
  const list = await (await api("/api/v1/notices")).text();
  expect(list).not.toContain(noticeId);
  expect(list).not.toContain(reference);
  expect((await bea.request.get(`/advisories/${noticeId}/csaf.json`)).status()).toBe(404);
  const ics = await (await fetch(calendar)).text();
  expect(ics).toContain("BEGIN:VCALENDAR");
  expect(ics).not.toContain(reference);
  expect(ics).not.toContain(noticeId);

  // Cyd (chosen) and Ada (admin) still read it.
  await cyd.goto(`/vendor/notices/${noticeId}`);
  await expect(cyd.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  await ada.goto(`/vendor/notices/${noticeId}`);
  await expect(ada.getByRole("form", { name: `Who in ${ORG} sees this` }).getByRole("checkbox", { name: new RegExp(BEA) })).not.toBeChecked();
  // Only an admin has the organisation page and the panel.
  expect((await cyd.request.get("/vendor/organisation")).status()).toBe(404);
  await expect(cyd.getByRole("form", { name: `Who in ${ORG} sees this` })).toHaveCount(0);

  // Ada suspends Bea: signed out at once.
  await ada.goto("/vendor/organisation");
  await ada.getByRole("list", { name: "Members" }).getByRole("listitem").filter({ hasText: BEA }).getByRole("button", { name: "Suspend" }).click();
  await expect(ada.getByRole("list", { name: "Members" }).getByRole("listitem").filter({ hasText: BEA }).getByText("suspended", { exact: true })).toBeVisible();
  await bea.goto("/vendor");
  await expect(bea).toHaveURL(/\/sign-in/);
  console.assertClean();
  adaConsole.assertClean();
});
