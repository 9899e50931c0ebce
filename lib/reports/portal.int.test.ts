// The reporter's portal on PGlite and PostgreSQL: a person reads only their own confirmed reports (whatever their
// role), the linked notice tells them its date and public link and nothing else, their messages reach the security
// team as a link and a reference, and the credit is theirs to change until the advisory is public.
import { expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer, reporter, vendor } from "@/test/viewers";
import { ConflictError, NotFoundError, RateLimitedError } from "@/lib/server/errors";
import { ANONYMOUS } from "@/lib/server/viewer-types";
import { LIMITS } from "@/lib/rate-limit/policy";
import { changeReportCredit, getOwnReport, hasOwnReports, listOwnReports, postReporterMessage } from "./data";
import { ReportCreditSchema, ReporterMessageSchema } from "./portal-schemas";

const request = { ip: "192.0.2.77", userAgent: "vitest" };
const DAY = 86_400_000;
const SECRET_DETAILS = "Overflow in parse_header when the length is 0xffff";
const MESSAGE = "Here is a second proof of concept: the crash also happens with gzip.";

describeEachDatabase("the reporter's portal", (db) => {
  let counter = 0;
  async function world() {
    const c = db.client;
    const m = await c.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } });
    const m2 = await c.user.create({ data: { email: "m2@project.example", role: "MAINTAINER", status: "ACTIVE" } });
    const acme = await c.organisation.create({ data: { name: "Acme Secret Distro", status: "ACTIVE" } });
    const bolt = await c.organisation.create({ data: { name: "Bolt", status: "ACTIVE" } });
    const ann = await c.user.create({ data: { email: "ann@acme.example", role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: acme.id } } } });
    const bob = await c.user.create({ data: { email: "bob@bolt.example", role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: bolt.id } } } });
    const rita = await c.user.create({ data: { email: "rita@finder.example", role: "REPORTER", status: "ACTIVE" } });
    const ralf = await c.user.create({ data: { email: "ralf@finder.example", role: "REPORTER", status: "ACTIVE" } });
    const report = (reporterId: string, data: Partial<{ status: "UNCONFIRMED" | "RECEIVED" | "ACKNOWLEDGED" | "ACCEPTED" | "DISCLOSED"; noticeId: string; summary: string }> = {}) =>
      c.report.create({
        data: {
          reference: `R-2026-${String(++counter).padStart(4, "0")}`,
          reporterId,
          summary: data.summary ?? `Report ${counter}`,
          details: SECRET_DETAILS,
          reporterName: "Rita Finder",
          creditKind: "NAME",
          creditText: "Rita Finder",
          status: data.status ?? "RECEIVED",
          confirmedAt: data.status === "UNCONFIRMED" ? null : new Date(),
          ...(data.noticeId ? { noticeId: data.noticeId } : {}),
        },
      });
    const notice = async (state: "DRAFT" | "EMBARGOED" | "DISCLOSED") => {
      const n = await c.notice.create({ data: { reference: `FW-2026-${String(++counter).padStart(4, "0")}`, state, title: "Embargoed title about parse_header", disclosureAt: new Date(Date.now() + 7 * DAY), sentAt: state === "DRAFT" ? null : new Date(), createdById: m.id } });
      await c.noticeRecipient.create({ data: { noticeId: n.id, organisationId: acme.id, notifiedAt: new Date() } });
      return n;
    };
    return {
      m: maintainer(m),
      m2,
      ann: vendor(ann, acme),
      bob: vendor(bob, bolt),
      rita: reporter(rita),
      ralf: reporter(ralf),
      report,
      notice,
    };
  }

  it("lists the viewer's own confirmed reports only, whatever their role", async () => {
    const w = await world();
    const mine = await w.report(w.rita.userId, { summary: "Rita's confirmed" });
    await w.report(w.rita.userId, { status: "UNCONFIRMED", summary: "Rita's unconfirmed" });
    await w.report(w.ralf.userId, { summary: "Ralf's" });
    const anns = await w.report(w.ann.userId, { summary: "Ann's own report" });
    expect((await listOwnReports(w.rita)).map((r) => r.id)).toEqual([mine.id]);
    expect((await listOwnReports(w.ralf)).map((r) => r.summary)).toEqual(["Ralf's"]);
    expect((await listOwnReports(w.ann)).map((r) => r.id)).toEqual([anns.id]);
    // Org mate and maintainers: a maintainer manages reports from the queue, never through another person's portal.
    expect(await listOwnReports(w.bob)).toEqual([]);
    expect(await listOwnReports(w.m)).toEqual([]);
    expect(await hasOwnReports(w.ann)).toBe(true);
    expect(await hasOwnReports(w.bob)).toBe(false);
    expect(await hasOwnReports(w.m)).toBe(false);
    expect(await hasOwnReports(ANONYMOUS)).toBe(false);
    await expect(listOwnReports(ANONYMOUS)).rejects.toBeInstanceOf(NotFoundError);
    // A maintainer still owing the second factor is not in the area yet.
    await expect(listOwnReports({ ...w.m, secondFactor: false })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("opens one's own report; anyone else's, an unconfirmed one or a made-up id is not found", async () => {
    const w = await world();
    const mine = await w.report(w.rita.userId);
    const unconfirmed = await w.report(w.rita.userId, { status: "UNCONFIRMED" });
    expect((await getOwnReport(w.rita, mine.id)).details).toBe(SECRET_DETAILS);
    for (const [who, viewer] of [["other reporter", w.ralf], ["vendor", w.ann], ["maintainer", w.m], ["anonymous", ANONYMOUS]] as const) {
      await expect(getOwnReport(viewer, mine.id), who).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(getOwnReport(w.rita, unconfirmed.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getOwnReport(w.rita, "no-such-report")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("tells of the linked notice its state and date, and the public link once disclosed — never its recipients or title", async () => {
    const w = await world();
    const embargoed = await w.notice("EMBARGOED");
    const report = await w.report(w.rita.userId, { status: "ACCEPTED", noticeId: embargoed.id });
    await db.client.reportUpdate.create({ data: { reportId: report.id, kind: "DATE_SET", disclosureAt: embargoed.disclosureAt } });
    const seen = await getOwnReport(w.rita, report.id);
    expect(seen.notice).toEqual({ state: "EMBARGOED", disclosureAt: embargoed.disclosureAt, reference: null, publicPath: null });
    expect(seen.updates.map((u) => u.kind)).toEqual(["DATE_SET"]);
    const json = JSON.stringify(seen);
    for (const secret of ["Acme Secret Distro", "Embargoed title", embargoed.reference, "ann@acme.example", "m@project.example"]) expect(json).not.toContain(secret);

    await db.client.notice.update({ where: { id: embargoed.id }, data: { state: "DISCLOSED", disclosedAt: new Date() } });
    const disclosed = await getOwnReport(w.rita, report.id);
    expect(disclosed.notice).toMatchObject({ state: "DISCLOSED", reference: embargoed.reference, publicPath: `/advisories/${embargoed.id}` });
    expect(JSON.stringify(disclosed)).not.toContain("Acme Secret Distro");
  });

  it("a message reaches the thread and every other maintainer as a link and the reference, audited without its text", async () => {
    const w = await world();
    const report = await w.report(w.rita.userId);
    await db.client.reportMessage.create({ data: { reportId: report.id, authorId: w.m.userId, fromMaintainer: true, body: "Thanks, we are looking." } });
    await postReporterMessage(w.rita, ReporterMessageSchema.parse({ reportId: report.id, body: MESSAGE }), request);
    const seen = await getOwnReport(w.rita, report.id);
    expect(seen.messages.map((m) => [m.from, m.body])).toEqual([["Security team", "Thanks, we are looking."], ["You", MESSAGE]]);
    expect(JSON.stringify(seen)).not.toContain("m@project.example");

    const emails = await db.client.outboxEmail.findMany({ select: { toAddress: true, subject: true, textBody: true } });
    expect(emails.map((e) => e.toAddress).sort()).toEqual(["m2@project.example", "m@project.example"]);
    for (const e of emails) {
      expect(e.subject).toBe(`${report.reference}: new message from the reporter`);
      expect(e.textBody).toContain(`/maintainer/reports/${report.id}`);
      for (const secret of [MESSAGE, "gzip", SECRET_DETAILS, report.summary]) expect(`${e.subject} ${e.textBody}`).not.toContain(secret);
    }
    const audit = await db.client.auditEvent.findMany({ where: { action: "report.message-posted" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: w.rita.userId, targetType: "report", targetId: report.id });
    expect(JSON.stringify(audit[0]!.details)).not.toContain("gzip");
  });

  it("refuses a message to anyone else's report and stores nothing", async () => {
    const w = await world();
    const report = await w.report(w.rita.userId);
    for (const viewer of [w.ralf, w.ann, w.m, ANONYMOUS]) {
      await expect(postReporterMessage(viewer, { reportId: report.id, body: "hijack" }, request)).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await db.client.reportMessage.count()).toBe(0);
    expect(await db.client.outboxEmail.count()).toBe(0);
    expect(await db.client.auditEvent.count({ where: { action: "report.message-posted" } })).toBe(0);
  });

  it("limits a reporter's messages per hour (each one emails every maintainer)", async () => {
    const w = await world();
    const report = await w.report(w.rita.userId);
    for (let i = 0; i < LIMITS.reporterMessagesPerUser.points; i++) await postReporterMessage(w.rita, { reportId: report.id, body: `message ${i}` }, request);
    await expect(postReporterMessage(w.rita, { reportId: report.id, body: "one too many" }, request)).rejects.toBeInstanceOf(RateLimitedError);
    expect(await db.client.reportMessage.count()).toBe(LIMITS.reporterMessagesPerUser.points);
    // Another reporter is not held back by Rita's count.
    const other = await w.report(w.ralf.userId);
    await postReporterMessage(w.ralf, { reportId: other.id, body: "hello" }, request);
  });

  it("changes the credit until the advisory is public, then refuses and keeps the credit as published", async () => {
    const w = await world();
    const notice = await w.notice("EMBARGOED");
    const report = await w.report(w.rita.userId, { status: "ACCEPTED", noticeId: notice.id });
    await changeReportCredit(w.rita, ReportCreditSchema.parse({ reportId: report.id, creditKind: "HANDLE", creditText: "@ritaf" }), request);
    expect(await db.client.report.findUniqueOrThrow({ where: { id: report.id }, select: { creditKind: true, creditText: true } })).toEqual({ creditKind: "HANDLE", creditText: "@ritaf" });
    await changeReportCredit(w.rita, ReportCreditSchema.parse({ reportId: report.id, creditKind: "NONE", creditText: "ignored" }), request);
    expect(await db.client.report.findUniqueOrThrow({ where: { id: report.id }, select: { creditKind: true, creditText: true } })).toEqual({ creditKind: "NONE", creditText: null });
    const audit = await db.client.auditEvent.findMany({ where: { action: "report.credit-changed" }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => a.details)).toEqual([{ reference: report.reference, creditKind: "HANDLE" }, { reference: report.reference, creditKind: "NONE" }]);

    // Someone else's report: not found, nothing changes.
    await expect(changeReportCredit(w.ralf, { reportId: report.id, creditKind: "NAME", creditText: "Ralf" }, request)).rejects.toBeInstanceOf(NotFoundError);
    await expect(changeReportCredit(w.ann, { reportId: report.id, creditKind: "NAME", creditText: "Ann" }, request)).rejects.toBeInstanceOf(NotFoundError);

    // Disclosed (the notice first; then the report follows it): refused, unchanged.
    await db.client.notice.update({ where: { id: notice.id }, data: { state: "DISCLOSED", disclosedAt: new Date() } });
    await expect(changeReportCredit(w.rita, { reportId: report.id, creditKind: "NAME", creditText: "Rita" }, request)).rejects.toBeInstanceOf(ConflictError);
    await db.client.report.update({ where: { id: report.id }, data: { status: "DISCLOSED" } });
    await expect(changeReportCredit(w.rita, { reportId: report.id, creditKind: "NAME", creditText: "Rita" }, request)).rejects.toBeInstanceOf(ConflictError);
    expect(await db.client.report.findUniqueOrThrow({ where: { id: report.id }, select: { creditKind: true, creditText: true } })).toEqual({ creditKind: "NONE", creditText: null });
    expect((await getOwnReport(w.rita, report.id)).mayChangeCredit).toBe(false);
    expect(await db.client.auditEvent.count({ where: { action: "report.credit-changed" } })).toBe(2);
  });
});

it("the forms' schemas refuse bad input with a clear message", () => {
  expect(ReporterMessageSchema.safeParse({ reportId: "r", body: "   " }).error?.issues[0]?.message).toBe("Write a message.");
  expect(ReporterMessageSchema.safeParse({ reportId: "r", body: "x".repeat(10_001) }).success).toBe(false);
  expect(ReporterMessageSchema.safeParse({ reportId: "r", body: "hi", reporterId: "someone" }).success).toBe(false);
  expect(ReportCreditSchema.safeParse({ reportId: "r", creditKind: "NAME", creditText: " " }).error?.issues[0]?.path).toEqual(["creditText"]);
  expect(ReportCreditSchema.safeParse({ reportId: "r", creditKind: "FAMOUS" }).success).toBe(false);
  expect(ReportCreditSchema.safeParse({ reportId: "r", creditKind: "NONE" }).success).toBe(true);
  expect(ReportCreditSchema.safeParse({ reportId: "r", creditKind: "NONE", status: "DISCLOSED" }).success).toBe(false);
});
