// The reporter is told, on PGlite and PostgreSQL: each lifecycle event of the notice a report was accepted into writes
// one timeline row and queues one email to each linked reporter in the lifecycle's own transaction; the reporter's
// credit choice is the notice's credit and the credit as published; nothing a reporter receives names an
// organisation or repeats what vendors were told.
import { beforeEach, expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer, reporter, vendor } from "@/test/viewers";
import { ConflictError, ValidationError } from "@/lib/server/errors";
import { stopJobEngine } from "@/lib/jobs/engine";
import { getDb } from "@/lib/server/db/client";
import { NoticeDraftSchema } from "@/lib/notices/schemas";
import { changeDisclosureDate, createNoticeDraft, getNotice, getVendorNotice, acceptNoticeTerms, reviseNotice, sendNotice } from "@/lib/notices/data";
import { discloseWhenDue, endEmbargoNow, getPublicOsv, withdrawNotice } from "@/lib/advisories/data";
import { syncReporterCredit } from "./data/notify";
import { changeReportCredit } from "./data";
import { acceptReportIntoDraft } from "./queue-accept-actions";
import { ReportCreditSchema } from "./portal-schemas";

const request = { ip: "192.0.2.70", userAgent: "vitest" };
const CANARY = "Zyxcanary Networks";
const REPORTER = "jane@reporter.example";
const VENDOR_NOTE = "VENDOR-ONLY-NOTE about the fix";
const VENDOR_REASON = "VENDOR-ONLY-REASON for ending";
const in5Days = () => new Date(Date.now() + 5 * 86_400_000);
const draft = (extra: Record<string, unknown> = {}) =>
  NoticeDraftSchema.parse({ title: "EMBARGOED-TITLE heap overflow", description: "EMBARGOED-DETAILS", reporterCredit: "Typed by a maintainer", disclosureAt: in5Days().toISOString(), ...extra });

