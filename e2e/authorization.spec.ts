// security.md tests 1 and 4 for what exists so far: every page and route handler, for every role, driven through the
// real server; and raw POSTs to every server action without the right session change nothing.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { emailsTo, enrolTotp, requestLink, signInWithLink } from "./auth-helpers";
import { createToken, makeCalendarAddress, revokeToken } from "./token-helpers";
import { enterReportByHand } from "./helpers/reports-queue";

import { ALLOWED, NOT_FOUND_FIRST, actionFields } from "./authorization-actions";
import { MATRIX, PUBLIC_DOCUMENTS, ROLES, type Outcome, type Role } from "./authorization-matrix";
import { REPORTERS } from "./fixtures/reports-portal-data";

const cookies: Partial<Record<Role, string>> = {};
let orgA = "";
let memberA = "";
/** A send with a failed email (the fake Resend refuses addresses containing "invalid"): what a retry would change. */
let failedSend = "";
/** The job that sent org A's member invitation (job id == batch id). */
let sendJob = "";
/** An embargoed notice addressed to org A only, its patch, and org A's recipient row. */
let noticeA = "";
/** Its reference (FW-…), and the CSAF document's canonical file name (CSAF §5.1: the reference, lower case). */
let referenceA = "";
let csafFileA = "";
let fileA = "";
let recipientA = "";
const NOTICE_TITLE = "Matrix notice: overflow in the frobnicator";
/** A report in the intake queue (entered by hand), its summary, and the reporter's address. */
/** A report a maintainer entered by hand (the queue's own); its reporter has no session in the matrix. */
let queueReport = "";
const QUEUE_REPORT_SUMMARY = "Matrix report: use-after-free in the quuxifier";
const QUEUE_REPORTER_EMAIL = "rep@matrix-reporter.example";
/** API tokens (made in the portal before the suspension) and calendar addresses, per holder. */
const tokens = { vendorA: "", vendorB: "", suspended: "", revokedA: "", restricted: "" };
/** Org A's colleague awaiting approval (invited by its organisation admin), by id. */
let pendingId = "";
const PENDING_EMAIL = "vp@matrix-a.example";
let tokenIdA = "";
const feeds = { vendorA: "", rotatedA: "", suspended: "" };
/** The matrix reporters' confirmed reports (seeded before the server started: e2e/fixtures/reports-portal-database.ts). */
let reportR = "";
let otherReportR = "";
const REPORT_SUMMARY = REPORTERS.matrixReporter.reports[0];
const OTHER_REPORT_SUMMARY = REPORTERS.matrixOtherReporter.reports[0];

async function sessionCookie(browser: Browser, email: string, opts: { enrol?: boolean; then?: (page: Page) => Promise<void> } = {}): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithLink(page, email);
  if (opts.enrol) await enrolTotp(page);
  else await page.waitForURL(/\/(vendor|reporter|sign-in\/second-factor)/);
  await opts.then?.(page);
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"))!;
  await context.close();
  return `${cookie.name}=${cookie.value}`;
}

