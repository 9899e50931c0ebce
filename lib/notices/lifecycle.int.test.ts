// After sending, on PGlite and PostgreSQL: disclosure at the time by the real job engine (once), date changes,
// ending early, withdrawal, revisions, tracking and reminders, the private thread and attachments.
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { waitFor } from "@/test/wait";
import { maintainer, vendor } from "@/test/viewers";
import { ANONYMOUS } from "@/lib/server/viewer-types";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { resetConfigForTests } from "@/lib/server/config";
import { startAllWorkers } from "@/lib/composition/job-handlers";
import { stopJobEngine } from "@/lib/jobs/engine";
import { searchPublicAdvisories } from "@/lib/advisories/data";
import { NoticeDraftSchema } from "./schemas";
import {
  acceptNoticeTerms,
  acknowledgeNotice,
  addAttachment,
  changeDisclosureDate,
  createNoticeDraft,
  getAttachmentForDownload,
  getNotice,
  getPublicAdvisory,
  getThread,
  getTracking,
  getVendorNotice,
  postMaintainerMessage,
  postVendorMessage,
  remindAutomatically,
  remindSilent,
  removeAttachment,
  reviseNotice,
  sendNotice,
  setAttachmentPublic,
  setChecklistItem,
  trackingCsvRows,
} from "./data";
import { discloseWhenDue, endEmbargoNow, withdrawNotice } from "@/lib/advisories/data";

const request = { ip: "192.0.2.60", userAgent: "vitest" };
const at = (ms: number) => new Date(Date.now() + ms).toISOString();
const draft = (extra: Record<string, unknown> = {}) => NoticeDraftSchema.parse({ title: "Heap overflow in parse_header()", description: "Secret details", disclosureAt: at(5 * 24 * 3_600_000), ...extra });

beforeAll(() => {
  process.env.FOREWARN_JOB_MONITOR_SECONDS = "1";
  resetConfigForTests();
});
afterAll(() => {
  delete process.env.FOREWARN_JOB_MONITOR_SECONDS;
  resetConfigForTests();
});

