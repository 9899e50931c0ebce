// A whole-list notification queued in chunks (issue 15), on PGlite and PostgreSQL: a change to a notice with more
// recipient organisations than one chunk commits with a record that its notification is owed (NoticeNotification,
// the organisations frozen); "notice.notify-chunk" jobs then queue its emails, each address once however often a
// chunk runs or fails, never to an organisation removed or suspended meanwhile, within need-to-know restrictions, and
// no disclosure email once the notice is withdrawn. A small audience is complete when the change returns.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer } from "@/test/viewers";
import { resetConfigForTests } from "@/lib/server/config";
import { endEmbargoNow, withdrawNotice } from "@/lib/advisories/data";
import { NoticeDraftSchema } from "./schemas";
import { changeDisclosureDate, createNoticeDraft, notificationProgress, remindSilent, queueNotificationChunk, queueNotificationChunks, removeRecipient, sendNotice } from "./data";

const request = { ip: "192.0.2.52", userAgent: "vitest" };
const inDays = (d: number) => new Date(Date.now() + d * 24 * 3_600_000);
const ORGANISATIONS = 10;
const CHUNK = 3;

beforeAll(() => {
  process.env.FOREWARN_SEND_CHUNK_ORGANISATIONS = String(CHUNK);
  resetConfigForTests();
});
afterAll(() => {
  delete process.env.FOREWARN_SEND_CHUNK_ORGANISATIONS;
  resetConfigForTests();
});

