// Need-to-know through the real data layer, on PGlite and PostgreSQL: an organisation admin restricts a notice to
// chosen members; everyone else in the organisation then finds it exactly as a notice never sent to them.
import { expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer, vendor } from "@/test/viewers";
import { NotFoundError } from "@/lib/server/errors";
import { ANONYMOUS, type Viewer } from "@/lib/server/viewer-types";
import { getEmbargoedCsaf } from "@/lib/advisories/data";
import { drainOutbox, recordSentMail } from "@/test/mail";
import { NoticeDraftSchema } from "./schemas";
import { acceptNoticeTerms, createNoticeDraft, getNoticeAudience, getVendorNotice, listUpcomingDisclosures, listVendorNotices, prepareNotification, remindSilent, sendNotice, setNoticeAudience } from "./data";

const request = { ip: "192.0.2.51", userAgent: "vitest" };
const inDays = (d: number) => new Date(Date.now() + d * 24 * 3_600_000).toISOString();
const sent = recordSentMail();

describeEachDatabase("need-to-know", (db) => {
  async function world() {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const org = async (name: string, people: Array<[string, boolean]>) => {
      const o = await db.client.organisation.create({ data: { name, status: "ACTIVE" } });
      const members = [];
      for (const [email, isAdmin] of people) {
        const u = await db.client.user.create({ data: { email, role: "VENDOR", status: "ACTIVE", membership: { create: { organisationId: o.id, isAdmin } } } });
        members.push(vendor(u, o, { orgAdmin: isAdmin }));
      }
      return { ...o, members };
    };
    const acme = await org("Acme", [["ann@acme.example", true], ["bob@acme.example", false], ["cat@acme.example", false]]);
    const globex = await org("Globex", [["gil@globex.example", true], ["gus@globex.example", false]]);
    const draft = NoticeDraftSchema.parse({ title: "Need to know overflow", summary: "s", description: "d", disclosureAt: inDays(5), audience: "SELECTED", organisationIds: [acme.id, globex.id] });
    const { id } = await createNoticeDraft(m, draft, request);
    await sendNotice(m, { noticeId: id, overrideReason: null }, request);
    const [ann, bob, cat] = acme.members as [ReturnType<typeof vendor>, ReturnType<typeof vendor>, ReturnType<typeof vendor>];
    const [gil, gus] = globex.members as [ReturnType<typeof vendor>, ReturnType<typeof vendor>];
    for (const v of [ann, bob, cat, gil, gus]) await acceptNoticeTerms(v, id, request);
    return { m, acme, globex, id, ann, bob, cat, gil, gus };
  }
  const sees = async (viewer: Viewer, id: string) => {
    try {
      await getVendorNotice(viewer, id, request);
      return true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  };

  it("emails follow the restriction: written after it, only admins and chosen members; written before it, held back when sent", async () => {
    const w = await world();
    await db.client.organisation.update({ where: { id: w.acme.id }, data: { roleAddress: "security@acme.example" } });
    await drainOutbox(db.client);
    // A reminder written before the restriction, still queued when the admin restricts: checked again at sending.
    const before = await prepareNotification({ id: w.id, reference: "FW", disclosureAt: new Date(inDays(5)) }, "reminder", null);
    await db.client.$transaction((tx) => before.write(tx));
    await setNoticeAudience(w.ann, { noticeId: w.id, audience: "chosen", members: [w.cat.userId] }, request);
    sent.length = 0;
    await drainOutbox(db.client);
    // The entitled rest leave in a new batch under a new key (lib/mail/data/entitlement.ts).
    while ((await drainOutbox(db.client)) > 0);
    const held = await db.client.outboxEmail.findMany({ where: { subject: { endsWith: "FW: please acknowledge" }, status: "FAILED" }, select: { toAddress: true } });
    expect(held.map((e) => e.toAddress).sort()).toEqual(["bob@acme.example", "security@acme.example"]);
    expect(sent.map((m) => m.to).sort()).toEqual(["ann@acme.example", "cat@acme.example", "gil@globex.example", "gus@globex.example"]);
    // Written after it: the same people; never the left-out member nor the shared role address.
    sent.length = 0;
    await remindSilent(w.m, { noticeId: w.id }, request);
    await drainOutbox(db.client);
    expect(sent.map((m) => m.to).sort()).toEqual(["ann@acme.example", "cat@acme.example", "gil@globex.example", "gus@globex.example"]);
  });

  it("an admin restricts a notice to chosen members: the others lose it everywhere at once; admins always see it", async () => {
    const w = await world();
    expect(await getNoticeAudience(w.ann, w.id)).toEqual({
      organisation: "Acme",
      restricted: false,
      members: [
        expect.objectContaining({ email: "ann@acme.example", isAdmin: true, granted: true }),
        expect.objectContaining({ email: "bob@acme.example", isAdmin: false, granted: true }),
        expect.objectContaining({ email: "cat@acme.example", isAdmin: false, granted: true }),
      ],
    });
    expect(await setNoticeAudience(w.ann, { noticeId: w.id, audience: "chosen", members: [w.cat.userId] }, request)).toEqual({ restricted: true, members: 1 });
    expect([await sees(w.ann, w.id), await sees(w.bob, w.id), await sees(w.cat, w.id)]).toEqual([true, false, true]);
    expect((await listVendorNotices(w.bob)).map((n) => n.id)).toEqual([]);
    expect((await listUpcomingDisclosures(w.bob)).map((n) => n.id)).toEqual([]);
    expect((await listUpcomingDisclosures(w.cat)).map((n) => n.id)).toEqual([w.id]);
    await expect(getEmbargoedCsaf(w.bob, w.id, request)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getEmbargoedCsaf(w.cat, w.id, request)).resolves.toBeTruthy();
    // Another organisation's restriction is theirs alone: Globex's members still see it.
    expect([await sees(w.gil, w.id), await sees(w.gus, w.id)]).toEqual([true, true]);
    expect((await getNoticeAudience(w.ann, w.id)).members.map((x) => [x.email, x.granted])).toEqual([
      ["ann@acme.example", true],
      ["bob@acme.example", false],
      ["cat@acme.example", true],
    ]);
    const event = await db.client.auditEvent.findFirstOrThrow({ where: { action: "notice.audience-changed" } });
    expect(event).toMatchObject({ actorId: w.ann.userId, targetId: w.id, details: { organisationId: w.acme.id, restricted: true, members: [w.cat.userId] } });
    // Back to everyone.
    await setNoticeAudience(w.ann, { noticeId: w.id, audience: "everyone", members: [] }, request);
    expect(await sees(w.bob, w.id)).toBe(true);
    expect(await db.client.noticeAccessGrant.count()).toBe(0);
  });

  it("only an admin of an addressed organisation, and only their own members: anything else is not found and changes nothing", async () => {
    const w = await world();
    await setNoticeAudience(w.ann, { noticeId: w.id, audience: "chosen", members: [w.cat.userId] }, request);
    const snapshot = async () => ({
      recipients: await db.client.noticeRecipient.findMany({ where: { noticeId: w.id }, orderBy: { organisationId: "asc" }, select: { organisationId: true, restricted: true } }),
      grants: await db.client.noticeAccessGrant.findMany({ select: { userId: true } }),
    });
    const before = await snapshot();
    for (const viewer of [ANONYMOUS, w.m, w.bob, w.cat, vendor({ id: w.bob.userId, email: w.bob.email }, w.acme, { orgAdmin: true })] as Viewer[]) {
      await expect(getNoticeAudience(viewer, w.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(setNoticeAudience(viewer, { noticeId: w.id, audience: "everyone", members: [] }, request)).rejects.toBeInstanceOf(NotFoundError);
    }
    // An admin granting another organisation's member, or aiming at a notice not sent to them.
    await expect(setNoticeAudience(w.ann, { noticeId: w.id, audience: "chosen", members: [w.bob.userId, w.gus.userId] }, request)).rejects.toBeInstanceOf(NotFoundError);
    await expect(setNoticeAudience(w.ann, { noticeId: w.id, audience: "chosen", members: [w.m.userId] }, request)).rejects.toBeInstanceOf(NotFoundError);
    const other = await createNoticeDraft(w.m, NoticeDraftSchema.parse({ title: "Only Globex", summary: "s", description: "d", disclosureAt: inDays(5), audience: "SELECTED", organisationIds: [w.globex.id] }), request);
    await sendNotice(w.m, { noticeId: other.id, overrideReason: null }, request);
    await expect(getNoticeAudience(w.ann, other.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(setNoticeAudience(w.ann, { noticeId: other.id, audience: "chosen", members: [] }, request)).rejects.toBeInstanceOf(NotFoundError);
    expect(await snapshot()).toEqual(before);
    expect(await db.client.noticeRecipient.count({ where: { noticeId: other.id, restricted: true } })).toBe(0);
  });

  it("restricted to nobody: only the admins see it; a demoted admin loses it at once", async () => {
    const w = await world();
    await setNoticeAudience(w.ann, { noticeId: w.id, audience: "chosen", members: [] }, request);
    expect([await sees(w.ann, w.id), await sees(w.bob, w.id), await sees(w.cat, w.id)]).toEqual([true, false, false]);
    await db.client.membership.update({ where: { userId: w.bob.userId }, data: { isAdmin: true } });
    await db.client.membership.update({ where: { userId: w.ann.userId }, data: { isAdmin: false } });
    expect([await sees(w.ann, w.id), await sees(w.bob, w.id)]).toEqual([false, true]);
  });
});
