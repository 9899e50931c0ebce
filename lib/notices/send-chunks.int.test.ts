// A send queued in chunks (issue 15), on PGlite and PostgreSQL: the audience is frozen at once, the recipient rows and
// their emails are written a chunk of organisations at a time by the "notice.send-chunk" job's handler, exactly once
// however often a chunk runs or fails, and nothing goes to an organisation suspended or removed, or after a
// withdrawal, while the chunks are being written.
import { expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer } from "@/test/viewers";
import { withdrawNotice } from "@/lib/advisories/data";
import { deliverBatch } from "@/lib/mail/data";
import { NoticeDraftSchema, PreAnnounceSchema } from "./schemas";
import { renderPreAnnouncement } from "./pre-announcement";
import { addRecipients, createNoticeDraft, getPreAnnouncementPanel, publishPreAnnouncement, queueSendChunk, queueSendChunks, removeRecipient, sendNotice, sendProgress } from "./data";

const request = { ip: "192.0.2.51", userAgent: "vitest" };
const inDays = (d: number) => new Date(Date.now() + d * 24 * 3_600_000).toISOString();
const ORGANISATIONS = 10;
const CHUNK = 3;

describeEachDatabase("notices sent in chunks", (db) => {
  async function world() {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    for (let i = 0; i < ORGANISATIONS; i += 1) {
      await db.client.organisation.create({
        data: {
          name: `Org ${i}`,
          status: "ACTIVE",
          roleAddress: `security@org${i}.example`,
          memberships: { create: [{ user: { create: { email: `a@org${i}.example`, role: "VENDOR", status: "ACTIVE" } } }] },
        },
      });
    }
    // An organisation outside the audience: never touched.
    await db.client.organisation.create({ data: { name: "Dormant", status: "SUSPENDED", roleAddress: "security@dormant.example" } });
    const { id } = await createNoticeDraft(m, NoticeDraftSchema.parse({ title: "Heap overflow", summary: "A crafted header overflows.", disclosureAt: inDays(5), cveIds: "CVE-2026-1234" }), request);
    return { m, noticeId: id };
  }

  async function sendInChunks(w: Awaited<ReturnType<typeof world>>) {
    const sent = await sendNotice(w.m, { noticeId: w.noticeId, overrideReason: null }, request, { chunkOrganisations: CHUNK });
    const plan = await db.client.noticeSend.findFirstOrThrow({ where: { noticeId: w.noticeId } });
    const orgs = await db.client.organisation.findMany({ where: { id: { in: plan.organisationIds } }, select: { id: true, name: true } });
    const nameOf = new Map(orgs.map((o) => [o.id, o.name]));
    return { sent, plan, names: plan.organisationIds.map((id) => nameOf.get(id)!) };
  }

  const noticeEmails = async () =>
    (await db.client.outboxEmail.findMany({ where: { dispatch: { purpose: "notice.sent" } }, select: { toAddress: true } })).map((e) => e.toAddress).sort();
  /** Every batch worked once, as the "mail.send-batch" jobs would; the addresses a notice email was sent to. */
  const deliverAll = async () => {
    // A batch with an email no longer entitled is set aside: the rest go in a new batch, worked in the next round.
    for (let round = 0; round < 5; round += 1) {
      for (const b of await db.client.mailBatch.findMany({ where: { status: "QUEUED" }, select: { id: true } })) await deliverBatch(b.id, { attempt: 1, lastAttempt: false });
    }
    return (await db.client.outboxEmail.findMany({ where: { dispatch: { purpose: "notice.sent" }, status: "SENT" }, select: { toAddress: true } })).map((e) => e.toAddress).sort();
  };
  const addressesOf = (names: string[]) => names.flatMap((n) => [`a@org${n.slice(4)}.example`, `security@org${n.slice(4)}.example`]).sort();

  const recipients = async (noticeId: string) =>
    (await db.client.noticeRecipient.findMany({ where: { noticeId }, select: { organisation: { select: { name: true } } } })).map((r) => r.organisation.name).sort();

  it("freezes the audience at once, writes the first chunk before returning and the rest by the job, each address once", async () => {
    const w = await world();
    const { sent, plan, names } = await sendInChunks(w);
    expect(sent).toMatchObject({ organisations: ORGANISATIONS, emails: CHUNK * 2, queuing: true });
    expect(plan.organisationIds).toHaveLength(ORGANISATIONS);
    // An organisation may read the notice from the commit that writes its row with its emails: the first chunk's.
    expect(await recipients(w.noticeId)).toEqual(names.slice(0, CHUNK).sort());
    expect(plan).toMatchObject({ chunkSize: CHUNK, chunksDone: 1, organisationsDone: CHUNK, emails: CHUNK * 2, finishedAt: null });
    expect(await noticeEmails()).toEqual(addressesOf(names.slice(0, CHUNK)));
    expect(await sendProgress(w.m, w.noticeId)).toEqual({ organisations: ORGANISATIONS, queued: CHUNK, emails: CHUNK * 2, finished: false, stoppedReason: null });
    // The first chunk's commit queued the second chunk's job (the send's commit queued the first's).
    const jobs = await db.client.$queryRaw<Array<{ index: number }>>`SELECT (data->>'index')::int AS index FROM pgboss.job WHERE name = 'notice.send-chunk' ORDER BY 1`;
    expect(jobs.map((j) => j.index)).toEqual([0, 1]);

    // The job of chunk 1 goes on to the end (4 chunks of 3, 3, 3, 1).
    expect(await queueSendChunks(plan.id, 1)).toEqual({ chunks: 3, emails: (ORGANISATIONS - CHUNK) * 2 });
    expect(await noticeEmails()).toEqual(addressesOf(names));
    expect(await recipients(w.noticeId)).toEqual([...names].sort());
    expect(await sendProgress(w.m, w.noticeId)).toEqual({ organisations: ORGANISATIONS, queued: ORGANISATIONS, emails: ORGANISATIONS * 2, finished: true, stoppedReason: null });
    // Every email sits in a batch of at most 100 with a job of its own: 4 chunks, one batch each.
    expect(await db.client.mailBatch.count()).toBe(4);
    expect(await db.client.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'mail.send-batch'`).toEqual([{ n: 4 }]);
  });

  it("a replayed or doubled chunk writes nothing twice (a job that died after its commit, a job and the sender at once)", async () => {
    const w = await world();
    const { plan, names } = await sendInChunks(w);
    // Chunk 0 again (the job the send queued, after the sender did it): done already.
    expect(await queueSendChunk(plan.id, 0)).toEqual({ outcome: "done", emails: 0, last: true });
    // Chunk 1 by two workers at once: one queues it, the other finds it done.
    const twice = await Promise.all([queueSendChunk(plan.id, 1), queueSendChunk(plan.id, 1)]);
    expect(twice.map((t) => t.outcome).sort()).toEqual(["done", "queued"]);
    // A chunk whose turn has not come waits (its job retries).
    await expect(queueSendChunk(plan.id, 3)).rejects.toThrow(/waits for chunk 2/);
    await queueSendChunks(plan.id, 2);
    await queueSendChunks(plan.id, 2);
    const emails = await noticeEmails();
    expect(emails).toEqual(addressesOf(names));
    expect(new Set(emails).size).toBe(emails.length);
    expect(await db.client.noticeSend.findUniqueOrThrow({ where: { id: plan.id } })).toMatchObject({ chunksDone: 4, organisationsDone: ORGANISATIONS, emails: ORGANISATIONS * 2 });
  });

  it("a job that goes on queues no job per chunk; its retry after its worker died resumes where the send stands", async () => {
    const w = await world();
    const { plan, names } = await sendInChunks(w);
    // The job of chunk 1 writes chunks 1 and 2 going on, then its worker dies: no job was queued for chunk 3.
    expect((await queueSendChunk(plan.id, 1, { goOn: true })).outcome).toBe("queued");
    expect((await queueSendChunk(plan.id, 2, { goOn: true })).outcome).toBe("queued");
    const jobs = await db.client.$queryRaw<Array<{ index: number }>>`SELECT (data->>'index')::int AS index FROM pgboss.job WHERE name = 'notice.send-chunk' AND data->>'sendId' = ${plan.id} ORDER BY 1`;
    expect(jobs.map((j) => j.index)).toEqual([0, 1]);
    // The job engine retries job 1 (it expired): it resumes at chunk 3, the last.
    expect(await queueSendChunks(plan.id, 1)).toEqual({ chunks: 1, emails: (ORGANISATIONS - 3 * CHUNK) * 2 });
    expect(await noticeEmails()).toEqual(addressesOf(names));
    expect(await recipients(w.noticeId)).toEqual([...names].sort());
  });

  it("an organisation suspended or removed from the notice while the chunks are written gets no further notice email", async () => {
    const w = await world();
    const { plan, names } = await sendInChunks(w);
    // Removed: one the first chunk reached (only a written recipient can be removed). Suspended: one not reached yet.
    const [removed, suspended] = [plan.organisationIds[1]!, plan.organisationIds[4]!];
    await db.client.organisation.update({ where: { id: suspended }, data: { status: "SUSPENDED" } });
    const row = await db.client.noticeRecipient.findFirstOrThrow({ where: { noticeId: w.noticeId, organisationId: removed } });
    await removeRecipient(w.m, { noticeId: w.noticeId, recipientId: row.id, reason: "Broke the embargo" }, request);
    await queueSendChunks(plan.id, 1);
    expect(await noticeEmails()).toEqual(addressesOf(names.filter((_, i) => i !== 4)));
    expect(await deliverAll()).toEqual(addressesOf(names.filter((_, i) => i !== 4 && i !== 1)));
    // The removed organisation stays removed (no later chunk wrote it again); the suspended one never became a recipient.
    expect(await db.client.noticeRecipient.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ removedAt: expect.any(Date) });
    expect(await recipients(w.noticeId)).toEqual(names.filter((_, i) => i !== 4).sort());
    const toRemoved = await db.client.outboxEmail.findMany({ where: { organisationId: removed }, select: { dispatch: { select: { purpose: true } } } });
    expect(toRemoved.map((e) => e.dispatch.purpose).sort()).toEqual(["notice.access-ended", "notice.access-ended", "notice.sent", "notice.sent"]);
    // Both count as done: the send finished.
    expect(await sendProgress(w.m, w.noticeId)).toMatchObject({ queued: ORGANISATIONS, finished: true });
  });

  it("an organisation added late while the chunks are written is emailed once, by its addition, whoever commits first", async () => {
    const w = await world();
    const { plan, names } = await sendInChunks(w);
    const late = plan.organisationIds[4]!;
    // Side by side: the addition either commits first (the chunk finds the added row under the notice's lock and composes
    // again without it) or finds the organisation written by the chunk ("already receives this notice").
    const [added] = await Promise.allSettled([addRecipients(w.m, { noticeId: w.noticeId, organisationIds: [late], reason: "Ships it too" }, request), queueSendChunk(plan.id, 1)]);
    await queueSendChunks(plan.id, 2);
    const emails = await noticeEmails();
    expect(emails).toEqual(addressesOf(names));
    const row = await db.client.noticeRecipient.findFirstOrThrow({ where: { noticeId: w.noticeId, organisationId: late } });
    expect(row.addedById).toBe(added.status === "fulfilled" ? w.m.userId : null);
    expect(await recipients(w.noticeId)).toEqual([...names].sort());
  });

  it("a chunk that fails writes nothing of itself; its job's replay writes it, each recipient and address once", async () => {
    const w = await world();
    const { plan, names } = await sendInChunks(w);
    // The crash: the outbox refuses one address of chunk 1 inside the chunk's transaction.
    const victim = addressesOf([names[4]!])[0]!;
    await failInsertsTo(victim);
    await expect(queueSendChunks(plan.id, 1)).rejects.toThrow();
    expect(await recipients(w.noticeId)).toEqual(names.slice(0, CHUNK).sort());
    expect(await noticeEmails()).toEqual(addressesOf(names.slice(0, CHUNK)));
    expect(await db.client.noticeSend.findUniqueOrThrow({ where: { id: plan.id } })).toMatchObject({ chunksDone: 1, organisationsDone: CHUNK, finishedAt: null });
    await db.client.$executeRawUnsafe(`DROP TRIGGER fail_insert ON "OutboxEmail"`);
    // The replay (the job retried), twice over: the second finds every chunk done.
    await queueSendChunks(plan.id, 1);
    expect(await queueSendChunks(plan.id, 1)).toEqual({ chunks: 0, emails: 0 });
    expect(await noticeEmails()).toEqual(addressesOf(names));
    expect(await recipients(w.noticeId)).toEqual([...names].sort());
    expect(await deliverAll()).toEqual(addressesOf(names));
  });

  it("a send to one organisation whose chunk fails is embargoed with nobody yet; the job writes the recipient and its emails", async () => {
    const w = await world();
    const only = await db.client.organisation.findFirstOrThrow({ where: { name: "Org 7" } });
    const { id } = await createNoticeDraft(w.m, NoticeDraftSchema.parse({ title: "One", summary: "One.", disclosureAt: inDays(5), audience: "SELECTED", organisationIds: [only.id] }), request);
    await failInsertsTo("a@org7.example");
    expect(await sendNotice(w.m, { noticeId: id, overrideReason: null }, request)).toMatchObject({ organisations: 1, emails: 0, queuing: true });
    expect(await recipients(id)).toEqual([]);
    expect(await sendProgress(w.m, id)).toMatchObject({ organisations: 1, queued: 0, finished: false });
    await db.client.$executeRawUnsafe(`DROP TRIGGER fail_insert ON "OutboxEmail"`);
    const plan = await db.client.noticeSend.findFirstOrThrow({ where: { noticeId: id } });
    expect(await queueSendChunks(plan.id, 0)).toEqual({ chunks: 1, emails: 2 });
    expect(await recipients(id)).toEqual(["Org 7"]);
    expect(await noticeEmails()).toEqual(["a@org7.example", "security@org7.example"]);
  });

  it("is not pre-announced while the send is still being queued: the public must not hear of it before every organisation", async () => {
    const w = await world();
    const rated = NoticeDraftSchema.parse({ title: "Rated", summary: "A crafted header overflows.", disclosureAt: inDays(5), cvssVector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N" });
    const { plan } = await sendInChunks({ ...w, noticeId: (await createNoticeDraft(w.m, rated, request)).id });
    const noticeId = plan.noticeId;
    const preview = async () => {
      const panel = await getPreAnnouncementPanel(w.m, noticeId);
      const versionRange = panel.facts.versionRange || "< 2.0";
      return { refusal: panel.refusal, input: PreAnnounceSchema.parse({ noticeId, versionRange, previewed: renderPreAnnouncement(panel.projectName, { ...panel.facts, versionRange }).text, confirm: "on" }) };
    };
    const queuing = await preview();
    expect(queuing.refusal).toMatch(/still being queued/);
    await expect(publishPreAnnouncement(w.m, queuing.input, request)).rejects.toThrow(/still being queued/);
    expect(await db.client.preAnnouncement.count()).toBe(0);
    await queueSendChunks(plan.id, 1);
    const finished = await preview();
    expect(finished.refusal).toBeNull();
    await expect(publishPreAnnouncement(w.m, finished.input, request)).resolves.toMatchObject({ created: true });
  });

  /** A trigger that fails the transaction inserting an email to this address (a crash inside a chunk). */
  async function failInsertsTo(address: string) {
    await db.client.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW."toAddress" = '${address}' THEN RAISE EXCEPTION 'simulated crash'; END IF; RETURN NEW; END $$`);
    await db.client.$executeRawUnsafe(`CREATE TRIGGER fail_insert BEFORE INSERT ON "OutboxEmail" FOR EACH ROW EXECUTE FUNCTION fail_insert()`);
  }

  it("withdrawn while the chunks are queued: no further chunk, and what was queued is never sent", async () => {
    const w = await world();
    const { plan } = await sendInChunks(w);
    await withdrawNotice(w.m, { noticeId: w.noticeId, reason: "Not a real issue" }, request);
    expect(await queueSendChunks(plan.id, 1)).toEqual({ chunks: 0, emails: 0 });
    expect(await noticeEmails()).toHaveLength(CHUNK * 2);
    expect(await sendProgress(w.m, w.noticeId)).toMatchObject({ queued: CHUNK, finished: true, stoppedReason: expect.stringMatching(/withdrawn/) });
    expect(await deliverAll()).toEqual([]);
  });

  it("a send to one organisation is complete when it returns", async () => {
    const w = await world();
    const only = await db.client.organisation.findFirstOrThrow({ where: { name: "Org 7" } });
    const { id } = await createNoticeDraft(w.m, NoticeDraftSchema.parse({ title: "One", summary: "One.", disclosureAt: inDays(5), audience: "SELECTED", organisationIds: [only.id] }), request);
    expect(await sendNotice(w.m, { noticeId: id, overrideReason: null }, request)).toMatchObject({ organisations: 1, emails: 2, queuing: false });
    expect(await db.client.noticeSend.findFirstOrThrow({ where: { noticeId: id } })).toMatchObject({ chunksDone: 1, finishedAt: expect.any(Date) });
    expect(await noticeEmails()).toEqual(["a@org7.example", "security@org7.example"]);
  });
});
