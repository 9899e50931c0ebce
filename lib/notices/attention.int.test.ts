// What the maintainer's home and a notice's page say needs attention, on PGlite and PostgreSQL: unanswered vendor
// questions (only where an answer is possible), organisations silent close to a disclosure, sends with emails that
// did not arrive, and a notice's threads, unanswered first. Two vendors and a maintainer; maintainers only.
import { expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer, vendor } from "@/test/viewers";
import { NotFoundError } from "@/lib/server/errors";
import { listUndeliveredSends, queueEmails } from "@/lib/mail/data";
import { NoticeDraftSchema } from "./schemas";
import { createNoticeDraft, getNoticeOverview, listSilentNearDisclosure, listUnansweredQuestions, sendNotice } from "./data";
import { withdrawNotice } from "@/lib/advisories/data";

const request = { ip: "192.0.2.62", userAgent: "vitest" };
const HOUR = 3_600_000;
const MINUTE = 60_000;

describeEachDatabase("what needs attention", (db) => {
  async function world() {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const acme = await db.client.organisation.create({ data: { name: "Acme", status: "ACTIVE" } });
    const bolt = await db.client.organisation.create({ data: { name: "Bolt", status: "ACTIVE" } });
    const ann = await db.client.user.create({ data: { email: "ann@acme.example", role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: acme.id } } } });
    const bob = await db.client.user.create({ data: { email: "bob@bolt.example", role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: bolt.id } } } });
    /** A notice sent to both organisations, disclosed `hours` from now. */
    const sent = async (title: string, hours: number) => {
      const { id } = await createNoticeDraft(m, NoticeDraftSchema.parse({ title, description: "x", disclosureAt: new Date(Date.now() + hours * HOUR).toISOString() }), request);
      await sendNotice(m, { noticeId: id, overrideReason: null }, request);
      const recipients = await db.client.noticeRecipient.findMany({ where: { noticeId: id }, select: { id: true, organisationId: true } });
      const of = (orgId: string) => recipients.find((r) => r.organisationId === orgId)!.id;
      const reference = (await db.client.notice.findUniqueOrThrow({ where: { id }, select: { reference: true } })).reference;
      return { id, reference, acme: of(acme.id), bolt: of(bolt.id) };
    };
    const say = (recipientId: string, author: { id: string }, fromMaintainer: boolean, minutesAgo: number) =>
      db.client.noticeMessage.create({ data: { recipientId, authorId: author.id, fromMaintainer, body: "…", at: new Date(Date.now() - minutesAgo * MINUTE) } });
    const me = { id: m.userId };
    return { m, acme, bolt, ann, bob, me, sent, say, vendors: [vendor(ann, acme), vendor(bob, bolt)] };
  }

  it("lists threads whose last word is the vendor's, oldest first, only where the maintainers can still answer", async () => {
    const w = await world();
    const one = await w.sent("One", 5 * 24);
    const two = await w.sent("Two", 6 * 24);
    // Acme asked, was answered, and asked twice more: waiting since the first of the two.
    await w.say(one.acme, w.ann, false, 300);
    await w.say(one.acme, w.me, true, 200);
    await w.say(one.acme, w.ann, false, 90);
    await w.say(one.acme, w.ann, false, 30);
    // Bolt asked and was answered: nothing waits.
    await w.say(one.bolt, w.bob, false, 120);
    await w.say(one.bolt, w.me, true, 60);
    // Bolt asked on the other notice, earlier than Acme's open question: listed first.
    await w.say(two.bolt, w.bob, false, 150);
    // Acme asked on the other notice and was then removed from it: nobody can answer there.
    await w.say(two.acme, w.ann, false, 400);
    await db.client.noticeRecipient.update({ where: { id: two.acme }, data: { removedAt: new Date(), removeReason: "left the list" } });

    const found = await listUnansweredQuestions(w.m);
    expect(found.total).toBe(2);
    expect(found.items.map((q) => [q.reference, q.organisation, q.waiting])).toEqual([
      [two.reference, "Bolt", 1],
      [one.reference, "Acme", 2],
    ]);
    expect(found.items[1]!.since.getTime()).toBeLessThan(Date.now() - 80 * MINUTE);
    expect(found.items[1]!.recipientId).toBe(one.acme);

    // Withdrawn: no thread of it waits any more.
    await withdrawNotice(w.m, { noticeId: two.id, reason: "Not a vulnerability after all" }, request);
    expect((await listUnansweredQuestions(w.m)).items.map((q) => q.reference)).toEqual([one.reference]);

    // The notice's own page: unanswered first, then the latest; the removed organisation's thread is not waiting.
    const overview = await getNoticeOverview(w.m, one.id);
    expect(overview.threads.map((t) => [t.organisation, t.messages, t.awaitingAnswer])).toEqual([
      ["Acme", 4, true],
      ["Bolt", 2, false],
    ]);
    expect(overview.stats).toMatchObject({ organisations: 2, acknowledged: 0 });
    // Five days ahead: the silence is not urgent yet.
    expect(overview.attention).toEqual({ unanswered: 1, silentSoon: 0 });
    // The emails to the two organisations' members (the maintainers' own notifications are not counted).
    expect(overview.delivery.emails).toBe(2);
  });

  it("lists embargoed notices disclosed soon that active organisations have not acknowledged", async () => {
    const w = await world();
    const soon = await w.sent("Soon", 30);
    const later = await w.sent("Later", 4 * 24);
    const allDone = await w.sent("All done", 20);
    // Acme acknowledged the soon one; Bolt did not. Both acknowledged "All done". Nobody acknowledged "Later".
    await db.client.noticeRecipient.update({ where: { id: soon.acme }, data: { acknowledgedAt: new Date() } });
    await db.client.noticeRecipient.updateMany({ where: { id: { in: [allDone.acme, allDone.bolt] } }, data: { acknowledgedAt: new Date() } });

    const found = await listSilentNearDisclosure(w.m);
    expect(found.windowHours).toBe(48);
    expect(found.items.map((n) => [n.reference, n.silent, n.names])).toEqual([[soon.reference, 1, ["Bolt"]]]);
    expect(found.items.map((n) => n.reference)).not.toContain(later.reference);
    expect((await getNoticeOverview(w.m, soon.id)).attention).toEqual({ unanswered: 0, silentSoon: 1 });
    expect((await getNoticeOverview(w.m, later.id)).attention.silentSoon).toBe(0);

    // A suspended organisation is not waited for; a notice disclosed already is past helping.
    await db.client.organisation.update({ where: { id: w.bolt.id }, data: { status: "SUSPENDED" } });
    expect((await listSilentNearDisclosure(w.m)).items).toEqual([]);
    await db.client.organisation.update({ where: { id: w.bolt.id }, data: { status: "ACTIVE" } });
    await db.client.notice.update({ where: { id: soon.id }, data: { state: "DISCLOSED", disclosedAt: new Date() } });
    expect((await listSilentNearDisclosure(w.m)).items).toEqual([]);
  });

  it("lists recent sends with failed or bounced emails, newest first, and nothing older than the window", async () => {
    const w = await world();
    const send = (label: string) => queueEmails({ purpose: "test.attention", label, createdById: w.m.userId, emails: [{ to: "a@acme.example", subject: "s", text: "t" }, { to: "b@bolt.example", subject: "s", text: "t" }] });
    const fine = await send("All delivered");
    const failed = await send("Some failed");
    const old = await send("Failed long ago");
    await db.client.outboxEmail.updateMany({ where: { dispatchId: fine.dispatchId }, data: { status: "DELIVERED" } });
    await db.client.outboxEmail.updateMany({ where: { dispatchId: failed.dispatchId, toAddress: "a@acme.example" }, data: { status: "FAILED", failureReason: "refused" } });
    await db.client.outboxEmail.updateMany({ where: { dispatchId: failed.dispatchId, toAddress: "b@bolt.example" }, data: { status: "BOUNCED" } });
    // Its batch ended (as a batch with a failed email has): the failure can be retried.
    await db.client.mailBatch.updateMany({ where: { dispatchId: failed.dispatchId }, data: { status: "DONE" } });
    await db.client.outboxEmail.updateMany({ where: { dispatchId: old.dispatchId }, data: { status: "FAILED" } });
    await db.client.mailDispatch.update({ where: { id: old.dispatchId }, data: { createdAt: new Date(Date.now() - 20 * 24 * HOUR) } });

    // Set aside on purpose (nobody may receive them any more: ../mail/data/entitlement.ts), their text dropped: nothing
    // to act on, and never retryable, so never listed.
    const setAside = await send("Notice withdrawn before it went out");
    await db.client.outboxEmail.updateMany({ where: { dispatchId: setAside.dispatchId }, data: { status: "FAILED", failureReason: "Not sent: the notice was withdrawn before this email went out.", textBody: null, htmlBody: null } });

    const found = await listUndeliveredSends(w.m);
    expect(found).toMatchObject({ days: 14, total: 1, items: [{ dispatchId: failed.dispatchId, label: "Some failed", failed: 1, bounced: 1 }] });
  });

  it("answers everyone but a maintainer with their second factor: not found", async () => {
    const w = await world();
    const one = await w.sent("One", 30);
    for (const viewer of [...w.vendors, { ...w.m, secondFactor: false }]) {
      await expect(listUnansweredQuestions(viewer)).rejects.toBeInstanceOf(NotFoundError);
      await expect(listSilentNearDisclosure(viewer)).rejects.toBeInstanceOf(NotFoundError);
      await expect(listUndeliveredSends(viewer)).rejects.toBeInstanceOf(NotFoundError);
      await expect(getNoticeOverview(viewer, one.id)).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(getNoticeOverview(w.m, "no-such-notice")).rejects.toBeInstanceOf(NotFoundError);
  });
});
