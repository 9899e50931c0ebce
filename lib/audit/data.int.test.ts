import { expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer, vendor } from "@/test/viewers";
import { ANONYMOUS } from "@/lib/server/viewer-types";
import { NotFoundError } from "@/lib/server/errors";
import { exportAuditEvents, listAuditEvents, recordAudit, verifyAuditChain } from "./data";

describeEachDatabase("audit log", (db) => {
  async function people() {
    const m = await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } });
    const org = await db.client.organisation.create({ data: { name: "Acme", status: "ACTIVE" } });
    const v = await db.client.user.create({ data: { email: "v@acme.example", role: "VENDOR", status: "ACTIVE" } });
    return { m: maintainer(m), v: vendor(v, org), org };
  }

  it("keeps who, what, target, when and from where; newest first", async () => {
    const { m } = await people();
    await recordAudit({ actor: { id: m.userId, email: m.email }, action: "directory.organisation.created", target: { type: "organisation", id: "o1" }, ip: "198.51.100.7", details: { name: "Acme" } });
    await recordAudit({ actor: null, action: "auth.link.refused", ip: "203.0.113.9" });
    const { events } = await listAuditEvents(m, {});
    expect(events.map((e) => e.action)).toEqual(["auth.link.refused", "directory.organisation.created"]);
    expect(events[1]).toMatchObject({ actorEmail: "m@project.example", targetType: "organisation", targetId: "o1", ipAddress: "198.51.100.7", details: { name: "Acme" } });
    expect(events[1]!.occurredAt).toBeInstanceOf(Date);
  });

  it("chains concurrent writers into one verifiable order", async () => {
    const { m } = await people();
    await Promise.all(Array.from({ length: 20 }, (_, i) => recordAudit({ actor: null, action: "auth.sign-in", details: { i } })));
    expect(await db.client.auditEvent.count()).toBe(20);
    expect(await verifyAuditChain(m)).toEqual({ ok: true, checked: 20 });
  });

  it("detects an event edited behind the application's back", async () => {
    const { m } = await people();
    for (let i = 0; i < 5; i++) await recordAudit({ actor: null, action: "auth.sign-in", details: { i } });
    // Only someone who can switch the append-only trigger off can even try this.
    await db.client.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
    await db.client.$executeRawUnsafe(`UPDATE "AuditEvent" SET "actorEmail" = 'someone-else@example.org' WHERE seq = 3`);
    await db.client.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`);
    expect(await verifyAuditChain(m)).toMatchObject({ ok: false, brokenAt: 3n, checked: 2 });
  });

  it("filters by action, actor and day, and pages", async () => {
    const { m } = await people();
    for (let i = 0; i < 60; i++) await recordAudit({ actor: { id: m.userId, email: m.email }, action: i % 2 ? "auth.sign-in" : "auth.sign-out" });
    const signIns = await listAuditEvents(m, { action: "auth.sign-in" });
    expect(signIns.events).toHaveLength(30);
    const first = await listAuditEvents(m, {});
    expect(first.events).toHaveLength(50);
    const second = await listAuditEvents(m, { before: first.nextBefore! });
    expect(second.events).toHaveLength(10);
    expect(second.nextBefore).toBeNull();
    expect((await listAuditEvents(m, { actor: "nobody" })).events).toHaveLength(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listAuditEvents(m, { from: today, to: today })).events).toHaveLength(50);
    const all = [];
    for await (const e of exportAuditEvents(m, {})) all.push(e);
    expect(all).toHaveLength(60);
    expect(all[0]!.seq < all[59]!.seq).toBe(true);
  });

  it("is invisible to vendors, anonymous visitors and maintainers without the second factor", async () => {
    const { m, v } = await people();
    await recordAudit({ actor: null, action: "auth.sign-in" });
    for (const viewer of [v, ANONYMOUS, { ...m, secondFactor: false }]) {
      await expect(listAuditEvents(viewer, {})).rejects.toBeInstanceOf(NotFoundError);
      await expect(verifyAuditChain(viewer)).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  it("refuses details that carry a secret, and records nothing", async () => {
    await expect(recordAudit({ actor: null, action: "auth.link.requested", details: { link: "https://x/api/auth/callback/email?token=t" } })).rejects.toThrow();
    expect(await db.client.auditEvent.count()).toBe(0);
  });
  it("names the people and objects a page mentions, and keeps the id of one that is gone", async () => {
    const { m, v, org } = await people();
    await db.client.user.update({ where: { id: m.userId }, data: { name: "Mia Maintainer" } });
    const notice = await db.client.notice.create({ data: { reference: "FW-2026-0901", title: "Overflow in the reader", disclosureAt: new Date(Date.now() + 86_400_000), createdById: m.userId } });
    const actor = { id: m.userId, email: m.email };
    await recordAudit({ actor, action: "directory.organisation.updated", target: { type: "organisation", id: org.id } });
    await recordAudit({ actor: { id: v.userId, email: v.email }, action: "notice.acknowledged", target: { type: "notice", id: notice.id }, details: { organisationId: org.id } });
    await recordAudit({ actor, action: "directory.member.invited", target: { type: "user", id: v.userId } });
    await recordAudit({ actor: { id: "gone-user", email: "old@project.example" }, action: "directory.organisation.created", target: { type: "organisation", id: "gone-org" } });
    const { names } = await listAuditEvents(m, {});
    expect(names.users.get(m.userId)).toEqual({ email: "m@project.example", name: "Mia Maintainer" });
    expect(names.users.get(v.userId)).toEqual({ email: "v@acme.example", name: null });
    expect(names.notices.get(notice.id)).toEqual({ reference: "FW-2026-0901", title: "Overflow in the reader" });
    expect(names.organisations.get(org.id)).toBe("Acme");
    // Gone: no name, and the page shows the id and the address snapshot it kept.
    expect(names.users.has("gone-user")).toBe(false);
    expect(names.organisations.has("gone-org")).toBe(false);
  });

  it("chains in one statement what the application would hash: any text, nested details, a transaction's events", async () => {
    const { m } = await people();
    await recordAudit({ actor: { id: m.userId, email: m.email }, action: "directory.organisation.updated", details: { name: "Müller & Söhne 🛡️ \"quoted\" \\ back", nested: { b: [1, 2.5, null, true], a: "ß" } } });
    await db.client.$transaction(async (tx) => {
      await recordAudit({ actor: null, action: "auth.sign-in", details: { i: 1 } }, tx);
      await recordAudit({ actor: null, action: "auth.sign-in", details: { i: 2 } }, tx);
    });
    expect(await verifyAuditChain(m)).toEqual({ ok: true, checked: 3 });
  });

  it("a writer that rolls back leaves no event and no link to one", async () => {
    const { m } = await people();
    await recordAudit({ actor: null, action: "auth.sign-in", details: { i: 1 } });
    await expect(
      db.client.$transaction(async (tx) => {
        await recordAudit({ actor: null, action: "auth.sign-in", details: { i: 2 } }, tx);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await recordAudit({ actor: null, action: "auth.sign-in", details: { i: 3 } });
    expect(await db.client.auditEvent.count()).toBe(2);
    expect(await verifyAuditChain(m)).toEqual({ ok: true, checked: 2 });
  });

  it("without its head row (a database emptied or copied by hand) the chain continues from the newest event", async () => {
    const { m } = await people();
    for (let i = 0; i < 3; i++) await recordAudit({ actor: null, action: "auth.sign-in", details: { i } });
    await db.client.auditHead.deleteMany({});
    await recordAudit({ actor: null, action: "auth.sign-in", details: { i: 3 } });
    await recordAudit({ actor: null, action: "auth.sign-in", details: { i: 4 } });
    expect(await verifyAuditChain(m)).toEqual({ ok: true, checked: 5 });
    const newest = await db.client.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { hash: true, prevHash: true } });
    expect(await db.client.auditHead.findUnique({ where: { id: 1 } })).toEqual({ id: 1, hash: newest!.hash, prev: newest!.prevHash });
  });
});