describeEachDatabase("whole-list notifications in chunks", (db) => {
  async function world(organisations = ORGANISATIONS) {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    for (let i = 0; i < organisations; i += 1) {
      await db.client.organisation.create({
        data: {
          name: `Org ${i}`,
          status: "ACTIVE",
          roleAddress: `security@org${i}.example`,
          memberships: { create: [{ user: { create: { email: `a@org${i}.example`, role: "VENDOR", status: "ACTIVE" } } }] },
        },
      });
    }
    const { id } = await createNoticeDraft(m, NoticeDraftSchema.parse({ title: "Heap overflow", summary: "A crafted header overflows.", disclosureAt: inDays(5).toISOString(), cveIds: "CVE-2026-1234" }), request);
    // The send itself in one chunk: every recipient row is there before the change under test.
    await sendNotice(m, { noticeId: id, overrideReason: null }, request, { chunkOrganisations: 50 });
    return { m, noticeId: id };
  }

  const emailsOf = async (purpose: string) =>
    (await db.client.outboxEmail.findMany({ where: { dispatch: { purpose } }, select: { toAddress: true } })).map((e) => e.toAddress).sort();
  const addressesOf = (numbers: number[]) => numbers.flatMap((n) => [`a@org${n}.example`, `security@org${n}.example`]).sort();
  const all = [...Array(ORGANISATIONS).keys()];
  const orgId = async (n: number) => (await db.client.organisation.findFirstOrThrow({ where: { name: `Org ${n}` } })).id;
  const moveDate = (w: { m: ReturnType<typeof maintainer>; noticeId: string }) =>
    changeDisclosureDate(w.m, { noticeId: w.noticeId, disclosureAt: inDays(6), changeNote: "Upstream needs a day more.", overrideReason: null }, request);

  it("the change commits with the owed record, not the emails; the jobs queue each address once, in whole batches", async () => {
    const w = await world();
    await moveDate(w);
    const owed = await db.client.noticeNotification.findFirstOrThrow({ where: { noticeId: w.noticeId } });
    expect(owed).toMatchObject({ what: "date-changed", noticeState: "EMBARGOED", chunkSize: CHUNK, chunksDone: 0, finishedAt: null });
    expect(owed.organisationIds).toHaveLength(ORGANISATIONS);
    expect(await emailsOf("notice.date-changed")).toEqual([]);
    // The dispatch is there from the change on (deliveries and tracking pages list it), and the first chunk's job.
    expect(await db.client.mailDispatch.count({ where: { id: owed.dispatchId, purpose: "notice.date-changed" } })).toBe(1);
    const jobs = await db.client.$queryRaw<Array<{ index: number }>>`SELECT (data->>'index')::int AS index FROM pgboss.job WHERE name = 'notice.notify-chunk'`;
    expect(jobs.map((j) => j.index)).toEqual([0]);
    expect(await notificationProgress(w.m, w.noticeId)).toEqual([{ what: "date-changed", organisations: ORGANISATIONS, queued: 0, emails: 0, finished: false, stoppedReason: null }]);

    expect(await queueNotificationChunks(owed.id, 0)).toEqual({ chunks: 4, emails: ORGANISATIONS * 2 });
    const emails = await emailsOf("notice.date-changed");
    expect(emails).toEqual(addressesOf(all));
    expect(await db.client.noticeNotification.findUniqueOrThrow({ where: { id: owed.id } })).toMatchObject({ chunksDone: 4, organisationsDone: ORGANISATIONS, emails: ORGANISATIONS * 2, stoppedReason: null });
    expect((await db.client.noticeNotification.findUniqueOrThrow({ where: { id: owed.id } })).finishedAt).not.toBeNull();
    // The email says the new date, as composed at the change.
    const one = await db.client.outboxEmail.findFirstOrThrow({ where: { dispatchId: owed.dispatchId } });
    expect(one.subject).toMatch(/disclosure|date/i);
    expect(await notificationProgress(w.m, w.noticeId)).toEqual([]);
  });

  it("a replayed, doubled or failed chunk writes nothing twice; the job's retry recovers", async () => {
    const w = await world();
    await moveDate(w);
    const owed = await db.client.noticeNotification.findFirstOrThrow({ where: { noticeId: w.noticeId } });
    expect((await queueNotificationChunk(owed.id, 0)).outcome).toBe("queued");
    expect(await queueNotificationChunk(owed.id, 0)).toEqual({ outcome: "done", emails: 0, last: true });
    const twice = await Promise.all([queueNotificationChunk(owed.id, 1), queueNotificationChunk(owed.id, 1)]);
    expect(twice.map((t) => t.outcome).sort()).toEqual(["done", "queued"]);
    await expect(queueNotificationChunk(owed.id, 3)).rejects.toThrow(/waits for chunk 2/);
    // The crash between chunks: chunk 2's transaction fails on one of its addresses, and nothing of it is written.
    const order = await Promise.all(all.map(async (n) => [await orgId(n), n] as const));
    const numberOf = new Map(order);
    const victim = numberOf.get(owed.organisationIds[7]!)!;
    await db.client.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW."toAddress" = 'a@org${victim}.example' THEN RAISE EXCEPTION 'simulated crash'; END IF; RETURN NEW; END $$`);
    await db.client.$executeRawUnsafe(`CREATE TRIGGER fail_insert BEFORE INSERT ON "OutboxEmail" FOR EACH ROW EXECUTE FUNCTION fail_insert()`);
    await expect(queueNotificationChunks(owed.id, 2)).rejects.toThrow();
    expect(await db.client.noticeNotification.findUniqueOrThrow({ where: { id: owed.id } })).toMatchObject({ chunksDone: 2, organisationsDone: 2 * CHUNK, finishedAt: null });
    await db.client.$executeRawUnsafe(`DROP TRIGGER fail_insert ON "OutboxEmail"`);
    await queueNotificationChunks(owed.id, 2);
    expect(await queueNotificationChunks(owed.id, 2)).toEqual({ chunks: 0, emails: 0 });
    const emails = await emailsOf("notice.date-changed");
    expect(emails).toEqual(addressesOf(all));
    expect(new Set(emails).size).toBe(emails.length);
  });

  it("a job that goes on queues no job per chunk; its retry after its worker died resumes where the notification stands", async () => {
    const w = await world();
    await moveDate(w);
    const owed = await db.client.noticeNotification.findFirstOrThrow({ where: { noticeId: w.noticeId } });
    // The job of chunk 0 writes chunks 0 and 1 going on, then its worker dies: no job was queued for chunk 2.
    expect((await queueNotificationChunk(owed.id, 0, { goOn: true })).outcome).toBe("queued");
    expect((await queueNotificationChunk(owed.id, 1, { goOn: true })).outcome).toBe("queued");
    const jobs = await db.client.$queryRaw<Array<{ index: number }>>`SELECT (data->>'index')::int AS index FROM pgboss.job WHERE name = 'notice.notify-chunk' AND data->>'notificationId' = ${owed.id}`;
    expect(jobs.map((j) => j.index)).toEqual([0]);
    // The job engine retries job 0 (it expired): it resumes at chunk 2.
    expect(await queueNotificationChunks(owed.id, 0)).toEqual({ chunks: 2, emails: (ORGANISATIONS - 2 * CHUNK) * 2 });
    expect(await emailsOf("notice.date-changed")).toEqual(addressesOf(all));
  });

  it("never emails an organisation removed or suspended meanwhile; need-to-know restrictions hold", async () => {
    const w = await world();
    // Org 5 restricted to its member: its role address gets nothing (as without chunks).
    const restricted = await db.client.noticeRecipient.findFirstOrThrow({ where: { noticeId: w.noticeId, organisationId: await orgId(5) }, include: { organisation: { include: { memberships: true } } } });
    await db.client.noticeRecipient.update({ where: { id: restricted.id }, data: { restricted: true, accessGrants: { create: { userId: restricted.organisation.memberships[0]!.userId, grantedById: w.m.userId } } } });
    await moveDate(w);
    const owed = await db.client.noticeNotification.findFirstOrThrow({ where: { noticeId: w.noticeId } });
    expect(owed.organisationIds).toHaveLength(ORGANISATIONS);
    await queueNotificationChunk(owed.id, 0);
    // After the change and its first chunk: one organisation suspended, one removed from the notice.
    const numberOf = new Map(await Promise.all(all.map(async (n) => [await orgId(n), n] as const)));
    const [suspended, removed] = [numberOf.get(owed.organisationIds[4]!)!, numberOf.get(owed.organisationIds[8]!)!];
    await db.client.organisation.update({ where: { id: await orgId(suspended) }, data: { status: "SUSPENDED" } });
    const row = await db.client.noticeRecipient.findFirstOrThrow({ where: { noticeId: w.noticeId, organisationId: await orgId(removed) } });
    await removeRecipient(w.m, { noticeId: w.noticeId, recipientId: row.id, reason: "Broke the embargo" }, request);
    await queueNotificationChunks(owed.id, 1);
    const expected = addressesOf(all.filter((n) => n !== suspended && n !== removed && n !== 5)).concat(suspended === 5 || removed === 5 ? [] : ["a@org5.example"]).sort();
    expect(await emailsOf("notice.date-changed")).toEqual(expected);
  });

  it("withdrawn while a disclosure's notification is queued: no further disclosure email; the withdrawal's goes to all", async () => {
    const w = await world();
    await endEmbargoNow(w.m, { noticeId: w.noticeId, reason: "Exploited in the wild" }, request);
    const disclosure = await db.client.noticeNotification.findFirstOrThrow({ where: { noticeId: w.noticeId, what: "disclosed" } });
    expect(disclosure.noticeState).toBe("DISCLOSED");
    await queueNotificationChunk(disclosure.id, 0);
    await withdrawNotice(w.m, { noticeId: w.noticeId, reason: "Not a real issue" }, request);
    await queueNotificationChunks(disclosure.id, 1);
    expect(await db.client.noticeNotification.findUniqueOrThrow({ where: { id: disclosure.id } })).toMatchObject({ chunksDone: 2, stoppedReason: expect.stringMatching(/withdrawn/) });
    expect(await emailsOf("notice.disclosed")).toHaveLength(CHUNK * 2);
    const withdrawal = await db.client.noticeNotification.findFirstOrThrow({ where: { noticeId: w.noticeId, what: "retracted" } });
    expect(withdrawal).toMatchObject({ noticeState: "WITHDRAWN", evenIfKeyUnusable: true });
    await queueNotificationChunks(withdrawal.id, 0);
    expect(await emailsOf("notice.retracted")).toEqual(addressesOf(all));
  });

  it("an older date change's notification stops once the notice is disclosed; the disclosure's goes on", async () => {
    const w = await world();
    await moveDate(w);
    const moved = await db.client.noticeNotification.findFirstOrThrow({ where: { noticeId: w.noticeId, what: "date-changed" } });
    await endEmbargoNow(w.m, { noticeId: w.noticeId, reason: "Exploited in the wild" }, request);
    expect(await queueNotificationChunks(moved.id, 0)).toEqual({ chunks: 0, emails: 0 });
    expect(await db.client.noticeNotification.findUniqueOrThrow({ where: { id: moved.id } })).toMatchObject({ stoppedReason: expect.stringMatching(/disclosed/) });
    const disclosure = await db.client.noticeNotification.findFirstOrThrow({ where: { noticeId: w.noticeId, what: "disclosed" } });
    await queueNotificationChunks(disclosure.id, 0);
    expect(await emailsOf("notice.disclosed")).toEqual(addressesOf(all));
    // Tracking keeps saying that the date change reached nobody, and why; the finished disclosure is not listed.
    expect(await notificationProgress(w.m, w.noticeId)).toEqual([{ what: "date-changed", organisations: ORGANISATIONS, queued: 0, emails: 0, finished: true, stoppedReason: expect.stringMatching(/disclosed/) }]);
  });

  it("a reminder to some of the list owes it to those chosen only, in chunks", async () => {
    const w = await world();
    const chosen = [1, 2, 3, 6, 9];
    const rows = await db.client.noticeRecipient.findMany({ where: { noticeId: w.noticeId, organisationId: { in: await Promise.all(chosen.map(orgId)) } }, select: { id: true } });
    expect(await remindSilent(w.m, { noticeId: w.noticeId, recipientIds: rows.map((r) => r.id) }, request)).toEqual({ organisations: chosen.length });
    const owed = await db.client.noticeNotification.findFirstOrThrow({ where: { noticeId: w.noticeId, what: "reminder" } });
    expect(owed.organisationIds).toHaveLength(chosen.length);
    await queueNotificationChunks(owed.id, 0);
    expect(await emailsOf("notice.reminder")).toEqual(addressesOf(chosen));
  });

  it("a reminder's later chunks leave out an organisation that acknowledged since it was made", async () => {
    const w = await world();
    const chosen = [1, 2, 3, 6, 9];
    const rows = await db.client.noticeRecipient.findMany({ where: { noticeId: w.noticeId, organisationId: { in: await Promise.all(chosen.map(orgId)) } }, select: { id: true } });
    await remindSilent(w.m, { noticeId: w.noticeId, recipientIds: rows.map((r) => r.id) }, request);
    const owed = await db.client.noticeNotification.findFirstOrThrow({ where: { noticeId: w.noticeId, what: "reminder" } });
    await db.client.noticeRecipient.updateMany({ where: { noticeId: w.noticeId, organisationId: await orgId(6) }, data: { acknowledgedAt: new Date() } });
    await queueNotificationChunks(owed.id, 0);
    expect(await emailsOf("notice.reminder")).toEqual(addressesOf([1, 2, 3, 9]));
  });

  it("every email states the disclosure time as it stands: an older change's chunks written after a newer one's", async () => {
    const w = await world();
    const rows = await db.client.noticeRecipient.findMany({ where: { noticeId: w.noticeId }, select: { id: true } });
    await remindSilent(w.m, { noticeId: w.noticeId, recipientIds: rows.map((r) => r.id) }, request);
    const later = inDays(12);
    await changeDisclosureDate(w.m, { noticeId: w.noticeId, disclosureAt: later, changeNote: "Upstream needs a week more.", overrideReason: null }, request);
    const current = inDays(7);
    await changeDisclosureDate(w.m, { noticeId: w.noticeId, disclosureAt: current, changeNote: "Upstream is ready sooner.", overrideReason: null }, request);
    const owed = await db.client.noticeNotification.findMany({ where: { noticeId: w.noticeId }, orderBy: { createdAt: "asc" } });
    expect(owed.map((o) => o.what)).toEqual(["reminder", "date-changed", "date-changed"]);
    // The newest first, then the reminder, then the first date change (its emails the last to arrive).
    for (const o of [owed[2]!, owed[0]!, owed[1]!]) await queueNotificationChunks(o.id, 0);
    const texts = await db.client.outboxEmail.findMany({ where: { dispatchId: { in: owed.map((o) => o.dispatchId) } }, select: { toAddress: true, textBody: true } });
    expect(texts).toHaveLength(ORGANISATIONS * 2 * 3);
    const stamp = (d: Date) => d.toISOString().slice(0, 10);
    for (const t of texts) {
      expect(t.textBody).toContain(stamp(current));
      expect(t.textBody).not.toContain(stamp(later));
    }
  });

  it("a small audience (one chunk) is complete when the change returns, without an owed record", async () => {
    const w = await world(CHUNK);
    await moveDate(w);
    expect(await db.client.noticeNotification.count()).toBe(0);
    expect(await emailsOf("notice.date-changed")).toEqual(addressesOf([0, 1, 2]));
  });
});
