// A send queued in chunks (issue 15), on PGlite and PostgreSQL: the audience is frozen at once, the emails are queued
// a chunk of organisations at a time by the "notice.send-chunk" job's handler, exactly once however often a chunk runs,
// and nothing goes to an organisation suspended or removed, or after a withdrawal, while the chunks are being queued.
import { expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer } from "@/test/viewers";
import { withdrawNotice } from "@/lib/advisories/data";
import { deliverBatch } from "@/lib/mail/data";
import { NoticeDraftSchema } from "./schemas";
import { createNoticeDraft, queueSendChunk, queueSendChunks, removeRecipient, sendNotice, sendProgress } from "./data";

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

  it("freezes every recipient at once, queues the first chunk before returning and the rest by the job, each address once", async () => {
    const w = await world();
    const { sent, plan, names } = await sendInChunks(w);
    expect(sent).toMatchObject({ organisations: ORGANISATIONS, emails: CHUNK * 2, queuing: true });
    // Every organisation may read the notice from the send's commit on.
    expect(await db.client.noticeRecipient.count({ where: { noticeId: w.noticeId } })).toBe(ORGANISATIONS);
    expect(plan).toMatchObject({ chunkSize: CHUNK, chunksDone: 1, organisationsDone: CHUNK, emails: CHUNK * 2, finishedAt: null });
    expect(await noticeEmails()).toEqual(addressesOf(names.slice(0, CHUNK)));
    expect(await sendProgress(w.m, w.noticeId)).toEqual({ organisations: ORGANISATIONS, queued: CHUNK, emails: CHUNK * 2, finished: false, stoppedReason: null });
    // The first chunk's commit queued the second chunk's job (the send's commit queued the first's).
    const jobs = await db.client.$queryRaw<Array<{ index: number }>>`SELECT (data->>'index')::int AS index FROM pgboss.job WHERE name = 'notice.send-chunk' ORDER BY 1`;
    expect(jobs.map((j) => j.index)).toEqual([0, 1]);

    // The job of chunk 1 goes on to the end (4 chunks of 3, 3, 3, 1).
    expect(await queueSendChunks(plan.id, 1)).toEqual({ chunks: 3, emails: (ORGANISATIONS - CHUNK) * 2 });
    expect(await noticeEmails()).toEqual(addressesOf(names));
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

  it("an organisation suspended or removed from the notice while the chunks are queued gets no notice email", async () => {
    const w = await world();
    const { plan, names } = await sendInChunks(w);
    const [suspended, removed] = [plan.organisationIds[4]!, plan.organisationIds[8]!];
    await db.client.organisation.update({ where: { id: suspended }, data: { status: "SUSPENDED" } });
    const row = await db.client.noticeRecipient.findFirstOrThrow({ where: { noticeId: w.noticeId, organisationId: removed } });
    await removeRecipient(w.m, { noticeId: w.noticeId, recipientId: row.id, reason: "Broke the embargo" }, request);
    await queueSendChunks(plan.id, 1);
    const left = names.filter((_, i) => i !== 4 && i !== 8);
    expect(await noticeEmails()).toEqual(addressesOf(left));
    // The removed organisation was told only that its access ended.
    const toRemoved = await db.client.outboxEmail.findMany({ where: { organisationId: removed }, select: { dispatch: { select: { purpose: true } } } });
    expect(toRemoved.map((e) => e.dispatch.purpose)).toEqual(["notice.access-ended", "notice.access-ended"]);
    // Both still count as done: the send finished.
    expect(await sendProgress(w.m, w.noticeId)).toMatchObject({ queued: ORGANISATIONS, finished: true });
  });

  it("a removal that commits between a chunk's composing and its commit still wins", async () => {
    const w = await world();
    const { plan, names } = await sendInChunks(w);
    const target = plan.organisationIds[3]!;
    const row = await db.client.noticeRecipient.findFirstOrThrow({ where: { noticeId: w.noticeId, organisationId: target } });
    // Side by side: the chunk either finds the row removed under the notice's lock (and composes again without it), or
    // commits first — then its emails to the removed organisation are refused when they are sent.
    const [, chunk] = await Promise.all([removeRecipient(w.m, { noticeId: w.noticeId, recipientId: row.id, reason: "Left the list" }, request), queueSendChunk(plan.id, 1)]);
    expect(chunk.outcome).toBe("queued");
    await queueSendChunks(plan.id, 2);
    expect(await deliverAll()).toEqual(addressesOf(names.filter((_, i) => i !== 3)));
  });

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