describeEachDatabase("notice lifecycle", (db) => {
  // Workers started by one test must not send (and so empty) the outbox rows another test reads.
  beforeEach(async () => {
    await stopJobEngine(1_000);
  });

  async function world(extra: Record<string, unknown> = {}) {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const mk = async (name: string, email: string) => {
      const o = await db.client.organisation.create({ data: { name, status: "ACTIVE" } });
      const u = await db.client.user.create({ data: { email, role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: o.id } } } });
      return { org: o, v: vendor(u, o) };
    };
    const a = await mk("Acme", "ann@acme.example");
    const b = await mk("Globex", "gus@globex.example");
    const { id, reference } = await createNoticeDraft(m, draft(extra), request);
    await sendNotice(m, { noticeId: id, overrideReason: null }, request);
    return { m, a, b, id, reference };
  }
  const emailsAbout = (subjectPart: string) => db.client.outboxEmail.findMany({ where: { subject: { contains: subjectPart } }, orderBy: { toAddress: "asc" } });

  it("the job engine discloses at the time, once; recipients are told", async () => {
    const w = await world({ disclosureAt: at(6_000) });
    await startAllWorkers();
    const { disclosureAt } = await getNotice(w.m, w.id);
    // Before its time the job waits in the queue.
    if (Date.now() < disclosureAt.getTime() - 1_500) {
      await new Promise((r) => setTimeout(r, 1_000));
      expect((await getNotice(w.m, w.id)).state).toBe("EMBARGOED");
    }
    await waitFor(async () => (await getNotice(w.m, w.id)).state === "DISCLOSED");
    const notice = await getNotice(w.m, w.id);
    expect(notice.state).toBe("DISCLOSED");
    expect(notice.disclosedAt!.getTime()).toBeGreaterThanOrEqual(notice.disclosureAt.getTime());
    expect(await discloseWhenDue(w.id)).toBe("skipped");
    expect(await db.client.auditEvent.count({ where: { action: "notice.disclosed" } })).toBe(1);
    expect((await emailsAbout("embargo ended")).map((e) => e.toAddress)).toEqual(["ann@acme.example", "gus@globex.example"]);
  });

  it("a moved date: the old job does nothing, the new time discloses; old → new is a revision; recipients told", async () => {
    const w = await world();
    const first = (await getNotice(w.m, w.id)).disclosureAt;
    const later = new Date(first.getTime() + 24 * 3_600_000);
    await expect(changeDisclosureDate(w.m, { noticeId: w.id, disclosureAt: new Date(first.getTime() + 20 * 24 * 3_600_000), changeNote: "Later", overrideReason: null }, request)).rejects.toThrow(/more than 14 days from sending/);
    expect(await changeDisclosureDate(w.m, { noticeId: w.id, disclosureAt: later, changeNote: "The fix needs another day", overrideReason: null }, request)).toMatchObject({ revision: 1 });
    const notice = await getNotice(w.m, w.id);
    expect(notice.revisions[0]).toMatchObject({ number: 1, changeNote: "The fix needs another day", changes: { disclosureAt: [first.toISOString(), later.toISOString()] } });
    expect(await discloseWhenDue(w.id, new Date(first.getTime() + 1_000))).toBe("not-due");
    expect(await discloseWhenDue(w.id, new Date(later.getTime() + 1_000))).toBe("disclosed");
    expect((await emailsAbout("disclosure time changed")).length).toBe(2);
    const jobs = await db.client.$queryRaw<Array<{ start_after: Date }>>`SELECT start_after FROM pgboss.job WHERE name = 'notice.disclose' AND data->>'noticeId' = ${w.id} ORDER BY start_after`;
    expect(jobs.map((j) => j.start_after.getTime())).toEqual([first.getTime(), later.getTime()]);
  });

  it("end embargo now and withdraw: with a reason, once, maintainers only", async () => {
    const w = await world();
    await expect(endEmbargoNow(w.a.v, { noticeId: w.id, reason: "x" }, request)).rejects.toBeInstanceOf(NotFoundError);
    await endEmbargoNow(w.m, { noticeId: w.id, reason: "Exploited in the wild" }, request);
    expect(await getNotice(w.m, w.id)).toMatchObject({ state: "DISCLOSED", endReason: "Exploited in the wild" });
    await expect(endEmbargoNow(w.m, { noticeId: w.id, reason: "again" }, request)).rejects.toBeInstanceOf(ConflictError);
    // A published advisory can be withdrawn (not a vulnerability after all), once; the recipients are told.
    await withdrawNotice(w.m, { noticeId: w.id, reason: "Not a vulnerability after all" }, request);
    expect(await getNotice(w.m, w.id)).toMatchObject({ state: "WITHDRAWN", endReason: "Not a vulnerability after all" });
    await expect(withdrawNotice(w.m, { noticeId: w.id, reason: "again" }, request)).rejects.toBeInstanceOf(ConflictError);
    expect((await emailsAbout("advisory withdrawn")).map((e) => e.subject)).toEqual([`Forewarn ${w.reference}: advisory withdrawn`, `Forewarn ${w.reference}: advisory withdrawn`]);
    const other = await createNoticeDraft(w.m, draft(), request);
    await withdrawNotice(w.m, { noticeId: other.id, reason: "Duplicate report" }, request);
    expect(await getNotice(w.m, other.id)).toMatchObject({ state: "WITHDRAWN" });
  });

  it("revisions keep every changed field old → new and tell the recipients", async () => {
    const w = await world();
    await expect(reviseNotice(w.m, { noticeId: w.id, changeNote: "noop", fields: draft() }, request)).rejects.toBeInstanceOf(ValidationError);
    const result = await reviseNotice(w.m, { noticeId: w.id, changeNote: "Fixed versions known", fields: draft({ fixedVersions: "4.2.7", cveIds: "CVE-2026-1111" }) }, request);
    expect(result).toEqual({ revision: 1, changed: ["fixedVersions", "cveIds"] });
    const notice = await getNotice(w.m, w.id);
    expect(notice).toMatchObject({ revision: 1, fixedVersions: "4.2.7", cveIds: ["CVE-2026-1111"] });
    expect(notice.revisions[0]!.changes).toEqual({ fixedVersions: ["", "4.2.7"], cveIds: [[], ["CVE-2026-1111"]] });
    expect((await emailsAbout(": updated")).map((e) => e.textBody).join()).not.toContain("4.2.7");
  });

  it("notes, reasons and messages that recipients read may not name another recipient; nothing changes when refused", async () => {
    const { m, a, id } = await world();
    const before = await getNotice(m, id);
    const names = /names Globex, which received this notice/;
    await expect(changeDisclosureDate(m, { noticeId: id, disclosureAt: new Date(Date.now() + 6 * 24 * 3_600_000), changeNote: "Globex asked for a day more.", overrideReason: null }, request)).rejects.toThrow(names);
    await expect(reviseNotice(m, { noticeId: id, changeNote: "Wording from Globex", fields: draft({ title: "Heap overflow in parse_header() and parse_footer()" }) }, request)).rejects.toThrow(names);
    await expect(endEmbargoNow(m, { noticeId: id, reason: "Globex shipped early." }, request)).rejects.toThrow(names);
    await expect(withdrawNotice(m, { noticeId: id, reason: "Duplicate of a Globex report." }, request)).rejects.toThrow(names);
    const refused = postMaintainerMessage(m, { noticeId: id, recipientId: (await db.client.noticeRecipient.findFirstOrThrow({ where: { noticeId: id, organisationId: a.org.id } })).id, body: "Globex saw it too." }, request);
    await expect(refused).rejects.toMatchObject({ fieldErrors: { body: [expect.stringMatching(names)] } });
    // However it is spelled: any case, look-alike letters, a hyphen or a space inside the name.
    const thread = (await db.client.noticeRecipient.findFirstOrThrow({ where: { noticeId: id, organisationId: a.org.id } })).id;
    for (const body of ["globex saw it too.", "GLOBEX saw it too.", "Glo-bex saw it too.", "Glo bex saw it too.", "Gl\u043ebex saw it too.", "Gl0bex saw it too."]) {
      await expect(postMaintainerMessage(m, { noticeId: id, recipientId: thread, body }, request), body).rejects.toThrow(names);
    }
    const after = await getNotice(m, id);
    expect({ state: after.state, disclosureAt: after.disclosureAt, revisions: after.revisions.length, title: after.title }).toEqual({ state: before.state, disclosureAt: before.disclosureAt, revisions: before.revisions.length, title: before.title });
    expect(await db.client.noticeMessage.count()).toBe(0);
    // The reader's own organisation (in any case) and a name that is only part of a word are fine.
    await postMaintainerMessage(m, { noticeId: id, recipientId: thread, body: "ACME: the globexstyle parser and Globexian builds are fine." }, request);
    expect(await db.client.noticeMessage.count()).toBe(1);
  });

  it("tracking: one row per organisation, filters, figures, reminders to the silent ones only, CSV", async () => {
    const w = await world();
    await acceptNoticeTerms(w.a.v, w.id, request);
    await getVendorNotice(w.a.v, w.id, request);
    await acknowledgeNotice(w.a.v, w.id, request);
    const tracking = await getTracking(w.m, w.id);
    expect(tracking.rows.map((r) => [r.organisation, !!r.firstViewedAt, !!r.termsAcceptedAt, r.acknowledgedBy])).toEqual([
      ["Acme", true, true, "ann@acme.example"],
      ["Globex", false, false, null],
    ]);
    expect(tracking.rows[0]!.delivery).toMatchObject({ emails: 1, queued: 1 });
    expect(tracking.stats).toMatchObject({ organisations: 2, acknowledged: 1, acknowledgedBeforeDisclosure: 1 });
    expect((await getTracking(w.m, w.id, { status: "not-acknowledged" })).rows.map((r) => r.organisation)).toEqual(["Globex"]);
    expect(await remindSilent(w.m, { noticeId: w.id }, request)).toEqual({ organisations: 1 });
    expect((await emailsAbout("please acknowledge")).map((e) => e.toAddress)).toEqual(["gus@globex.example"]);
    // Automatic reminders: only after the delay, and not again before another delay has passed.
    expect(await remindAutomatically(48)).toBe(0);
    await db.client.noticeRecipient.updateMany({ data: { notifiedAt: new Date(Date.now() - 49 * 3_600_000), remindedAt: null } });
    expect(await remindAutomatically(48)).toBe(1);
    expect(await remindAutomatically(48)).toBe(0);
    const csv = await trackingCsvRows(w.m, w.id);
    expect(csv.rows.map((r) => r[0])).toEqual(["Acme", "Globex"]);
    for (const viewer of [w.a.v, ANONYMOUS, { ...w.m, secondFactor: false }]) {
      await expect(getTracking(viewer, w.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(remindSilent(viewer, { noticeId: w.id }, request)).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  it("the thread is private to one organisation and the maintainers; the other side is told by a link", async () => {
    const w = await world();
    await expect(postVendorMessage(w.a.v, { noticeId: w.id, body: "Is 3.x affected?" }, request)).rejects.toThrow(/Accept the embargo terms/);
    await acceptNoticeTerms(w.a.v, w.id, request);
    await acceptNoticeTerms(w.b.v, w.id, request);
    await postVendorMessage(w.a.v, { noticeId: w.id, body: "Is 3.x affected?" }, request);
    const acme = (await getTracking(w.m, w.id)).rows.find((r) => r.organisation === "Acme")!;
    await postMaintainerMessage(w.m, { noticeId: w.id, recipientId: acme.recipientId, body: "Yes, 3.9 too." }, request);
    expect((await getThread(w.m, w.id, acme.recipientId)).messages.map((m) => [m.author, m.body])).toEqual([
      ["ann@acme.example", "Is 3.x affected?"],
      ["m@project.example", "Yes, 3.9 too."],
    ]);
    const globexView = await getVendorNotice(w.b.v, w.id, request);
    expect(JSON.stringify(globexView)).not.toContain("3.x");
    const acmeView = await getVendorNotice(w.a.v, w.id, request);
    expect(acmeView.view === "full" && acmeView.recipient.messages.map((m) => [m.from, m.body])).toEqual([
      ["ann@acme.example", "Is 3.x affected?"],
      ["The maintainers", "Yes, 3.9 too."],
    ]);
    const told = await emailsAbout("new message");
    expect(told.map((e) => e.toAddress).sort()).toEqual(["ann@acme.example", "m@project.example"]);
    for (const e of told) {
      expect(e.textBody).toMatch(/\/maintainer\/notices\/.*\/tracking|\/vendor\/notices\//);
      expect(e.textBody).not.toMatch(/3\.x|3\.9/);
    }
    await expect(postMaintainerMessage(w.m, { noticeId: w.id, recipientId: "other", body: "x" }, request)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("attachments: checked, hashed, served only through the notice's scope and after the terms; public only once disclosed", async () => {
    const w = await world();
    const patch = new TextEncoder().encode("diff --git a/parse.c b/parse.c\n+  if (len > max) return -1;\n");
    await expect(addAttachment(w.m, { noticeId: w.id, filename: "advisory.pdf", bytes: new TextEncoder().encode("<html>"), public: false }, request)).rejects.toThrow(/is not a PDF/);
    await expect(addAttachment(w.a.v, { noticeId: w.id, filename: "x.patch", bytes: patch, public: false }, request)).rejects.toBeInstanceOf(NotFoundError);
    const { id: fileId, sha256 } = await addAttachment(w.m, { noticeId: w.id, filename: "../../fix.patch", bytes: patch, public: true }, request);
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    const stranger = vendor(await db.client.user.create({ data: { email: "x@initech.example", role: "VENDOR", status: "ACTIVE" } }), { id: (await db.client.organisation.create({ data: { name: "Initech", status: "ACTIVE" } })).id, name: "Initech" });
    for (const viewer of [stranger, ANONYMOUS, w.a.v]) await expect(getAttachmentForDownload(viewer, w.id, fileId, request)).rejects.toBeInstanceOf(NotFoundError);
    await acceptNoticeTerms(w.a.v, w.id, request);
    const file = await getAttachmentForDownload(w.a.v, w.id, fileId, request);
    // Under embargo the member's copy is their own marked one (leak tracing): its own hash, the patch lines unchanged.
    expect(file).toMatchObject({ filename: "fix.patch", contentType: "text/plain; charset=utf-8", marked: true });
    expect(file.sha256).not.toBe(sha256);
    expect(new TextDecoder().decode(file.data)).toContain("len > max");
    await expect(getAttachmentForDownload(w.a.v, "another-notice", fileId, request)).rejects.toBeInstanceOf(NotFoundError);
    await endEmbargoNow(w.m, { noticeId: w.id, reason: "Public fix" }, request);
    expect((await getAttachmentForDownload(ANONYMOUS, w.id, fileId, request)).sha256).toBe(sha256);
    expect(await db.client.auditEvent.count({ where: { action: "notice.attachment-downloaded" } })).toBe(1);
    expect(await setChecklistItem(w.m, { noticeId: w.id, item: "releases-issued", done: true }, request)).toEqual({ "releases-issued": expect.any(String) });
  });

  it("files can be taken off the public page or removed before disclosure, by maintainers only, and it is audited", async () => {
    const w = await world();
    const bytes = new TextEncoder().encode("diff --git a/x b/x\n");
    const kept = await addAttachment(w.m, { noticeId: w.id, filename: "fix.patch", bytes, public: false }, request);
    const wrong = await addAttachment(w.m, { noticeId: w.id, filename: "wrong.patch", bytes, public: true }, request);
    for (const viewer of [w.a.v, ANONYMOUS]) {
      await expect(setAttachmentPublic(viewer, { noticeId: w.id, attachmentId: kept.id, public: true }, request)).rejects.toBeInstanceOf(NotFoundError);
      await expect(removeAttachment(viewer, { noticeId: w.id, attachmentId: kept.id }, request)).rejects.toBeInstanceOf(NotFoundError);
    }
    // A file is reached only through its own notice.
    const other = await createNoticeDraft(w.m, draft(), request);
    await expect(removeAttachment(w.m, { noticeId: other.id, attachmentId: kept.id }, request)).rejects.toBeInstanceOf(NotFoundError);
    await removeAttachment(w.m, { noticeId: w.id, attachmentId: wrong.id }, request);
    await setAttachmentPublic(w.m, { noticeId: w.id, attachmentId: kept.id, public: true }, request);
    await endEmbargoNow(w.m, { noticeId: w.id, reason: "Public fix" }, request);
    expect((await getAttachmentForDownload(ANONYMOUS, w.id, kept.id, request)).sha256).toBe(kept.sha256);
    await expect(getAttachmentForDownload(ANONYMOUS, w.id, wrong.id, request)).rejects.toBeInstanceOf(NotFoundError);
    // After disclosure a published file can be taken back, but not deleted.
    await expect(removeAttachment(w.m, { noticeId: w.id, attachmentId: kept.id }, request)).rejects.toThrow(/draft or under embargo/);
    await setAttachmentPublic(w.m, { noticeId: w.id, attachmentId: kept.id, public: false }, request);
    await expect(getAttachmentForDownload(ANONYMOUS, w.id, kept.id, request)).rejects.toBeInstanceOf(NotFoundError);
    const audit = await db.client.auditEvent.findMany({ where: { action: { startsWith: "notice.attachment-" } }, orderBy: { seq: "asc" }, select: { action: true } });
    expect(audit.map((e) => e.action)).toEqual(["notice.attachment-added", "notice.attachment-added", "notice.attachment-removed", "notice.attachment-published", "notice.attachment-unpublished"]);
  });

  it("the public advisory exists only once disclosed, credits the reporter unless they opted out, and names no recipient", async () => {
    const w = await world({ reporterCredit: "Jane Doe (Example Labs)" });
    const withdrawn = await createNoticeDraft(w.m, draft(), request);
    await withdrawNotice(w.m, { noticeId: withdrawn.id, reason: "not real" }, request);
    const drafted = await createNoticeDraft(w.m, draft(), request);
    for (const id of [w.id, withdrawn.id, drafted.id]) await expect(getPublicAdvisory(id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await searchPublicAdvisories("")).toEqual([]);
    await endEmbargoNow(w.m, { noticeId: w.id, reason: "Fix released" }, request);
    const advisory = await getPublicAdvisory(w.id);
    expect(advisory).toMatchObject({ reference: w.reference, title: "Heap overflow in parse_header()", reporterCredit: "Jane Doe (Example Labs)" });
    expect(JSON.stringify(advisory)).not.toMatch(/Acme|Globex|ann@|gus@/);
    expect((await searchPublicAdvisories("")).map((a) => a.id)).toEqual([w.id]);
    const optedOut = await createNoticeDraft(w.m, draft({ reporterCredit: "Anon", reporterOptOut: "on" }), request);
    await sendNotice(w.m, { noticeId: optedOut.id, overrideReason: null }, request);
    await endEmbargoNow(w.m, { noticeId: optedOut.id, reason: "x" }, request);
    expect((await getPublicAdvisory(optedOut.id)).reporterCredit).toBeNull();
  });
});
