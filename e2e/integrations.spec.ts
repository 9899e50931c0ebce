// Issue 6, vendor integrations, end to end on the production build: a vendor member creates a personal API token in
// the portal, uses it from a plain HTTP client (Node's fetch, no browser, no cookie), finds the embargo terms still
// apply, revokes the token, and the very next call fails; the private calendar feed carries the reference and time
// but never the title, and a rotated address stops working at once.
import ICAL from "ical.js";
import { expect, test, type Page } from "@playwright/test";
import { enrolTotp, signInWithLink } from "./auth-helpers";
import { createToken, makeCalendarAddress, revokeToken } from "./token-helpers";
import { fitsPhone, saveScreenshot, watchConsole } from "./support";

const MAINTAINER = "integrations@project.example";
const MEMBER = "ida@integrations-a.example";
const TITLE = "Integer overflow in the integrations frobnicator";

async function setUp(page: Page): Promise<{ noticeId: string; reference: string }> {
  await signInWithLink(page, MAINTAINER);
  await enrolTotp(page);
  await page.goto("/maintainer/directory");
  await page.getByLabel("Name", { exact: true }).fill("Integrations Org A");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await page.getByRole("button", { name: "Activate", exact: true }).click();
  await expect(page.getByRole("button", { name: "Suspend" })).toBeVisible();
  const invite = page.getByRole("form", { name: "Invite a member" });
  await invite.getByLabel("Email").fill(MEMBER);
  await invite.getByRole("button", { name: "Invite member" }).click();
  await expect(page.getByText(MEMBER)).toBeVisible();
  page.on("dialog", (d) => void d.accept());
  await page.goto("/maintainer/notices/new");
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Selected organisations").check();
  await page.getByRole("checkbox", { name: /Integrations Org A/ }).check();
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  const noticeId = page.url().split("/").at(-1)!;
  const reference = (await page.locator("header .font-mono").first().textContent())!.trim();
  expect(reference).toMatch(/^FW-\d{4}-\d{4}$/);
  await page.getByRole("button", { name: "Send notice" }).click();
  await expect(page.getByText("Sent to 1 organisation.")).toBeVisible();
  return { noticeId, reference };
}

test("a vendor creates a token, uses it with a plain HTTP client, revokes it, and the next call fails; the calendar feed shows no title", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const maintainerPage = await (await browser.newContext()).newPage();
  const { noticeId, reference } = await setUp(maintainerPage);
  await maintainerPage.context().close();

  const page = await (await browser.newContext()).newPage();
  const console = watchConsole(page);
  await signInWithLink(page, MEMBER);
  await page.waitForURL(/\/vendor/);
  await page.getByRole("link", { name: "API and calendar" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API tokens and calendar" })).toBeVisible();
  await expect(page.getByText("You have no API tokens.")).toBeVisible();

  const { secret } = await createToken(page, "tracker sync", "30");
  // Shown once: after a reload only the name and the first characters remain.
  await page.reload();
  expect(await page.content()).not.toContain(secret.slice(8));
  await expect(page.getByText(`${secret.slice(0, 8)}…`)).toBeVisible();

  const api = (path: string, token: string | null = secret) => fetch(new URL(path, baseURL), { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const list = await api("/api/v1/notices");
  expect(list.status).toBe(200);
  expect(list.headers.get("cache-control")).toBe("no-store");
  const listed = (await list.json()) as { notices: Array<{ id: string; reference: string; state: string; disclosureAt: string }> };
  expect(listed.notices).toEqual([expect.objectContaining({ id: noticeId, reference, state: "EMBARGOED", disclosureAt: expect.stringMatching(/Z$/) })]);
  expect(JSON.stringify(listed)).not.toContain(TITLE);

  // The terms are accepted in the portal, by the person, never through the API.
  const before = await api(`/api/v1/notices/${noticeId}`);
  expect(before.status).toBe(409);
  expect(await before.text()).not.toContain(TITLE);
  await page.goto(`/vendor/notices/${noticeId}`);
  await page.getByRole("button", { name: "I accept these terms" }).click();
  await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
  const detail = await api(`/api/v1/notices/${noticeId}`);
  expect(detail.status).toBe(200);
  expect(await detail.json()).toMatchObject({ id: noticeId, reference, title: TITLE });

  const anonymous = await api("/api/v1/notices", null);
  expect(anonymous.status).toBe(401);
  expect(anonymous.headers.get("www-authenticate")).toBe('Bearer realm="forewarn"');

  await page.goto("/vendor/integrations");
  const row = page.getByRole("table", { name: "Your API tokens" }).getByRole("row").filter({ hasText: "tracker sync" });
  await expect(row.getByText("never")).toHaveCount(0);
  await revokeToken(page, "tracker sync");
  const after = await api("/api/v1/notices");
  expect(after.status).toBe(404);
  expect(await after.json()).toEqual({ error: "Not found" });
  expect((await api(`/api/v1/notices/${noticeId}`)).status).toBe(404);

  // The calendar feed: reference and time only.
  const feed = await makeCalendarAddress(page);
  expect(feed.startsWith(`${baseURL}/calendar/`)).toBe(true);
  const ics = await fetch(feed);
  expect(ics.status).toBe(200);
  expect(ics.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  expect(ics.headers.get("cache-control")).toBe("private, no-store");
  const text = await ics.text();
  const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
  expect(events.map((e) => e.summary)).toEqual([`Disclosure: ${reference}`]);
  expect(events[0]!.description).toContain(`/vendor/notices/${noticeId}`);
  expect(text).not.toContain("frobnicator");
  expect(text).not.toContain("Integrations Org A");

  await page.goto("/vendor/integrations");
  await saveScreenshot(page, "vendor-integrations");
  const rotated = await makeCalendarAddress(page);
  expect(rotated).not.toBe(feed);
  expect((await fetch(feed)).status).toBe(404);
  expect((await fetch(rotated)).status).toBe(200);

  // The page fits a phone (the token table scrolls in its own box).
  await page.goto("/vendor/integrations");
  await fitsPhone(page);
  console.assertClean();
});
