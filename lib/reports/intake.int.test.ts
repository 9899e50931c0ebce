// The public report form's write path on PGlite and PostgreSQL: nothing reaches the maintainers until the address is
// confirmed; the link works once and for a day; the limits per network and per address; bad input stores nothing;
// the hourly sweep deletes only reports left unconfirmed for a day.
import { expect, it, vi } from "vitest";
import { createMessage, encrypt, generateKey, type PublicKey } from "openpgp";
import { describeEachDatabase } from "@/test/db";
import { drainOutbox, recordSentMail } from "@/test/mail";
import { maintainer } from "@/test/viewers";
import { ANONYMOUS } from "@/lib/server/viewer-types";
import { ValidationError } from "@/lib/server/errors";
import { saveProjectSettings } from "@/lib/settings/data";
import { ProjectSettingsSchema } from "@/lib/settings/schemas";
import { hashSessionToken } from "@/lib/auth/tokens";
import { LIMITS } from "@/lib/rate-limit/policy";
import { resetConfigForTests } from "@/lib/server/config";
import { managedReportScope } from "./policy";
import { ReportSubmissionSchema } from "./schemas";
import { readReportKey } from "./encrypted";
import { confirmReport, deleteUnconfirmedReports, getReportConfirmation, submitReport } from "./data";

const request = { ip: "203.0.113.10", userAgent: "vitest" };
const HOUR = 3_600_000;
const SECRET = "SECRET-DETAILS-never-in-audit-or-email";

const form = (overrides: Record<string, unknown> = {}) =>
  ReportSubmissionSchema.parse({ summary: "Overflow in the parser", details: `Long input overflows. ${SECRET}`, reporterName: "Ada Reporter", email: "ada@reporter.example", creditKind: "HANDLE", creditText: "@ada", ...overrides });

