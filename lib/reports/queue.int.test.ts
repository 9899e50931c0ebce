// The maintainers' intake queue against PGlite and PostgreSQL: what it shows (never an unconfirmed report, never to
// anyone but a maintainer with the second factor), each action with its timeline row, email and audit event, accept
// creating exactly one prefilled draft in the report's own transaction, one outcome for concurrent clicks, the
// reminder sent once, and the report a maintainer enters by hand.
import { expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer, vendor } from "@/test/viewers";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import type { MaintainerViewer, Viewer } from "@/lib/server/viewer-types";
import { acknowledgeReport, createReportByHand, declineReport, getQueueReport, listOverdueReports, listReportQueue, markReportDuplicate, markReportFixed, remindBeforeAcknowledgeDeadline, replyToReport } from "./data";
import { acceptReportIntoDraft } from "./queue-accept-actions";
import { HandReportSchema } from "./queue-schemas";

const request = { ip: "192.0.2.13", userAgent: "vitest" };
const HOUR = 3_600_000;
const SECRET = "heap overflow in parse_frobnicator via crafted header";

describeEachDatabase("the intake queue", (db) => {
  async function world() {
    const mUser = await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } });
    const m = maintainer(mUser);
    const m2 = maintainer(await db.client.user.create({ data: { email: "m2@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const acme = await db.client.organisation.create({ data: { name: "Acme", status: "ACTIVE" } });
    const ann = await db.client.user.create({ data: { email: "ann@acme.example", role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: acme.id } } } });
    const rita = await db.client.user.create({ data: { email: "rita@reporter.example", role: "REPORTER", status: "ACTIVE" } });
    let n = 0;
    const report = async (opts: { status?: "UNCONFIRMED" | "RECEIVED" | "ACKNOWLEDGED" | "ACCEPTED"; hoursAgo?: number; encrypted?: boolean } = {}) => {
      n++;
      const confirmedAt = opts.status === "UNCONFIRMED" ? null : new Date(Date.now() - (opts.hoursAgo ?? 1) * HOUR);
      return db.client.report.create({
        data: {
          reference: `R-2026-${String(n).padStart(4, "0")}`,
          status: opts.status ?? "RECEIVED",
          reporterId: rita.id,
          summary: `Report ${n}: ${SECRET}`,
          details: opts.encrypted ? "-----BEGIN PGP MESSAGE-----\n\nwcBMA\n-----END PGP MESSAGE-----" : `## Details\n\n${SECRET}`,
          encrypted: !!opts.encrypted,
          affectedVersions: "< 2.4.1",
          reporterName: "Rita Reporter",
          creditKind: "HANDLE",
          creditText: "@rita",
          confirmedAt,
        },
      });
    };
    const nobody: Viewer[] = [{ kind: "anonymous" }, vendor(ann, acme), maintainer(mUser, { secondFactor: false }), { kind: "reporter", userId: rita.id, email: rita.email, name: null, sessionId: "s", secondFactor: false, totpEnrolled: false }];
    return { m, m2, rita, ann, report, nobody };
  }
  const state = (id: string) => db.client.report.findUniqueOrThrow({ where: { id }, select: { status: true, acknowledgedAt: true, acknowledgedById: true, noticeId: true, statusReason: true, duplicateOfId: true, updatedAt: true } });
  const updates = (reportId: string) => db.client.reportUpdate.findMany({ where: { reportId }, orderBy: { at: "asc" }, select: { kind: true, status: true, message: true } });
  const emails = (to: string) => db.client.outboxEmail.findMany({ where: { toAddress: to }, orderBy: { createdAt: "asc" }, select: { subject: true, textBody: true } });
  const events = (action: string) => db.client.auditEvent.findMany({ where: { action }, select: { targetId: true, details: true } });

  it("lists confirmed reports only, overdue first with the clock, to maintainers with the second factor only", async () => {
    const w = await world();
    await w.report({ status: "UNCONFIRMED" });
    const fresh = await w.report({ hoursAgo: 1 });
    const late = await w.report({ hoursAgo: 50 });
    const acked = await w.report({ status: "ACKNOWLEDGED", hoursAgo: 80 });
    await db.client.report.update({ where: { id: acked.id }, data: { acknowledgedAt: new Date(Date.now() - 70 * HOUR) } });
    const queue = await listReportQueue(w.m, "all");
    expect(queue.targetHours).toBe(48);
    expect(queue.rows.map((r) => r.id)).toEqual([late.id, fresh.id, acked.id]);
    expect(queue.rows[0]!.clock).toMatchObject({ running: true, overdue: true });
    expect(queue.rows[1]!.clock).toMatchObject({ running: true, overdue: false });
    expect(queue.overdue).toBe(1);
    // One acknowledged report, 10 hours after its confirmation: within the target.
    expect(queue.stats).toMatchObject({ acknowledged: 1, withinTarget: 1, share: 1 });
    expect(queue.stats.medianMs).toBeCloseTo(10 * HOUR, -4);
    expect((await listReportQueue(w.m, "overdue")).rows.map((r) => r.id)).toEqual([late.id]);
    expect((await listReportQueue(w.m, "ACKNOWLEDGED")).rows.map((r) => r.id)).toEqual([acked.id]);
    expect((await listOverdueReports(w.m)).items.map((r) => r.reference)).toEqual([late.reference]);
    // A shorter target in the settings makes the fresh one overdue too.
    await db.client.projectSettings.create({ data: { name: "P", slug: "p", publisherName: "P", publisherNamespace: "https://p.example", osvPrefix: "x_p", acknowledgeTargetHours: 1 } });
    expect((await listOverdueReports(w.m)).total).toBe(2);
    for (const viewer of w.nobody) {
      await expect(listReportQueue(viewer, "all")).rejects.toBeInstanceOf(NotFoundError);
      await expect(getQueueReport(viewer, fresh.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(acknowledgeReport(viewer, { reportId: fresh.id, message: "Thanks" }, request)).rejects.toBeInstanceOf(NotFoundError);
    }
    expect((await state(fresh.id)).status).toBe("RECEIVED");
  });

  it("an unconfirmed report cannot be read or acted on", async () => {
    const w = await world();
    const hidden = await w.report({ status: "UNCONFIRMED" });
    await expect(getQueueReport(w.m, hidden.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(acknowledgeReport(w.m, { reportId: hidden.id, message: "Thanks" }, request)).rejects.toBeInstanceOf(NotFoundError);
    await expect(acceptReportIntoDraft(w.m, hidden.id, request)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.client.notice.count()).toBe(0);
  });

  it("acknowledges once, tells the reporter with the maintainer's message, and audits without content", async () => {
    const w = await world();
    const r = await w.report();
    await acknowledgeReport(w.m, { reportId: r.id, message: "Thank you, we are looking into it." }, request);
    const after = await state(r.id);
    expect(after).toMatchObject({ status: "ACKNOWLEDGED", acknowledgedById: w.m.userId });
    expect(after.acknowledgedAt).toBeInstanceOf(Date);
    expect(await updates(r.id)).toEqual([{ kind: "STATUS", status: "ACKNOWLEDGED", message: "Thank you, we are looking into it." }]);
    const mail = await emails("rita@reporter.example");
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe(`${r.reference}: your report was acknowledged`);
    expect(mail[0]!.textBody).toContain("Thank you, we are looking into it.");
    expect(mail[0]!.textBody).toContain(`/reporter/reports/${r.id}`);
    expect(mail[0]!.textBody).not.toContain(SECRET);
    const [event] = await events("report.acknowledged");
    expect(event).toMatchObject({ targetId: r.id, details: { reference: r.reference, from: "RECEIVED", to: "ACKNOWLEDGED" } });
    expect(JSON.stringify(event)).not.toContain("Thank you");
    // Again: refused with a clear message, nothing more sent.
    await expect(acknowledgeReport(w.m, { reportId: r.id, message: "Again" }, request)).rejects.toThrow(/already acknowledged/);
    expect(await emails("rita@reporter.example")).toHaveLength(1);
  });

  it("two maintainers acknowledging at once: one outcome, one email, one timeline row", async () => {
    const w = await world();
    const r = await w.report();
    const results = await Promise.allSettled([
      acknowledgeReport(w.m, { reportId: r.id, message: "From the first" }, request),
      acknowledgeReport(w.m2, { reportId: r.id, message: "From the second" }, request),
      acknowledgeReport(w.m, { reportId: r.id, message: "A double click" }, request),
    ]);
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    for (const x of results) if (x.status === "rejected") expect(x.reason).toBeInstanceOf(ConflictError);
    expect(await updates(r.id)).toHaveLength(1);
    expect(await emails("rita@reporter.example")).toHaveLength(1);
    expect(await events("report.acknowledged")).toHaveLength(1);
  });

  it("accept creates exactly one draft prefilled from the report, links it, acknowledges, and tells the reporter", async () => {
    const w = await world();
    const r = await w.report();
    const notice = await acceptReportIntoDraft(w.m, r.id, request);
    const draft = await db.client.notice.findUniqueOrThrow({ where: { id: notice.id } });
    expect(draft).toMatchObject({ state: "DRAFT", title: r.summary, summary: r.summary, description: r.details, affectedVersions: "< 2.4.1", reporterCredit: "@rita", reporterOptOut: false });
    expect(await state(r.id)).toMatchObject({ status: "ACCEPTED", noticeId: notice.id, acknowledgedById: w.m.userId });
    expect(await updates(r.id)).toEqual([{ kind: "STATUS", status: "ACCEPTED", message: null }]);
    expect((await emails("rita@reporter.example")).map((e) => e.subject)).toEqual([`${r.reference}: your report was accepted`]);
    expect((await getQueueReport(w.m, r.id)).notice).toMatchObject({ id: notice.id, reference: notice.reference, state: "DRAFT" });
    // A second accept (a double click, another maintainer): refused, no second draft.
    await expect(acceptReportIntoDraft(w.m2, r.id, request)).rejects.toBeInstanceOf(ConflictError);
    expect(await db.client.notice.count()).toBe(1);
  });

  it("concurrent accepts: exactly one draft", async () => {
    const w = await world();
    const r = await w.report();
    const results = await Promise.allSettled([acceptReportIntoDraft(w.m, r.id, request), acceptReportIntoDraft(w.m2, r.id, request)]);
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    expect(await db.client.notice.count()).toBe(1);
    expect(await updates(r.id)).toHaveLength(1);
  });

  it("an encrypted report's armored text never goes into the draft; a report declining credit opts out", async () => {
    const w = await world();
    const r = await w.report({ encrypted: true });
    await db.client.report.update({ where: { id: r.id }, data: { creditKind: "NONE", creditText: null } });
    const notice = await acceptReportIntoDraft(w.m, r.id, request);
    const draft = await db.client.notice.findUniqueOrThrow({ where: { id: notice.id } });
    expect(draft.description).not.toContain("BEGIN PGP");
    expect(draft.description).toContain("were encrypted");
    expect(draft).toMatchObject({ reporterCredit: null, reporterOptOut: true });
  });

  it("accept is one transaction: when the notice part fails the report is unchanged, and the other way round", async () => {
    const w = await world();
    const r = await w.report();
    const before = await state(r.id);
    const unchanged = async () => {
      expect(await state(r.id)).toEqual(before);
      expect(await updates(r.id)).toEqual([]);
      expect(await db.client.notice.count()).toBe(0);
      expect(await db.client.outboxEmail.count()).toBe(0);
      expect(await events("report.accepted")).toEqual([]);
    };
    const failing = async (trigger: string, fn: () => Promise<unknown>) => {
      await db.client.$executeRawUnsafe(trigger);
      try {
        await expect(fn()).rejects.toThrow();
      } finally {
        await db.client.$executeRawUnsafe(`DROP TRIGGER IF EXISTS queue_test ON "Notice"`);
        await db.client.$executeRawUnsafe(`DROP TRIGGER IF EXISTS queue_test ON "AuditEvent"`);
        await db.client.$executeRawUnsafe(`DROP TRIGGER IF EXISTS queue_test ON "ReportUpdate"`);
      }
      await unchanged();
    };
    await db.client.$executeRawUnsafe(`CREATE FUNCTION queue_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'queue test: refused'; END $$`);
    try {
      // The draft itself cannot be written.
      await failing(`CREATE TRIGGER queue_test BEFORE INSERT ON "Notice" FOR EACH ROW EXECUTE FUNCTION queue_test_fail()`, () => acceptReportIntoDraft(w.m, r.id, request));
      // The last write of the transaction fails, after the draft and the report's change were made in it.
      await failing(`CREATE TRIGGER queue_test BEFORE INSERT ON "AuditEvent" FOR EACH ROW WHEN (NEW.action = 'report.accepted') EXECUTE FUNCTION queue_test_fail()`, () => acceptReportIntoDraft(w.m, r.id, request));
      // The report's timeline row fails: no draft either.
      await failing(`CREATE TRIGGER queue_test BEFORE INSERT ON "ReportUpdate" FOR EACH ROW EXECUTE FUNCTION queue_test_fail()`, () => acceptReportIntoDraft(w.m, r.id, request));
    } finally {
      await db.client.$executeRawUnsafe(`DROP FUNCTION queue_test_fail()`);
    }
    // And it works once nothing is in the way.
    await acceptReportIntoDraft(w.m, r.id, request);
    expect(await db.client.notice.count()).toBe(1);
  });

  it("declines and marks duplicates with the reason the reporter receives; marks accepted reports fixed; refuses what the table forbids", async () => {
    const w = await world();
    const a = await w.report();
    const b = await w.report();
    const c = await w.report({ status: "ACCEPTED" });
    await declineReport(w.m, { reportId: a.id, reason: "Works as documented." }, request);
    expect(await state(a.id)).toMatchObject({ status: "DECLINED", statusReason: "Works as documented." });
    await expect(markReportDuplicate(w.m, { reportId: b.id, original: "R-2026-9999", reason: "Known." }, request)).rejects.toBeInstanceOf(ValidationError);
    await expect(markReportDuplicate(w.m, { reportId: b.id, original: b.reference, reason: "Known." }, request)).rejects.toBeInstanceOf(ValidationError);
    await markReportDuplicate(w.m, { reportId: b.id, original: a.reference, reason: "Reported last week." }, request);
    expect(await state(b.id)).toMatchObject({ status: "DUPLICATE", duplicateOfId: a.id, statusReason: "Reported last week." });
    const dupMail = (await emails("rita@reporter.example")).find((e) => e.subject.startsWith(b.reference))!;
    expect(dupMail.textBody).toContain("Reported last week.");
    expect(dupMail.textBody).toContain(`Original report: ${a.reference}`);
    // Nothing of the original's content goes to the reporter.
    expect(dupMail.textBody).not.toContain("Report 1");
    await expect(markReportFixed(w.m, { reportId: a.id }, request)).rejects.toBeInstanceOf(ConflictError);
    await markReportFixed(w.m, { reportId: c.id }, request);
    expect((await state(c.id)).status).toBe("FIXED");
    expect((await updates(c.id)).map((u) => u.status)).toEqual(["FIXED"]);
    expect((await events("report.declined")).length + (await events("report.marked-duplicate")).length + (await events("report.marked-fixed")).length).toBe(3);
  });

  it("a reply goes into the thread; the reporter is emailed a link, not the message", async () => {
    const w = await world();
    const r = await w.report();
    await replyToReport(w.m, { reportId: r.id, body: `Can you share the crash log? ${SECRET}` }, request);
    const report = await getQueueReport(w.m, r.id);
    expect(report.messages).toMatchObject([{ fromMaintainer: true, from: "m@project.example", body: `Can you share the crash log? ${SECRET}` }]);
    const [mail] = await emails("rita@reporter.example");
    expect(mail!.subject).toBe(`${r.reference}: a new message about your report`);
    expect(mail!.textBody).not.toContain("crash log");
    expect(JSON.stringify(await events("report.replied"))).not.toContain("crash log");
    expect((await state(r.id)).status).toBe("RECEIVED");
  });

  it("nothing a maintainer writes to a reporter may name an organisation of the directory, however spelled; nothing is stored or sent", async () => {
    const w = await world();
    await db.client.organisation.create({ data: { name: "Bluefin OS", status: "INVITED" } });
    const r = await w.report();
    const before = { messages: await db.client.reportMessage.count(), emails: await db.client.outboxEmail.count(), state: await state(r.id) };
    await expect(replyToReport(w.m, { reportId: r.id, body: "We have told acme and the others." }, request)).rejects.toThrow(/names Acme, which is on the project's confidential distribution list/);
    await expect(acknowledgeReport(w.m, { reportId: r.id, message: "Thanks! BLUEFIN-OS is looking at it." }, request)).rejects.toThrow(/names Bluefin OS/);
    await expect(declineReport(w.m, { reportId: r.id, reason: "bluefin os says it is not reachable" }, request)).rejects.toBeInstanceOf(ValidationError);
    expect({ messages: await db.client.reportMessage.count(), emails: await db.client.outboxEmail.count(), state: await state(r.id) }).toEqual(before);
    // Words that merely contain a name are not mentions; and an outsider learns nothing from the check (not found first).
    await replyToReport(w.m, { reportId: r.id, body: "The Acmes library is unrelated." }, request);
    for (const viewer of w.nobody) await expect(acknowledgeReport(viewer, { reportId: r.id, message: "Acme" }, request)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("reminds every active maintainer once, when less than max(2 h, 10%) of the clock is left, and never for acknowledged ones", async () => {
    const w = await world();
    await db.client.user.create({ data: { email: "gone@project.example", role: "MAINTAINER", status: "SUSPENDED" } });
    const early = await w.report({ hoursAgo: 40 });
    const close = await w.report({ hoursAgo: 44 });
    const overdue = await w.report({ hoursAgo: 60 });
    const acked = await w.report({ status: "ACKNOWLEDGED", hoursAgo: 47 });
    expect(await remindBeforeAcknowledgeDeadline()).toBe(2);
    const subjects = (await db.client.outboxEmail.findMany({ select: { toAddress: true, subject: true, textBody: true } }));
    expect(subjects.map((e) => e.toAddress).sort()).toEqual(["m2@project.example", "m2@project.example", "m@project.example", "m@project.example"]);
    expect(subjects.every((e) => !e.textBody?.includes(SECRET) && !e.subject.includes(SECRET))).toBe(true);
    expect(subjects.map((e) => e.subject.slice(0, 11)).sort()).toEqual([close.reference, close.reference, overdue.reference, overdue.reference].sort());
    // Retried, or run again a quarter of an hour later: nothing more.
    expect(await remindBeforeAcknowledgeDeadline()).toBe(0);
    expect(await remindBeforeAcknowledgeDeadline(new Date(Date.now() + 15 * 60_000))).toBe(0);
    expect(await db.client.outboxEmail.count()).toBe(4);
    // The early one's turn comes once it is inside the window.
    expect(await remindBeforeAcknowledgeDeadline(new Date(Date.now() + 4 * HOUR))).toBe(1);
    expect((await db.client.report.findUniqueOrThrow({ where: { id: early.id } })).reminderSentAt).not.toBeNull();
    expect((await db.client.report.findUniqueOrThrow({ where: { id: acked.id } })).reminderSentAt).toBeNull();
    expect(await events("report.reminder-sent")).toHaveLength(3);
  });

  it("concurrent reminder runs send each reminder once", async () => {
    const w = await world();
    await w.report({ hoursAgo: 47 });
    const counts = await Promise.all([remindBeforeAcknowledgeDeadline(), remindBeforeAcknowledgeDeadline(), remindBeforeAcknowledgeDeadline()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await db.client.outboxEmail.count()).toBe(2);
  });

  it("a hand-entered report: confirmed at once, a reporter account made (or an existing one linked unchanged), the reporter emailed the way in", async () => {
    const w = await world();
    const input = (email: string) => HandReportSchema.parse({ reporterName: "Eve Mailer", email, summary: "XSS in the admin panel", details: "Found while testing.", affectedVersions: "2.x", reproduction: "", creditKind: "NAME", creditText: "" });
    const made = await createReportByHand(w.m, input(" Eve@Mail.Example "), request);
    expect(made).toMatchObject({ reference: expect.stringMatching(/^R-\d{4}-0001$/), linkedExisting: false });
    const report = await db.client.report.findUniqueOrThrow({ where: { id: made.id }, include: { reporter: true } });
    expect(report).toMatchObject({ status: "RECEIVED", source: "MAINTAINER", createdById: w.m.userId, reporterName: "Eve Mailer", creditKind: "NAME", creditText: "Eve Mailer" });
    expect(report.confirmedAt).toBeInstanceOf(Date);
    expect(report.reporter).toMatchObject({ email: "eve@mail.example", role: "REPORTER", status: "ACTIVE", name: "Eve Mailer" });
    const [mail] = await emails("eve@mail.example");
    expect(mail!.subject).toContain(made.reference);
    expect(mail!.textBody).toContain(`/sign-in?callbackUrl=%2Freporter%2Freports%2F${made.id}`);
    expect(mail!.textBody).not.toContain("admin panel");
    expect(await events("report.entered-by-maintainer")).toHaveLength(1);
    expect((await listReportQueue(w.m, "open")).rows.map((r) => r.id)).toContain(made.id);

    // A vendor's address: linked as it is (role, status, name untouched), never a second account.
    const linked = await createReportByHand(w.m, input("ann@acme.example"), request);
    expect(linked.linkedExisting).toBe(true);
    expect(linked.reference).toMatch(/-0002$/);
    const ann = await db.client.user.findUniqueOrThrow({ where: { email: "ann@acme.example" } });
    expect(ann).toMatchObject({ id: w.ann.id, role: "VENDOR", status: "ACTIVE", name: null });
    expect((await db.client.report.findUniqueOrThrow({ where: { id: linked.id } })).reporterId).toBe(w.ann.id);
    // Bad input stores nothing.
    expect(() => HandReportSchema.parse({ reporterName: "X", email: "not an address", summary: "s", details: "d", creditKind: "NAME" })).toThrow();
    await expect(createReportByHand({ kind: "anonymous" }, input("x@y.example"), request)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.client.report.count()).toBe(2);
  });

  it("concurrent hand-entered reports get distinct references", async () => {
    const w = await world();
    const input = (i: number) => HandReportSchema.parse({ reporterName: `R ${i}`, email: `r${i}@mail.example`, summary: `Summary ${i}`, details: "Details", creditKind: "NONE" });
    const made = await Promise.all([1, 2, 3].map((i) => createReportByHand(w.m as MaintainerViewer, input(i), request)));
    expect(new Set(made.map((r) => r.reference)).size).toBe(3);
  });
});