describeEachDatabase("the reporter is told", (db) => {
  // Workers started elsewhere must not send (and so empty) the outbox rows these tests read.
  beforeEach(async () => {
    await stopJobEngine(1_000);
  });

  let seq = 0;
  beforeEach(() => {
    seq = 0;
  });
  async function world(opts: { reports?: number; announce?: boolean } = {}) {
    await db.client.projectSettings.create({
      data: { name: "Acme Lib", slug: "acme", publisherName: "Acme", publisherNamespace: "https://acme.example", osvPrefix: "x_acme", defaultDisclosureZone: "Europe/Berlin", announceAddress: opts.announce ? "announce@lists.acme.example" : null },
    });
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const org = await db.client.organisation.create({ data: { name: CANARY, status: "ACTIVE", roleAddress: "security@zyxcanary.example" } });
    const vUser = await db.client.user.create({ data: { email: "val@zyxcanary.example", role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: org.id } } } });
    const notice = await createNoticeDraft(m, draft(), request);
    const reports = [];
    const credits = [
      { creditKind: "NAME" as const, creditText: "Jane Doe" },
      { creditKind: "HANDLE" as const, creditText: "@bob" },
    ];
    for (let i = 0; i < (opts.reports ?? 1); i++) {
      const reporter = await db.client.user.create({ data: { email: i === 0 ? REPORTER : `r${i}@reporter.example`, role: "REPORTER", status: "ACTIVE" } });
      reports.push(
        await db.client.report.create({
          data: {
            reference: `R-2026-${String(++seq).padStart(4, "0")}`,
            status: "ACCEPTED",
            reporterId: reporter.id,
            summary: "REPORT-SUMMARY",
            details: "REPORT-DETAILS",
            reporterName: "Jane",
            ...credits[i % credits.length]!,
            noticeId: notice.id,
            confirmedAt: new Date(Date.now() - (10 - i) * 60_000),
          },
        }),
      );
    }
    return { m, org, v: vendor(vUser, org), notice, reports };
  }

  const reporterEmails = (to = REPORTER) => db.client.outboxEmail.findMany({ where: { toAddress: to }, orderBy: { createdAt: "asc" }, include: { dispatch: { select: { purpose: true, topic: true } } } });
  const updates = (reportId: string) => db.client.reportUpdate.findMany({ where: { reportId }, orderBy: { at: "asc" } });

  /** Nothing a reporter got names the organisation, repeats what vendors were told, or the notice's embargoed text. */
  async function expectNothingForbidden() {
    const emails = await db.client.outboxEmail.findMany({ where: { dispatch: { purpose: { startsWith: "report." } } } });
    const rows = await db.client.reportUpdate.findMany();
    expect(emails.length).toBeGreaterThan(0);
    for (const text of [...emails.flatMap((e) => [e.subject, e.textBody ?? ""]), ...rows.map((r) => r.message ?? "")]) {
      for (const secret of [CANARY, "zyxcanary", VENDOR_NOTE, VENDOR_REASON, "EMBARGOED-TITLE", "EMBARGOED-DETAILS", "/vendor/"]) expect(text).not.toContain(secret);
    }
    for (const e of emails) expect(e.organisationId).toBeNull();
  }

  it("sent: one DATE_SET row and one email to the reporter (zone, own credit), the notice credits the reporter's choice", async () => {
    const w = await world();
    await sendNotice(w.m, { noticeId: w.notice.id, overrideReason: null }, request);
    const notice = await getNotice(w.m, w.notice.id);
    // The reporter's choice replaced what a maintainer typed.
    expect(notice).toMatchObject({ reporterCredit: "Jane Doe", reporterOptOut: false });
    const rows = await updates(w.reports[0]!.id);
    expect(rows).toMatchObject([{ kind: "DATE_SET", status: "ACCEPTED", message: null }]);
    expect(rows[0]!.disclosureAt!.getTime()).toBe(notice.disclosureAt.getTime());
    const mails = await reporterEmails();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ subject: "Acme Lib R-2026-0001: planned disclosure date", organisationId: null, dispatch: { purpose: "report.date-set", topic: `report:${w.reports[0]!.id}` } });
    expect(mails[0]!.textBody).toContain("in Europe/Berlin, UTC+01:00)");
    expect(mails[0]!.textBody).toContain("You will be credited as: Jane Doe");
    // Everyone else got exactly what they would without a report: the organisation's member and role address.
    const others = await db.client.outboxEmail.findMany({ where: { toAddress: { not: REPORTER } }, select: { toAddress: true } });
    expect(others.map((o) => o.toAddress).sort()).toEqual(["security@zyxcanary.example", "val@zyxcanary.example"]);
    const audit = await db.client.auditEvent.findMany({ where: { action: "report.told-date-set" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ targetType: "report", targetId: w.reports[0]!.id });
    expect(Object.keys(audit[0]!.details as object).sort()).toEqual(["kind", "noticeId", "reasonShared", "reference", "status", "updateId"]);
    await expectNothingForbidden();
  });

  it("a date change: with the reason shared with the reporter, or without one; never the vendors' change note", async () => {
    const w = await world();
    await sendNotice(w.m, { noticeId: w.notice.id, overrideReason: null }, request);
    const first = (await getNotice(w.m, w.notice.id)).disclosureAt;
    const later = new Date(first.getTime() + 86_400_000);
    await changeDisclosureDate(w.m, { noticeId: w.notice.id, disclosureAt: later, changeNote: VENDOR_NOTE, overrideReason: null, reporterReason: "The fix needs one more day of testing." }, request);
    await changeDisclosureDate(w.m, { noticeId: w.notice.id, disclosureAt: new Date(later.getTime() + 3_600_000), changeNote: VENDOR_NOTE, overrideReason: null }, request);
    const rows = await updates(w.reports[0]!.id);
    expect(rows.map((r) => [r.kind, r.message])).toEqual([
      ["DATE_SET", null],
      ["DATE_CHANGED", "The fix needs one more day of testing."],
      ["DATE_CHANGED", null],
    ]);
    expect(rows[1]!.disclosureAt!.getTime()).toBe(later.getTime());
    const mails = await reporterEmails();
    expect(mails).toHaveLength(3);
    expect(mails[1]!.subject).toContain("disclosure date changed to");
    expect(mails[1]!.textBody).toContain("The maintainers' note to you:\nThe fix needs one more day of testing.");
    expect(mails[1]!.textBody).toContain(`It was planned for: ${first.toISOString().slice(0, 16).replace("T", " ")} UTC`);
    expect(mails[2]!.textBody).not.toContain("note to you");
    // The vendors were told (link only) and never read the reporters' note.
    const vendorMails = await db.client.outboxEmail.findMany({ where: { toAddress: "val@zyxcanary.example" } });
    for (const e of vendorMails) expect(e.textBody).not.toContain("one more day of testing");
    // A note to the reporter that names a recipient is refused like any other text, and nothing changes.
    await expect(changeDisclosureDate(w.m, { noticeId: w.notice.id, disclosureAt: later, changeNote: "Back", overrideReason: null, reporterReason: `${CANARY} asked for it` }, request)).rejects.toBeInstanceOf(ValidationError);
    // So is one that names an organisation of the directory this notice did not go to: the whole list is confidential.
    await db.client.organisation.create({ data: { name: "Quuxbert Systems", status: "INVITED" } });
    await expect(changeDisclosureDate(w.m, { noticeId: w.notice.id, disclosureAt: later, changeNote: "Back", overrideReason: null, reporterReason: "quuxbert-systems asked for it" }, request)).rejects.toThrow(/confidential distribution list/);
    await expect(endEmbargoNow(w.m, { noticeId: w.notice.id, reason: "Public fix", reporterReason: "Quuxbert Systems published it" }, request)).rejects.toThrow(/confidential distribution list/);
    await expect(withdrawNotice(w.m, { noticeId: w.notice.id, reason: "Not real", reporterReason: "Quuxbert Systems disagrees" }, request)).rejects.toThrow(/confidential distribution list/);
    expect((await getNotice(w.m, w.notice.id)).state).toBe("EMBARGOED");
    expect(await updates(w.reports[0]!.id)).toHaveLength(3);
    await expectNothingForbidden();
  });

  it("end embargo now: EMBARGO_ENDED, the report DISCLOSED, the public link and the credit as published", async () => {
    const w = await world();
    await sendNotice(w.m, { noticeId: w.notice.id, overrideReason: null }, request);
    await endEmbargoNow(w.m, { noticeId: w.notice.id, reason: VENDOR_REASON, reporterReason: "It is exploited in the wild." }, request);
    expect(await db.client.report.findUniqueOrThrow({ where: { id: w.reports[0]!.id } })).toMatchObject({ status: "DISCLOSED" });
    const rows = await updates(w.reports[0]!.id);
    expect(rows.at(-1)).toMatchObject({ kind: "EMBARGO_ENDED", status: "DISCLOSED", message: "It is exploited in the wild." });
    const mail = (await reporterEmails()).at(-1)!;
    expect(mail.subject).toBe("Acme Lib R-2026-0001: the advisory is public (embargo ended early)");
    expect(mail.textBody).toContain(`/advisories/${w.notice.id}`);
    expect(mail.textBody).toContain("Credit as published: Jane Doe");
    expect(mail.textBody).toContain("It is exploited in the wild.");
    // The published record says the same.
    expect((await getPublicOsv(w.notice.id)).credits).toEqual([{ name: "Jane Doe", type: "REPORTER" }]);
    await expectNothingForbidden();
  });

  it("withdrawal: WITHDRAWN, the report back in the maintainers' queue as acknowledged, no longer credited", async () => {
    const w = await world();
    await sendNotice(w.m, { noticeId: w.notice.id, overrideReason: null }, request);
    await withdrawNotice(w.m, { noticeId: w.notice.id, reason: VENDOR_REASON, reporterReason: "Not reachable from untrusted input." }, request);
    const report = await db.client.report.findUniqueOrThrow({ where: { id: w.reports[0]!.id } });
    expect(report).toMatchObject({ status: "ACKNOWLEDGED", noticeId: w.notice.id });
    expect((await updates(report.id)).at(-1)).toMatchObject({ kind: "WITHDRAWN", status: "ACKNOWLEDGED", message: "Not reachable from untrusted input." });
    const mail = (await reporterEmails()).at(-1)!;
    expect(mail.subject).toBe("Acme Lib R-2026-0001: advisory withdrawn");
    expect(mail.textBody).toContain("will not be published");
    // Back in the queue, it can be accepted into a new notice (the withdrawn one no longer holds it), once.
    const again = await acceptReportIntoDraft(w.m, report.id, request);
    expect(again.id).not.toBe(w.notice.id);
    expect(await db.client.report.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ status: "ACCEPTED", noticeId: again.id });
    await expect(acceptReportIntoDraft(w.m, report.id, request)).rejects.toBeInstanceOf(ConflictError);
    // A withdrawn draft tells its reporter too (the report had been accepted into it).
    const other = await world2(w.m);
    await withdrawNotice(w.m, { noticeId: other.notice.id, reason: "Duplicate" }, request);
    expect((await updates(other.report.id)).map((r) => r.kind)).toEqual(["WITHDRAWN"]);
    await expectNothingForbidden();
  });

  async function world2(m: ReturnType<typeof maintainer>) {
    const notice = await createNoticeDraft(m, draft(), request);
    const reporter = await db.client.user.create({ data: { email: "second@reporter.example", role: "REPORTER", status: "ACTIVE" } });
    const report = await db.client.report.create({
      data: { reference: `R-2026-${String(++seq).padStart(4, "0")}`, status: "ACCEPTED", reporterId: reporter.id, summary: "s", details: "d", reporterName: "S", creditKind: "NONE", noticeId: notice.id, confirmedAt: new Date() },
    });
    return { notice, report };
  }

  it("disclosure by the job: DISCLOSED with the public link and the credit as published; a retried job tells nobody twice", async () => {
    const w = await world({ reports: 2, announce: true });
    await sendNotice(w.m, { noticeId: w.notice.id, overrideReason: null }, request);
    expect((await getNotice(w.m, w.notice.id)).reporterCredit).toBe("Jane Doe and @bob");
    // Before disclosure each reporter reads only their own credit: the other reporter is not theirs to know yet.
    const jane = await reporterEmails();
    expect(jane[0]!.textBody).toContain("You will be credited as: Jane Doe");
    expect(jane[0]!.textBody).not.toContain("@bob");
    const bob = await reporterEmails("r1@reporter.example");
    expect(bob).toHaveLength(1);
    expect(bob[0]!.textBody).not.toContain("Jane");

    const due = new Date((await getNotice(w.m, w.notice.id)).disclosureAt.getTime() + 1_000);
    expect(await discloseWhenDue(w.notice.id, due)).toBe("disclosed");
    expect(await discloseWhenDue(w.notice.id, due)).toBe("skipped");
    for (const [address, report] of [[REPORTER, w.reports[0]!], ["r1@reporter.example", w.reports[1]!]] as const) {
      const mails = await reporterEmails(address);
      expect(mails.map((m) => m.dispatch.purpose)).toEqual(["report.date-set", "report.disclosed"]);
      expect(mails[1]!.textBody).toContain(`Public advisory ${w.notice.reference}:`);
      expect(mails[1]!.textBody).toContain("Credit as published: Jane Doe and @bob");
      expect(await db.client.report.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ status: "DISCLOSED" });
      expect((await updates(report.id)).map((r) => r.kind)).toEqual(["DATE_SET", "DISCLOSED"]);
    }
    expect(await db.client.auditEvent.count({ where: { action: "report.told-disclosed" } })).toBe(2);
    // The announcement (composed before the disclosure transaction) credits the same.
    const announcement = await db.client.outboxEmail.findFirstOrThrow({ where: { toAddress: "announce@lists.acme.example" } });
    expect(announcement.textBody).toContain("Reported by Jane Doe and @bob.");
    await expectNothingForbidden();
  });

  it("a credit change while embargoed reaches the notice (and what vendors read) at once; after disclosure it is refused", async () => {
    const w = await world();
    await sendNotice(w.m, { noticeId: w.notice.id, overrideReason: null }, request);
    const change = (kind: "NONE" | "HANDLE", text: string | null) =>
      getDb().$transaction(async (tx) => {
        await tx.report.update({ where: { id: w.reports[0]!.id }, data: { creditKind: kind, creditText: text } });
        return syncReporterCredit(tx, w.reports[0]!.id);
      });
    const vendorCredit = async () => {
      const seen = await getVendorNotice(w.v, w.notice.id, request);
      if (seen.view !== "full") throw new Error("terms not accepted");
      return seen.notice.reporterCredit;
    };
    expect(await change("HANDLE", "@jdoe")).toBe(true);
    await acceptNoticeTerms(w.v, w.notice.id, request);
    expect(await vendorCredit()).toBe("@jdoe");
    expect(await change("NONE", null)).toBe(true);
    expect(await getNotice(w.m, w.notice.id)).toMatchObject({ reporterCredit: null, reporterOptOut: true });
    expect(await vendorCredit()).toBeNull();
    // No revision and no email to the recipients for a credit.
    expect((await getNotice(w.m, w.notice.id)).revision).toBe(0);
    expect(await db.client.auditEvent.count({ where: { action: "report.credit-synced" } })).toBe(3);

    await endEmbargoNow(w.m, { noticeId: w.notice.id, reason: "Public fix" }, request);
    expect((await reporterEmails()).at(-1)!.textBody).toContain("Credit as published: nobody is named");
    await expect(change("HANDLE", "@late")).rejects.toBeInstanceOf(ConflictError);
    expect(await db.client.report.findUniqueOrThrow({ where: { id: w.reports[0]!.id } })).toMatchObject({ creditKind: "NONE" });
    expect(await getPublicOsv(w.notice.id)).not.toHaveProperty("credits");
  });

  it("a maintainer's revision of the credit does not outlive disclosure: the reporter's choice is what is published and announced", async () => {
    const w = await world({ announce: true });
    await sendNotice(w.m, { noticeId: w.notice.id, overrideReason: null }, request);
    const sent = await getNotice(w.m, w.notice.id);
    await reviseNotice(w.m, { noticeId: w.notice.id, changeNote: "Credit wording", fields: draft({ reporterCredit: "Someone Else", disclosureAt: sent.disclosureAt.toISOString() }) }, request);
    expect((await getNotice(w.m, w.notice.id)).reporterCredit).toBe("Someone Else");
    expect(await discloseWhenDue(w.notice.id, new Date(sent.disclosureAt.getTime() + 1_000))).toBe("disclosed");
    expect((await getNotice(w.m, w.notice.id)).reporterCredit).toBe("Jane Doe");
    expect((await getPublicOsv(w.notice.id)).credits).toEqual([{ name: "Jane Doe", type: "REPORTER" }]);
    const announcement = await db.client.outboxEmail.findFirstOrThrow({ where: { toAddress: "announce@lists.acme.example" } });
    expect(announcement.textBody).toContain("Reported by Jane Doe.");
    expect(announcement.textBody).not.toContain("Someone Else");
    expect((await reporterEmails()).at(-1)!.textBody).toContain("Credit as published: Jane Doe");
  });

  it("a notice without linked reports (or only a declined one) tells nobody and keeps the maintainers' credit", async () => {
    const w = await world();
    await db.client.report.update({ where: { id: w.reports[0]!.id }, data: { status: "DECLINED" } });
    await sendNotice(w.m, { noticeId: w.notice.id, overrideReason: null }, request);
    await endEmbargoNow(w.m, { noticeId: w.notice.id, reason: "Public fix" }, request);
    expect(await db.client.mailDispatch.count({ where: { purpose: { startsWith: "report." } } })).toBe(0);
    expect(await db.client.reportUpdate.count()).toBe(0);
    expect((await getNotice(w.m, w.notice.id)).reporterCredit).toBe("Typed by a maintainer");
    expect(await db.client.report.findUniqueOrThrow({ where: { id: w.reports[0]!.id } })).toMatchObject({ status: "DECLINED" });
  });
  it("credit changes racing the disclosure: one consistent outcome, never a deadlock (both take the notice's lock first)", async () => {
    const w = await world();
    await sendNotice(w.m, { noticeId: w.notice.id, overrideReason: null }, request);
    const jane = reporter(await db.client.user.findUniqueOrThrow({ where: { email: REPORTER } }));
    const due = new Date((await getNotice(w.m, w.notice.id)).disclosureAt.getTime() + 1_000);
    const handles = ["@one", "@two", "@three", "@four"];
    const outcomes = await Promise.allSettled([
      ...handles.map((h) => changeReportCredit(jane, ReportCreditSchema.parse({ reportId: w.reports[0]!.id, creditKind: "HANDLE", creditText: h }), request)),
      discloseWhenDue(w.notice.id, due),
    ]);
    for (const o of outcomes.slice(0, handles.length)) {
      // Before the disclosure it is saved; after, refused as closed: nothing else (a deadlock is a database error).
      if (o.status === "rejected") expect(o.reason).toBeInstanceOf(ConflictError);
    }
    const disclosure = outcomes.at(-1)!;
    if (disclosure.status === "rejected") expect(String(disclosure.reason)).toMatch(/changed their credit/);
    // The job is retried until it discloses; what is published is what the reporter chose last before it.
    if ((await getNotice(w.m, w.notice.id)).state !== "DISCLOSED") expect(await discloseWhenDue(w.notice.id, due)).toBe("disclosed");
    const { creditText } = await db.client.report.findUniqueOrThrow({ where: { id: w.reports[0]!.id } });
    expect(handles).toContain(creditText);
    expect((await getNotice(w.m, w.notice.id)).reporterCredit).toBe(creditText);
  });
});