describeEachDatabase("report intake", (db) => {
  const sent = recordSentMail();

  async function maintainers() {
    const user = await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } });
    return maintainer(user);
  }

  async function linkFor(email: string): Promise<string> {
    let token = "";
    await vi.waitFor(() => {
      const mail = sent.filter((m) => m.to === email).at(-1);
      token = mail?.text.match(/\/report\/confirm\/([A-Za-z0-9_-]+)/)?.[1] ?? "";
      expect(token).not.toBe("");
    });
    return token;
  }

    const text = (rows: Array<{ details: unknown; targetId: string | null; action: string }>) => JSON.stringify(rows.map((r) => [r.action, r.targetId, r.details]));
  const contents = async () => ({ reports: await db.client.report.count(), attachments: await db.client.reportAttachment.count(), users: await db.client.user.count({ where: { role: "REPORTER" } }) });

  it("holds a new report unconfirmed: nothing for the maintainers, a link for the reporter, an audit without content", async () => {
    const m = await maintainers();
    const report = await submitReport(ANONYMOUS, form(), request);
    expect(report?.reference).toMatch(/^R-\d{4}-0001$/);
    const row = await db.client.report.findUniqueOrThrow({ where: { id: report!.id }, include: { reporter: true } });
    expect(row).toMatchObject({ status: "UNCONFIRMED", confirmedAt: null, encrypted: false, creditKind: "HANDLE", creditText: "@ada" });
    expect(row.reporter).toMatchObject({ email: "ada@reporter.example", role: "REPORTER", status: "INVITED", lastSignInAt: null });
    expect(row.confirmTokenHash).toMatch(/^[0-9a-f]{64}$/);
    // The maintainers' queue scope does not reach it.
    expect(await db.client.report.count({ where: managedReportScope(m)! })).toBe(0);
    const token = await linkFor("ada@reporter.example");
    expect(row.confirmTokenHash).not.toContain(token);
    expect(sent.filter((s) => s.to === "m@project.example")).toEqual([]);
    expect(sent[0]!.storedText).not.toContain(token);
    expect(sent[0]!.text).not.toContain(SECRET);
    const audit = await db.client.auditEvent.findMany({ where: { action: "report.submitted" } });
    expect(audit).toHaveLength(1);
    expect(text(audit)).not.toContain(SECRET);
    expect(text(audit)).not.toContain(token);
  });

  it("confirms once: the report is received, the reporter signed in and active, the maintainers told the reference only", async () => {
    const m = await maintainers();
    const report = await submitReport(ANONYMOUS, form(), request);
    const token = await linkFor("ada@reporter.example");
    expect(await getReportConfirmation(token)).toEqual({ state: "ready", reference: report!.reference });
    const confirmed = await confirmReport(token, request);
    expect(confirmed.reportId).toBe(report!.id);
    const row = await db.client.report.findUniqueOrThrow({ where: { id: report!.id }, include: { reporter: true, updates: true } });
    expect(row).toMatchObject({ status: "RECEIVED", confirmTokenHash: null, confirmExpiresAt: null });
    expect(row.confirmedAt).not.toBeNull();
    expect(row.reporter.status).toBe("ACTIVE");
    expect(row.updates.map((u) => [u.kind, u.status])).toEqual([["STATUS", "RECEIVED"]]);
    const session = await db.client.session.findUniqueOrThrow({ where: { sessionToken: hashSessionToken(confirmed.session!.token) } });
    expect(session.userId).toBe(row.reporterId);
    expect(await db.client.report.count({ where: managedReportScope(m)! })).toBe(1);

    await drainOutbox(db.client);
    const toMaintainer = sent.filter((s) => s.to === "m@project.example");
    expect(toMaintainer).toHaveLength(1);
    expect(toMaintainer[0]!.subject).toBe(`New vulnerability report ${report!.reference}`);
    expect(toMaintainer[0]!.text).toContain(`/maintainer/reports/${report!.id}`);
    expect(toMaintainer[0]!.text).not.toContain(SECRET);
    expect(toMaintainer[0]!.text).not.toContain("Overflow in the parser");

    // The same link again: refused, nothing more happens.
    await expect(confirmReport(token, request)).rejects.toThrow(/already used/);
    expect(await getReportConfirmation(token)).toEqual({ state: "unknown" });
    expect(await db.client.session.count({ where: { userId: row.reporterId } })).toBe(1);
    expect(await db.client.auditEvent.count({ where: { action: "report.confirmed" } })).toBe(1);
    expect(await db.client.mailDispatch.count({ where: { purpose: "report.received" } })).toBe(1);
    const audit = await db.client.auditEvent.findMany({ where: { action: { startsWith: "report." } } });
    expect(text(audit)).not.toContain(SECRET);
  });

  it("five uses of one link at once confirm it exactly once", async () => {
    await maintainers();
    await submitReport(ANONYMOUS, form(), request);
    const token = await linkFor("ada@reporter.example");
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => confirmReport(token, request)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.client.session.count()).toBe(1);
    expect(await db.client.mailDispatch.count({ where: { purpose: "report.received" } })).toBe(1);
  });

  it("refuses an expired link and a forged one, and changes nothing", async () => {
    await submitReport(ANONYMOUS, form(), request);
    const token = await linkFor("ada@reporter.example");
    const tomorrow = new Date(Date.now() + 25 * HOUR);
    expect(await getReportConfirmation(token, tomorrow)).toEqual({ state: "expired" });
    await expect(confirmReport(token, request, tomorrow)).rejects.toThrow(/expired/);
    await expect(confirmReport("x".repeat(43), request)).rejects.toBeInstanceOf(ValidationError);
    await expect(confirmReport("../../etc/passwd", request)).rejects.toBeInstanceOf(ValidationError);
    expect(await db.client.report.findFirstOrThrow()).toMatchObject({ status: "UNCONFIRMED" });
    expect(await db.client.session.count()).toBe(0);
  });

  it("limits reports per reporter address: the one over the limit is refused and stores nothing", async () => {
    for (let i = 0; i < LIMITS.reportPerAddress.points; i++) await submitReport(ANONYMOUS, form(), { ...request, ip: `198.51.${i}.1` });
    const before = await contents();
    await expect(submitReport(ANONYMOUS, form(), { ...request, ip: "192.0.2.200" })).rejects.toThrow(/Too many reports/);
    expect(await contents()).toEqual(before);
    expect(await db.client.auditEvent.count({ where: { action: "report.rate-limited" } })).toBe(1);
    // A subaddress tag reaches the same inbox: it does not buy another allowance.
    await expect(submitReport(ANONYMOUS, form({ email: "Ada+again@reporter.example" }), { ...request, ip: "192.0.2.201" })).rejects.toThrow(/Too many reports/);
    expect(await contents()).toEqual(before);
    // Another address from that network is fine.
    expect(await submitReport(ANONYMOUS, form({ email: "bob@reporter.example" }), { ...request, ip: "192.0.2.200" })).not.toBeNull();
  });

  it("limits reports per network (a /24): neighbours share the budget, another network does not", async () => {
    for (let i = 0; i < LIMITS.reportPerNetwork.points; i++) await submitReport(ANONYMOUS, form({ email: `r${i}@reporter.example` }), { ...request, ip: `203.0.113.${i + 1}` });
    await expect(submitReport(ANONYMOUS, form({ email: "late@reporter.example" }), { ...request, ip: "203.0.113.250" })).rejects.toThrow(/Too many reports/);
    expect(await db.client.user.count({ where: { email: "late@reporter.example" } })).toBe(0);
    expect(await submitReport(ANONYMOUS, form({ email: "late@reporter.example" }), { ...request, ip: "203.0.114.1" })).not.toBeNull();
  });

  it("unconfirmed reports' files have a ceiling in all (a flood from many networks): past it the form refuses and stores nothing", async () => {
    process.env.FOREWARN_UNCONFIRMED_REPORTS_MB = "1";
    resetConfigForTests();
    try {
      const patch = (kb: number) => new File([`diff --git a/x b/x\n${"+".repeat(kb * 1024)}\n`], "fix.patch");
      await submitReport(ANONYMOUS, form({ email: "a1@reporter.example", attachments: [patch(600)] }), { ...request, ip: "198.51.100.1" });
      const before = await contents();
      await expect(submitReport(ANONYMOUS, form({ email: "a2@reporter.example", attachments: [patch(600)] }), { ...request, ip: "192.0.2.9" })).rejects.toThrow(/not accepting more for now. Nothing was sent/);
      expect(await contents()).toEqual(before);
      // A report without files still fits; and once the first is confirmed (or swept), there is room again.
      expect(await submitReport(ANONYMOUS, form({ email: "a3@reporter.example" }), { ...request, ip: "192.0.2.10" })).not.toBeNull();
      await db.client.report.updateMany({ where: { reporter: { email: "a1@reporter.example" } }, data: { status: "RECEIVED", confirmedAt: new Date() } });
      expect(await submitReport(ANONYMOUS, form({ email: "a2@reporter.example", attachments: [patch(600)] }), { ...request, ip: "192.0.2.9" })).not.toBeNull();
    } finally {
      delete process.env.FOREWARN_UNCONFIRMED_REPORTS_MB;
      resetConfigForTests();
    }
  });

  it("files follow the notice attachments' rule; one bad file refuses the whole report", async () => {
    const html = new File(["<!doctype html><script>alert(1)</script>"], "report.pdf");
    await expect(submitReport(ANONYMOUS, form({ attachments: [new File(["diff --git a b"], "fix.patch"), html] }), request)).rejects.toThrow(/report.pdf is not a PDF document/);
    await expect(submitReport(ANONYMOUS, form({ attachments: [new File(["MZ"], "tool.exe")] }), request)).rejects.toThrow(/Attach patches/);
    expect(await contents()).toEqual({ reports: 0, attachments: 0, users: 0 });
    await submitReport(ANONYMOUS, form({ attachments: [new File(["diff --git a b"], "../../etc/fix.patch")] }), request);
    expect(await db.client.reportAttachment.findFirstOrThrow()).toMatchObject({ filename: "fix.patch", contentType: "text/plain; charset=utf-8", encrypted: false });
  });

  it("refuses an encrypted-looking blob in clear, and encryption without a project key", async () => {
    await expect(submitReport(ANONYMOUS, form({ details: "-----BEGIN PGP MESSAGE-----\n\nabc\n-----END PGP MESSAGE-----" }), request)).rejects.toThrow(/look like an OpenPGP message/);
    await expect(submitReport(ANONYMOUS, form({ encrypted: "yes" }), request)).rejects.toThrow(/no key to encrypt reports to/);
    expect(await contents()).toEqual({ reports: 0, attachments: 0, users: 0 });
  });

  it("checks encrypted fields and files against the project's key and stores them as sent", async () => {
    const m = await maintainers();
    const ours = await generateKey({ type: "curve25519", userIDs: [{ email: "security@project.example" }], format: "armored" });
    const other = await generateKey({ type: "curve25519", userIDs: [{ email: "someone@else.example" }], format: "armored" });
    await saveProjectSettings(m, ProjectSettingsSchema.parse({ repositoryUrl: "", packages: "", name: "Acme", slug: "acme", publisherName: "Acme", publisherNamespace: "https://acme.example", osvPrefix: "x_acme", defaultDisclosureTime: "14:00", defaultDisclosureZone: "UTC", reportPublicKey: ours.publicKey }), request);
    const key = (await readReportKey(ours.publicKey)) as PublicKey;
    const otherKey = (await readReportKey(other.publicKey)) as PublicKey;
    const seal = async (text: string, to = key) => (await encrypt({ message: await createMessage({ text }), encryptionKeys: to, format: "armored" })) as string;
    const sealFile = async (to = key) => new File([(await encrypt({ message: await createMessage({ binary: new Uint8Array([1, 2, 3]) }), encryptionKeys: to, format: "binary" })) as Uint8Array<ArrayBuffer>], "poc.zip.gpg");

    for (const bad of [
      form({ encrypted: "yes", details: "not encrypted at all" }),
      form({ encrypted: "yes", details: await seal("to someone else", otherKey) }),
      form({ encrypted: "yes", details: await seal("ok"), reproduction: "clear steps" }),
      form({ encrypted: "yes", details: await seal("ok"), attachments: [new File(["plain patch"], "fix.patch")] }),
      form({ encrypted: "yes", details: await seal("ok"), attachments: [await sealFile(otherKey)] }),
    ]) {
      await expect(submitReport(ANONYMOUS, bad, request)).rejects.toBeInstanceOf(ValidationError);
    }
    expect(await contents()).toEqual({ reports: 0, attachments: 0, users: 0 });

    const details = await seal(SECRET);
    const file = await sealFile();
    const bytes = new Uint8Array(await file.arrayBuffer());
    const report = await submitReport(ANONYMOUS, form({ encrypted: "yes", details, reproduction: await seal("steps"), attachments: [file] }), request);
    const row = await db.client.report.findUniqueOrThrow({ where: { id: report!.id }, include: { attachments: true } });
    expect(row.encrypted).toBe(true);
    expect(row.details).toBe(details.trim());
    expect(row.attachments).toHaveLength(1);
    expect(row.attachments[0]).toMatchObject({ filename: "poc.zip.gpg", encrypted: true, size: bytes.length });
    expect(new Uint8Array(row.attachments[0]!.data)).toEqual(bytes);
  });

  it("files a report under an existing account, and for an account that may not sign in stores and sends nothing", async () => {
    const m = await maintainers();
    const mine = await submitReport(ANONYMOUS, form({ email: m.email }), request);
    expect((await db.client.report.findUniqueOrThrow({ where: { id: mine!.id } })).reporterId).toBe(m.userId);
    // Anyone may name a maintainer's (or vendor member's) address on the public form: confirming files the report but
    // never opens a session for that account (it signs in through its own short-lived link and second factor).
    const confirmedMine = await confirmReport(await linkFor(m.email), request);
    expect(confirmedMine.session).toBeNull();
    expect(await db.client.session.count({ where: { userId: m.userId } })).toBe(0);
    expect((await db.client.report.findUniqueOrThrow({ where: { id: mine!.id } })).status).toBe("RECEIVED");
    await db.client.user.create({ data: { email: "gone@vendor.example", role: "REPORTER", status: "SUSPENDED" } });
    expect(await submitReport(ANONYMOUS, form({ email: "gone@vendor.example" }), request)).toBeNull();
    expect(await db.client.report.count()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent.filter((s) => s.to === "gone@vendor.example")).toEqual([]);
  });

  it("the hourly sweep deletes only reports unconfirmed for a day, and an account made for them alone", async () => {
    await maintainers();
    const dayAgo = new Date(Date.now() - 25 * HOUR);
    const stale = await submitReport(ANONYMOUS, form({ email: "stale@reporter.example" }), request, dayAgo);
    const young = await submitReport(ANONYMOUS, form({ email: "young@reporter.example" }), request);
    const kept = await submitReport(ANONYMOUS, form({ email: "kept@reporter.example" }), request, dayAgo);
    // The confirmation emails go in the background (signed first): the second report's is the latest only once the
    // first one has gone.
    const keptMails = (n: number) => vi.waitFor(() => expect(sent.filter((s) => s.to === "kept@reporter.example")).toHaveLength(n));
    await keptMails(1);
    const confirmed = await submitReport(ANONYMOUS, form({ email: "kept@reporter.example" }), request, new Date(Date.now() - 2 * HOUR));
    await keptMails(2);
    await confirmReport(await linkFor("kept@reporter.example"), request);
    const old = await submitReport(ANONYMOUS, form({ email: "old@reporter.example" }), request, dayAgo);
    await confirmReport(await linkFor("old@reporter.example"), request, new Date(dayAgo.getTime() + HOUR));

    expect(await deleteUnconfirmedReports()).toBe(2);
    const left = (await db.client.report.findMany({ select: { id: true } })).map((r) => r.id).sort();
    expect(left).toEqual([young!.id, confirmed!.id, old!.id].sort());
    expect(left).not.toContain(stale!.id);
    expect(left).not.toContain(kept!.id);
    expect(await db.client.user.count({ where: { email: "stale@reporter.example" } })).toBe(0);
    expect(await db.client.user.count({ where: { email: "kept@reporter.example" } })).toBe(1);
    const events = await db.client.auditEvent.findMany({ where: { action: "report.deleted-unconfirmed" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.targetId).sort()).toEqual([stale!.id, kept!.id].sort());
    expect(text(events)).not.toContain(SECRET);
    expect(await deleteUnconfirmedReports()).toBe(0);
  });
});