async function as(role: Role, baseURL: string): Promise<APIRequestContext> {
  // The anonymous caller still sends a (made-up) session cookie, so the proxy's redirect does not hide what the
  // page or action itself does. Cookies go in the jar (a plain Cookie header is dropped on redirects).
  const [name, value] = (cookies[role] ?? "next-auth.session-token=forged-or-expired").split("=") as [string, string];
  return playwrightRequest.newContext({
    baseURL,
    storageState: { cookies: [{ name, value, domain: "localhost", path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Lax" }], origins: [] },
  });
}

test.describe.serial("authorization", () => {
  test("set-up: a maintainer, two organisations with a member each, a suspended member, a maintainer without second factor, org A's admin, a member restricted out of the notice, a colleague awaiting approval", async ({ browser, baseURL }) => {
    // Nine sign-ins and a sent notice: 1.1–2.2 min in CI, over 3 min once at a load average of 16 on 2 cores. A cap,
    // not a wait: every step inside waits for what it needs.
    test.setTimeout(480_000);
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInWithLink(page, "matrix@project.example");
    await enrolTotp(page);
    const makeOrg = async (name: string, member: string | string[]) => {
      await page.goto("/maintainer/directory");
      await page.getByLabel("Name", { exact: true }).fill(name);
      await page.getByRole("button", { name: "Create organisation" }).click();
      await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
      await page.getByRole("button", { name: "Activate", exact: true }).click();
      await expect(page.getByRole("button", { name: "Suspend" })).toBeVisible();
      for (const email of [member].flat()) {
        const form = page.getByRole("form", { name: "Invite a member" });
        await form.getByLabel("Email").fill(email);
        await form.getByRole("button", { name: "Invite member" }).click();
        await expect(page.getByText(email)).toBeVisible();
      }
      return page.url().split("/").at(-1)!;
    };
    orgA = await makeOrg("Matrix Org A", ["va@matrix-a.example", "invalid-recipient@matrix-a.example", "adm@matrix-a.example", "vr@matrix-a.example"]);
    // Org A's organisation admin.
    await page.getByRole("listitem").filter({ hasText: "adm@matrix-a.example" }).getByRole("button", { name: "Make admin" }).click();
    await expect(page.getByRole("listitem").filter({ hasText: "adm@matrix-a.example" }).getByText("organisation admin")).toBeVisible();
    await page.getByRole("form", { name: "Invite a member" }).getByLabel("Email").fill("vs@matrix-a.example");
    await page.getByRole("form", { name: "Invite a member" }).getByRole("button", { name: "Invite member" }).click();
    await expect(page.getByText("vs@matrix-a.example")).toBeVisible();
    await makeOrg("Matrix Org B", "vb@matrix-b.example");
    cookies.maintainer = (await context.cookies()).filter((c) => c.name.endsWith("next-auth.session-token")).map((c) => `${c.name}=${c.value}`)[0];
    cookies.vendorA = await sessionCookie(browser, "va@matrix-a.example", {
      then: async (p) => {
        ({ secret: tokens.vendorA, id: tokenIdA } = await createToken(p, "matrix"));
        tokens.revokedA = (await createToken(p, "matrix revoked")).secret;
        await revokeToken(p, "matrix revoked");
        feeds.rotatedA = await makeCalendarAddress(p);
        feeds.vendorA = await makeCalendarAddress(p);
      },
    });
    cookies.vendorB = await sessionCookie(browser, "vb@matrix-b.example", { then: async (p) => void (tokens.vendorB = (await createToken(p, "matrix")).secret) });
    // Made before the suspension below: from then on they must not work.
    cookies.suspended = await sessionCookie(browser, "vs@matrix-a.example", {
      then: async (p) => {
        tokens.suspended = (await createToken(p, "matrix")).secret;
        feeds.suspended = await makeCalendarAddress(p);
      },
    });
    cookies.noFactor = await sessionCookie(browser, "nofactor@project.example");
    cookies.restricted = await sessionCookie(browser, "vr@matrix-a.example", { then: async (p) => void (tokens.restricted = (await createToken(p, "matrix")).secret) });
    // The admin invites a colleague; approval is required (the default), so they wait: no email, no sign-in.
    cookies.orgAdmin = await sessionCookie(browser, "adm@matrix-a.example", {
      then: async (p) => {
        await p.goto("/vendor/organisation");
        const form = p.getByRole("form", { name: "Invite a colleague" });
        await form.getByLabel("Email").fill(PENDING_EMAIL);
        await form.getByRole("button", { name: "Invite colleague" }).click();
        await expect(p.getByRole("listitem").filter({ hasText: PENDING_EMAIL }).getByText("awaiting approval")).toBeVisible();
      },
    });
    // Two reporters' accounts, each with a confirmed report of their own (no second factor: the link is their sign-in).
    const ownReport = async (p: Page) => {
      await p.waitForURL(/\/reporter$/);
      return (await p.getByRole("list", { name: "Your reports" }).getByRole("link").first().getAttribute("href"))!.split("/").at(-1)!;
    };
    cookies.reporter = await sessionCookie(browser, REPORTERS.matrixReporter.email, { then: async (p) => void (reportR = await ownReport(p)) });
    cookies.otherReporter = await sessionCookie(browser, REPORTERS.matrixOtherReporter.email, { then: async (p) => void (otherReportR = await ownReport(p)) });
    expect(reportR && otherReportR && reportR !== otherReportR).toBeTruthy();
    // A colleague awaiting approval asks for a link: the same answer as anyone, and no email (the refusal is audited).
    const pendingPage = await (await browser.newContext()).newPage();
    await requestLink(pendingPage, PENDING_EMAIL);
    await pendingPage.context().close();
    await page.goto(`/maintainer/directory/${orgA}`);
    const row = page.getByRole("listitem").filter({ hasText: "vs@matrix-a.example" });
    page.once("dialog", (d) => void d.accept());
    await row.getByRole("button", { name: "Suspend" }).click();
    await expect(row.getByText("suspended", { exact: true })).toBeVisible();
    memberA = await row.locator("input[name=userId]").first().inputValue();
    expect(memberA).toBeTruthy();
    pendingId = await page.getByRole("listitem").filter({ hasText: PENDING_EMAIL }).locator("input[name=userId]").first().inputValue();
    expect(pendingId).toBeTruthy();
    // The deliveries of org A's invitations: one refused by the provider (failed, retryable), one sent.
    await page.goto("/maintainer/deliveries");
    failedSend = (await page.getByRole("link", { name: "Invitation to invalid-recipient@matrix-a.example" }).getAttribute("href"))!.split("/").at(-1)!;
    await page.goto(`/maintainer/deliveries/${failedSend}`);
    await expect(page.getByRole("button", { name: "Retry failed emails" })).toBeVisible({ timeout: 60_000 });
    await page.goto("/maintainer/deliveries");
    await page.getByRole("link", { name: "Invitation to va@matrix-a.example" }).click();
    sendJob = (await page.getByRole("table", { name: "Batches of this send" }).locator("tbody tr td").first().textContent())!.trim();
    expect(sendJob).toMatch(/^[0-9a-f-]{36}$/);
    // A notice for org A only, with a patch, sent.
    page.on("dialog", (d) => void d.accept());
    await page.goto("/maintainer/notices/new");
    await page.getByLabel("Title").fill(NOTICE_TITLE);
    await page.getByLabel("Selected organisations").check();
    await page.getByRole("checkbox", { name: /Matrix Org A/ }).check();
    await page.getByRole("button", { name: "Create draft" }).click();
    await expect(page.getByRole("heading", { level: 1, name: NOTICE_TITLE })).toBeVisible();
    noticeA = page.url().split("/").at(-1)!;
    await page.getByLabel("Attach a file").setInputFiles({ name: "fix.patch", mimeType: "text/x-diff", buffer: Buffer.from("diff --git a/x b/x\n") });
    await page.getByRole("button", { name: "Attach", exact: true }).click();
    await expect(page.getByText(/File attached/)).toBeVisible();
    fileA = (await page.getByRole("link", { name: "fix.patch" }).first().getAttribute("href"))!.split("/").at(-1)!;
    await page.getByRole("button", { name: "Send notice" }).click();
    await expect(page.getByText(/^Sent to 1 organisation[.:]/)).toBeVisible();
    const trackingId = ((await (await page.request.get(`/advisories/${noticeA}/csaf.json`)).json()) as { document: { tracking: { id: string } } }).document.tracking.id;
    referenceA = trackingId;
    csafFileA = `${trackingId.toLowerCase().replace(/[^+\-a-z0-9]+/g, "_")}.json`;
    await page.goto(`/maintainer/notices/${noticeA}/tracking`);
    recipientA = (await page.getByRole("link", { name: /^Thread/ }).first().getAttribute("href"))!.split("/").at(-1)!;
    // Need-to-know: org A's admin restricts the notice to org A's member; the restricted member is left out.
    const adminContext = await browser.newContext();
    const [cookieName, cookieValue] = cookies.orgAdmin!.split("=") as [string, string];
    await adminContext.addCookies([{ name: cookieName, value: cookieValue, url: baseURL! }]);
    const adminPage = await adminContext.newPage();
    await adminPage.goto(`/vendor/notices/${noticeA}`);
    const audience = adminPage.getByRole("form", { name: "Who in Matrix Org A sees this" });
    await audience.getByLabel("Only the people who need to know (ticked below) and the admins").check();
    for (const email of ["vr@matrix-a.example", "invalid-recipient@matrix-a.example"]) await audience.getByRole("checkbox", { name: new RegExp(email) }).uncheck();
    await audience.getByRole("button", { name: "Save who sees this" }).click();
    await expect(audience.getByText(/only the people ticked/)).toBeVisible();
    await adminContext.close();
    queueReport = (await enterReportByHand(page, { name: "Matrix Reporter", email: QUEUE_REPORTER_EMAIL, summary: QUEUE_REPORT_SUMMARY, details: "Details of the matrix report." })).id;
    // By now the pending colleague's refused request has long been answered: still no email for them.
    expect(await emailsTo(page.request, PENDING_EMAIL)).toEqual([]);
    const refused = await page.request.get("/api/audit/export?action=auth.link.refused");
    expect(await refused.text()).toContain(PENDING_EMAIL);
    await context.close();
    void baseURL;
  });


  for (const [route, expected] of MATRIX) {
    test(`GET ${route}`, async ({ baseURL }) => {
      expect(cookies.maintainer, "the set-up test ran first").toBeTruthy();
      const url = route.replace("{orgA}", orgA).replace("{failedSend}", failedSend).replace("{notice}", noticeA).replace("{csafYear}", String(new Date().getUTCFullYear())).replace("{csafFile}", csafFileA).replace("{reference}", referenceA).replace("{file}", fileA).replace("{recipient}", recipientA).replace("{queueReport}", queueReport).replace("{otherReport}", otherReportR).replace("{report}", reportR);
      for (const role of ROLES) {
        const api = await as(role, baseURL!);
        const response = await api.get(url);
        const final = new URL(response.url());
        const got: Outcome | number =
          final.pathname === "/sign-in" && !url.startsWith("/sign-in")
            ? "sign-in"
            : final.pathname === "/sign-in/second-factor" && !url.startsWith("/sign-in/second-factor")
              ? "second-factor"
              : response.status();
        expect(got, `${role} GET ${url} → ${final.pathname}`).toBe(expected[role]);
        if (got === 404) {
          const body = await response.text();
          // (The id itself may echo back: it is in the URL the caller sent.)
          // A vendor's own organisation and address may appear (the vendor area's header names them); nothing else may.
          const own: Record<string, string[]> = { vendorA: ["Matrix Org A", "va@matrix-a.example"], vendorB: ["Matrix Org B"], orgAdmin: ["Matrix Org A"], restricted: ["Matrix Org A"] };
          for (const secret of ["Matrix Org A", "Matrix Org B", "va@matrix-a.example", "invalid-recipient@", "security@", NOTICE_TITLE, "frobnicator", REPORT_SUMMARY, OTHER_REPORT_SUMMARY, "R-2020-", QUEUE_REPORT_SUMMARY, QUEUE_REPORTER_EMAIL]) {
            if (!own[role]?.includes(secret)) expect(body, `${role} ${url}`).not.toContain(secret);
          }
        }
        // security.md test 11: every dynamic page carries a fresh CSP nonce; signed-in pages are never cached.
        if (got === 200 && !url.startsWith("/api/")) {
          const csp = response.headers()["content-security-policy"] ?? "";
          expect(csp, `${role} ${url}`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
          expect(csp).toContain("frame-ancestors 'none'");
          expect(response.headers()["x-content-type-options"]).toBe("nosniff");
          // Public documents (the same for everyone, whoever asks) may be cached; anything else for a signed-in person never.
          if (PUBLIC_DOCUMENTS.has(url)) expect(response.headers()["cache-control"] ?? "", `${role} ${url}`).toMatch(/^public\b/);
          else if (role !== "anonymous") expect(response.headers()["cache-control"] ?? "", `${role} ${url}`).toContain("no-store");
        }
        if (got === 200 && /export/.test(url)) expect(response.headers()["cache-control"]).toBe("no-store");
        if (got === 200) {
          const body = await response.text();
          // A report is its sender's alone: nobody else's page names it.
          // (Maintainers see every confirmed report in their own area: the intake queue and the overdue list.)
          const managing = role === "maintainer" && url.startsWith("/maintainer");
          if (role !== "reporter" && !managing) expect(body, `${role} ${url}`).not.toContain(REPORT_SUMMARY);
          if (role !== "otherReporter" && !managing) expect(body, `${role} ${url}`).not.toContain(OTHER_REPORT_SUMMARY);
          if (!managing) expect(body, `${role} ${url}`).not.toContain(QUEUE_REPORT_SUMMARY);
        }
        if ((role === "reporter" || role === "otherReporter") && got === 200) {
          const body = await response.text();
          // Nothing of the notices, organisations or other areas reaches a reporter: not a name, not a link.
          for (const secret of ["Matrix Org A", "Matrix Org B", NOTICE_TITLE, "frobnicator", noticeA, "va@matrix-a.example", 'href="/maintainer', 'href="/vendor', 'href="/account']) {
            expect(body, `${role} ${url}`).not.toContain(secret);
          }
        }
        if ((role === "vendorA" || role === "vendorB" || role === "orgAdmin" || role === "restricted") && got === 200) {
          const body = await response.text();
          expect(body).not.toContain(role === "vendorB" ? "Matrix Org A" : "Matrix Org B");
          // The notice is org A's: org B's member and the member restricted out of it find no trace of it, and org
          // A's see no title before the terms.
          expect(body, `${role} ${url}`).not.toContain(NOTICE_TITLE);
          if (role === "vendorB" || role === "restricted") expect(body, `${role} ${url}`).not.toContain(noticeA);
        }
        await api.dispose();
      }
    });
  }

  // Bearer tokens and calendar addresses, per holder: the addressed member's token reads (the notice itself only after
  // the terms, 409 until then); another organisation's, a revoked one, a suspended member's or a forged one get a 404
  // that names nothing; no credential at all is 401. (Expired tokens: lib/tokens/data.int.test.ts.)
  type Holder = "none" | "vendorA" | "vendorB" | "suspended" | "revokedA" | "forged" | "restricted";
  const HOLDERS: Holder[] = ["none", "vendorA", "vendorB", "suspended", "revokedA", "forged", "restricted"];
  const refusedBut = (own: Partial<Record<Holder, number>>): Record<Holder, number> => ({ none: 401, vendorA: 404, vendorB: 404, suspended: 404, revokedA: 404, forged: 404, restricted: 404, ...own });
  const API_MATRIX: Array<[string, Record<Holder, number>]> = [
    ["/api/v1/notices", refusedBut({ vendorA: 200, vendorB: 200, restricted: 200 })],
    ["/api/v1/notices/{notice}", refusedBut({ vendorA: 409 })],
    ["/api/v1/notices/no-such-notice", refusedBut({})],
  ];
  for (const [route, expected] of API_MATRIX) {
    test(`GET ${route} with bearer tokens`, async ({ baseURL }) => {
      expect(tokens.vendorA, "the set-up test ran first").toBeTruthy();
      const url = new URL(route.replace("{notice}", noticeA), baseURL);
      for (const holder of HOLDERS) {
        const token = holder === "none" ? null : holder === "forged" ? `fwt_${"F".repeat(43)}` : tokens[holder];
        const response = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
        const body = await response.text();
        expect(response.status, `${holder} GET ${route}`).toBe(expected[holder]);
        expect(response.headers.get("cache-control"), `${holder} GET ${route}`).toBe("no-store");
        if (response.status === 404) expect(body).toBe('{"error":"Not found"}');
        if (response.status === 401) expect(response.headers.get("www-authenticate")).toBe('Bearer realm="forewarn"');
        for (const secret of [NOTICE_TITLE, "frobnicator", "Matrix Org A", "Matrix Org B", "va@matrix-a.example"]) expect(body, `${holder} ${route}`).not.toContain(secret);
        if (holder !== "vendorA") expect(body, `${holder} ${route}`).not.toContain(noticeA);
      }
    });
  }

  test("calendar addresses: the current one answers, a rotated, a suspended member's or a made-up one is 404", async ({ baseURL }) => {
    expect(feeds.vendorA, "the set-up test ran first").toBeTruthy();
    const current = await fetch(feeds.vendorA);
    expect(current.status).toBe(200);
    expect(current.headers.get("cache-control")).toBe("private, no-store");
    const ics = await current.text();
    expect(ics).toContain("BEGIN:VEVENT");
    for (const secret of [NOTICE_TITLE, "frobnicator", "Matrix Org"]) expect(ics).not.toContain(secret);
    for (const url of [feeds.rotatedA, feeds.suspended, `${baseURL}/calendar/fwc_${"F".repeat(43)}.ics`, `${baseURL}/calendar/not-a-feed.ics`, `${baseURL}/calendar/${tokens.vendorA}.ics`]) {
      const response = await fetch(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).toBe('{"error":"Not found"}');
    }
  });

  test("raw POSTs to every server action, without the right session, change nothing", async ({ baseURL }) => {
    // Eight roles × every action (the intake queue added seven): well over the default 30 s on a loaded machine.
    test.setTimeout(180_000);
    expect(cookies.maintainer, "the set-up test ran first").toBeTruthy();
    // React's own encoder, so each POST is exactly what a browser sends for that action.
    const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-turbopack/client.node.js") as {
      encodeReply: (value: unknown) => Promise<string | FormData>;
    };
    const manifest = JSON.parse(readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as {
      node: Record<string, { exportedName: string; workers: Record<string, unknown> }>;
    };
    // Per action, exactly the fields its (strict) schema expects, aimed at real objects (e2e/authorization-actions.ts).
    const FIELDS = actionFields({ orgA, memberA, failedSend, sendJob, noticeA, recipientA, fileA, tokenIdA, pendingId, reportR, queueReport });
    /** POSTs one action the way the browser does; returns the action's result as the server serialised it. */
    async function post(role: Role, id: string, worker: string, fields: Record<string, string>): Promise<string> {
      const page = worker.replace(/^app/, "").replace(/\/\([^)]+\)/g, "").replace(/\/page$/, "").replace("[organisationId]", orgA).replace("[dispatchId]", failedSend).replace("[noticeId]", noticeA).replace("[recipientId]", recipientA).replace("[requestId]", "no-such-request").replace("[reportId]", worker.includes("(maintainer)") ? queueReport : reportR) || "/";
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      const response = await fetch(new URL(page, baseURL), {
        method: "POST",
        headers: { "Next-Action": id, Accept: "text/x-component", cookie: cookies[role] ?? "next-auth.session-token=forged-or-expired" },
        body: (await encodeReply([null, form])) as FormData,
        redirect: "manual",
      });
      return `${response.status} ${await response.text()}`;
    }
    const maintainer = await as("maintainer", baseURL!);
    const owner = await as("reporter", baseURL!);
    const snapshot = async () => ({
      report: await (await owner.get(`/reporter/reports/${reportR}`)).text().then((html) => ({ hijacked: html.includes("hijack"), credited: html.includes("You chose not to be credited.") })),
      directory: await (await maintainer.get("/api/directory/export")).text(),
      // The reporter reminder job's own events (no actor: the clock, not a request) may land during the loop.
      events: (await (await maintainer.get("/api/audit/export")).text())
        .split("\n")
        .filter((l) => !/^\d+,[^,]*,,report\.reminder-sent,/.test(l))
        .filter((l) => /directory\.(?!exported)|auth\.session\.ended|auth\.totp\.enrolled|recovery-codes|mail\.dispatch\.retried|jobs\.job\.retried|notice\.(?!viewed|tracking-exported|acknowledge-refused)|api\.token\.(created|revoked)|calendar\.feed\.(created|rotated|deleted)|signing\.|report\.(?!attachment-downloaded)|approval\./.test(l)).length,
      tracking: await (await maintainer.get(`/api/notices/${noticeA}/tracking`)).text(),
      notices: (await (await maintainer.get("/maintainer/notices")).text()).includes("Injected notice"),
      settings: (await (await maintainer.get("/maintainer/settings")).text()).includes("x_evil"),
      projectKey: (await maintainer.get("/openpgp-key.asc")).status(),
      approvals: (await (await maintainer.get("/maintainer/approvals")).text()).includes("hijack"),
      announcement: (await (await maintainer.get(`/maintainer/notices/${noticeA}`)).text()).includes("Hijacked announcement"),
      preAnnounced: (await (await maintainer.get("/advisories")).text()).includes("hijacked 1.0"),
      reports: (await (await maintainer.get("/maintainer/reports?status=all")).text()).includes("Injected report"),
      queueReport: /hijack/.test(await (await maintainer.get(`/maintainer/reports/${queueReport}`)).text()),
    });
    const actions = Object.entries(manifest.node);
    expect(actions.map(([, a]) => a.exportedName).sort()).toEqual(Object.keys(FIELDS).sort());
    // Positive control: the same harness changes things when the session allows it.
    const control = actions.find(([, a]) => a.exportedName === "updateOrganisationAction")!;
    const controlFields = { organisationId: orgA, name: "Matrix Org A", roleAddress: "", notes: "checked by the authorization test" };
    expect(await post("maintainer", control[0], Object.keys(control[1].workers)[0]!, controlFields)).toMatch(/"ok":true/);

    const before = await snapshot();
    for (const role of ["anonymous", "vendorA", "vendorB", "suspended", "noFactor", "orgAdmin", "restricted", "pending", "reporter", "otherReporter"] as const) {
      for (const [id, action] of actions) {
        if (ALLOWED[action.exportedName]?.includes(role)) continue;
        const result = await post(role, id, Object.keys(action.workers)[0]!, FIELDS[action.exportedName]!);
        expect(result, `${role} → ${action.exportedName}`).toMatch(/"ok":false/);
        expect(result, `${role} → ${action.exportedName}`).not.toMatch(/"ok":true/);
        if (NOT_FOUND_FIRST.has(action.exportedName)) expect(result, `${role} → ${action.exportedName}`).toContain('"error":"Not found."');
      }
    }
    // A maintainer does not write in a reporter's name or choose their credit either (they answer from the queue).
    for (const name of ["postReporterMessageAction", "changeReportCreditAction"]) {
      const [id, action] = actions.find(([, a]) => a.exportedName === name)!;
      expect(await post("maintainer", id, Object.keys(action.workers)[0]!, FIELDS[name]!), `maintainer → ${name}`).toContain('"error":"Not found."');
    }
    expect(await snapshot()).toEqual(before);
    expect(before.report).toEqual({ hijacked: false, credited: false });
    // Positive control for the reporter's own actions: the same POSTs from the report's sender go through.
    for (const name of ["postReporterMessageAction", "changeReportCreditAction"]) {
      const [id, action] = actions.find(([, a]) => a.exportedName === name)!;
      expect(await post("reporter", id, Object.keys(action.workers)[0]!, FIELDS[name]!), `reporter → ${name}`).toMatch(/"ok":true/);
    }
    expect((await snapshot()).report).toEqual({ hijacked: true, credited: true });
    expect((await maintainer.get("/maintainer")).status()).toBe(200);
    await maintainer.dispose();
    await owner.dispose();
  });
});
