// The tracking matrix of a notice sent to many organisations, on PGlite and PostgreSQL: pages of rows by name, a
// search by name, filters, and figures that cover every organisation whatever page is shown; the CSV has them all.
import { expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer } from "@/test/viewers";
import { NoticeDraftSchema } from "./schemas";
import { createNoticeDraft, getTracking, queueSendChunks, sendNotice, TRACKING_PAGE_SIZE, trackingCsvRows } from "./data";

const request = { ip: "192.0.2.61", userAgent: "vitest" };
const HOUR = 3_600_000;
const ORGANISATIONS = 2 * TRACKING_PAGE_SIZE + 20;

describeEachDatabase("tracking matrix pages", (db) => {
  async function world() {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    // Organisation 001…120; every third one acknowledged 2, 4, 6 … hours after it was notified.
    await db.client.organisation.createMany({ data: Array.from({ length: ORGANISATIONS }, (_, i) => ({ name: `Org ${String(i + 1).padStart(3, "0")}`, status: "ACTIVE" as const })) });
    const disclosureAt = new Date(Date.now() + 5 * 24 * HOUR).toISOString();
    const { id } = await createNoticeDraft(m, NoticeDraftSchema.parse({ title: "Many recipients", description: "x", disclosureAt }), request);
    await sendNotice(m, { noticeId: id, overrideReason: null }, request);
    // The recipients after the send's first chunk, written as its "notice.send-chunk" jobs would.
    const plan = await db.client.noticeSend.findFirstOrThrow({ where: { noticeId: id } });
    await queueSendChunks(plan.id, plan.chunksDone);
    const recipients = await db.client.noticeRecipient.findMany({ where: { noticeId: id }, select: { id: true, notifiedAt: true, organisation: { select: { name: true } } }, orderBy: { organisation: { name: "asc" } } });
    let k = 0;
    for (const [i, r] of recipients.entries()) {
      if (i % 3 !== 0) continue;
      k += 1;
      await db.client.noticeRecipient.update({ where: { id: r.id }, data: { acknowledgedAt: new Date(r.notifiedAt.getTime() + 2 * k * HOUR) } });
    }
    return { m, id, acknowledged: k };
  }

  it("shows one page of organisations by name, with figures over all of them", async () => {
    const w = await world();
    const first = await getTracking(w.m, w.id);
    expect(first.rows.map((r) => r.organisation)).toEqual(Array.from({ length: TRACKING_PAGE_SIZE }, (_, i) => `Org ${String(i + 1).padStart(3, "0")}`));
    expect(first.paging).toEqual({ page: 1, pages: 3, pageSize: TRACKING_PAGE_SIZE, matching: ORGANISATIONS });
    // 40 acknowledged after 2, 4 … 80 hours: the median is the mean of the 20th and 21st, (40 + 42) / 2.
    expect(first.stats).toEqual({ organisations: ORGANISATIONS, acknowledged: w.acknowledged, acknowledgedBeforeDisclosure: w.acknowledged, medianHoursToAcknowledge: 41, removed: 0 });

    const last = await getTracking(w.m, w.id, { page: 3 });
    expect(last.rows.map((r) => r.organisation)).toEqual(Array.from({ length: 20 }, (_, i) => `Org ${String(101 + i).padStart(3, "0")}`));
    expect(last.stats).toEqual(first.stats);
    // A page past the end shows the last one.
    expect((await getTracking(w.m, w.id, { page: 99 })).paging.page).toBe(3);
  });

  it("filters and searches by name, paging what matches", async () => {
    const w = await world();
    const silent = await getTracking(w.m, w.id, { status: "not-acknowledged", page: 2 });
    expect(silent.paging).toMatchObject({ page: 2, pages: 2, matching: ORGANISATIONS - w.acknowledged });
    expect(silent.rows.every((r) => r.acknowledgedAt === null)).toBe(true);
    const found = await getTracking(w.m, w.id, { q: "org 11" });
    expect(found.rows.map((r) => r.organisation)).toEqual(["Org 110", "Org 111", "Org 112", "Org 113", "Org 114", "Org 115", "Org 116", "Org 117", "Org 118", "Org 119"]);
    expect(found.paging).toMatchObject({ page: 1, pages: 1, matching: 10 });
    expect(found.stats.organisations).toBe(ORGANISATIONS);
    const acked = await getTracking(w.m, w.id, { q: "org 11", status: "acknowledged" });
    expect(acked.rows.map((r) => r.organisation)).toEqual(["Org 112", "Org 115", "Org 118"]);
    expect((await getTracking(w.m, w.id, { q: "nobody" })).rows).toEqual([]);
  });

  it("gives a page's rows the export's columns, organisation by organisation (terms, thread, emails, who)", async () => {
    const w = await world();
    const page = (await getTracking(w.m, w.id)).rows;
    const [r0, r1, r2, r3, r4] = page.map((r) => ({ id: r.recipientId, organisationId: r.organisationId }));
    const vendor = await db.client.user.create({ data: { email: "v@vendor.example", role: "VENDOR", status: "ACTIVE" } });
    const t0 = new Date(Date.now() - 5 * HOUR);
    // Two members accepted the terms of r0 (the earliest counts), one of r1.
    await db.client.noticeTermsAcceptance.createMany({
      data: [
        { recipientId: r0!.id, userId: vendor.id, acceptedAt: new Date(t0.getTime() + HOUR) },
        { recipientId: r0!.id, userId: w.m.userId, acceptedAt: t0 },
        { recipientId: r1!.id, userId: vendor.id, acceptedAt: new Date(t0.getTime() + 2 * HOUR) },
      ],
    });
    await db.client.noticeMessage.createMany({
      data: [
        { recipientId: r0!.id, authorId: vendor.id, fromMaintainer: false, body: "a" },
        { recipientId: r0!.id, authorId: w.m.userId, fromMaintainer: true, body: "b" },
        { recipientId: r2!.id, authorId: vendor.id, fromMaintainer: false, body: "c" },
      ],
    });
    // Emails of this notice's topic count; another topic's never do.
    const emails = async (topic: string, rows: Array<[string, "QUEUED" | "SENT" | "DELIVERED" | "BOUNCED" | "COMPLAINED" | "FAILED"]>) => {
      const dispatch = await db.client.mailDispatch.create({ data: { purpose: "test", label: "test", topic } });
      const batch = await db.client.mailBatch.create({ data: { id: crypto.randomUUID(), dispatchId: dispatch.id } });
      await db.client.outboxEmail.createMany({
        data: rows.map(([organisationId, status], position) => ({ dispatchId: dispatch.id, batchId: batch.id, position, toAddress: "x@vendor.example", subject: "s", organisationId, status })),
      });
    };
    await emails(`notice:${w.id}`, [[r0!.organisationId, "DELIVERED"], [r0!.organisationId, "DELIVERED"], [r0!.organisationId, "BOUNCED"], [r1!.organisationId, "FAILED"], [r1!.organisationId, "QUEUED"]]);
    await emails("notice:another", [[r0!.organisationId, "SENT"], [r2!.organisationId, "FAILED"]]);
    await db.client.noticeRecipient.update({ where: { id: r3!.id }, data: { acknowledgedAt: new Date(), acknowledgedById: vendor.id } });
    await db.client.noticeRecipient.update({ where: { id: r4!.id }, data: { removedAt: new Date(), removedById: w.m.userId, removeReason: "Left the list" } });
    // One organisation viewed, answered and was reminded; another was added after the send, by whom and why.
    await db.client.noticeRecipient.update({
      where: { id: r2!.id },
      data: { firstViewedAt: new Date(t0.getTime() + 3 * HOUR), feedback: "PATCH_TESTED_OK", statement: "AFFECTED", statementComment: "Fixed in 2.1", remindedAt: t0, reminders: 2 },
    });
    await db.client.noticeRecipient.update({ where: { id: r1!.id }, data: { addedById: w.m.userId, addReason: "New packager" } });

    const rows = (await getTracking(w.m, w.id)).rows;
    const byId = new Map(rows.map((r) => [r.recipientId, r]));
    expect(byId.get(r0!.id)).toMatchObject({ termsAcceptedAt: t0, messages: 2, delivery: { emails: 3, queued: 0, sent: 0, delivered: 2, bounced: 1, complained: 0, failed: 0 } });
    expect(byId.get(r1!.id)).toMatchObject({ termsAcceptedAt: new Date(t0.getTime() + 2 * HOUR), messages: 0, delivery: { emails: 2, queued: 1, failed: 1, delivered: 0 } });
    expect(byId.get(r2!.id)).toMatchObject({ termsAcceptedAt: null, messages: 1, delivery: { emails: 0 } });
    expect(byId.get(r3!.id)!.acknowledgedBy).toBe("v@vendor.example");
    expect(byId.get(r4!.id)!.removed).toEqual({ at: expect.any(Date), by: "m@project.example", reason: "Left the list" });
    expect(byId.get(r1!.id)!.added).toEqual({ by: "m@project.example", reason: "New packager" });
    expect(byId.get(r2!.id)).toMatchObject({ feedback: "PATCH_TESTED_OK", statement: "AFFECTED", statementComment: "Fixed in 2.1", reminders: 2, remindedAt: t0 });
    // The export reads the same columns another way (grouped reads per column): every row of a page agrees, column by
    // column, on the first page and on a filtered one.
    const csv = new Map((await trackingCsvRows(w.m, w.id)).rows.map((r) => [r[0], r]));
    const iso = (d: Date | null) => (d ? d.toISOString() : "");
    const silent = (await getTracking(w.m, w.id, { status: "not-acknowledged" })).rows;
    expect(silent.map((r) => r.recipientId)).toEqual(expect.arrayContaining([r1!.id, r2!.id]));
    for (const r of [...rows, ...silent]) {
      expect([
        r.organisation, iso(r.notifiedAt), iso(r.firstViewedAt), iso(r.termsAcceptedAt), iso(r.acknowledgedAt), r.acknowledgedBy ?? "", r.feedback ?? "", r.statement ?? "",
        r.statementComment ?? "", String(r.reminders), String(r.delivery.emails), String(r.delivery.delivered), String(r.delivery.bounced), String(r.delivery.failed),
        r.added?.by ?? "", r.added?.reason ?? "", iso(r.removed?.at ?? null), r.removed?.by ?? "", r.removed?.reason ?? "",
      ]).toEqual(csv.get(r.organisation));
    }
  });

  it("exports every organisation, not a page", async () => {
    const w = await world();
    const csv = await trackingCsvRows(w.m, w.id);
    expect(csv.rows).toHaveLength(ORGANISATIONS);
    expect(csv.rows.filter((r) => r[4] !== "")).toHaveLength(w.acknowledged);
  });
});
