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

  it("exports every organisation, not a page", async () => {
    const w = await world();
    const csv = await trackingCsvRows(w.m, w.id);
    expect(csv.rows).toHaveLength(ORGANISATIONS);
    expect(csv.rows.filter((r) => r[4] !== "")).toHaveLength(w.acknowledged);
  });
});
