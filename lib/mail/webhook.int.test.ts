// The delivery-events webhook end to end: the real route handler, real signatures, the real data layer.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { describeEachDatabase } from "@/test/db";
import { resetConfigForTests } from "@/lib/server/config";
import { POST } from "@/app/api/webhooks/resend/route";
import { queueEmails } from "./data";

const SECRET = `whsec_${randomBytes(32).toString("base64")}`;
const MINUTE = 60_000;

beforeAll(() => {
  process.env.RESEND_WEBHOOK_SECRET = SECRET;
  resetConfigForTests();
});
afterAll(() => {
  delete process.env.RESEND_WEBHOOK_SECRET;
  resetConfigForTests();
});

type Event = { type: string; created_at?: string; data: Record<string, unknown> };

function post(body: string, headers: Record<string, string> = {}): Promise<Response> {
  return POST(new Request("http://localhost/api/webhooks/resend", { method: "POST", headers: { "content-type": "application/json", ...headers }, body }));
}

/** What Resend would send: the event signed with the endpoint secret, svix-* headers. */
function deliver(
  event: Event,
  opts: { id?: string; at?: Date; secret?: string; spelling?: "svix" | "webhook" } = {},
): { id: string; send: (how?: { tamper?: (body: string) => string }) => Promise<Response> } {
  const id = opts.id ?? `msg_${randomUUID()}`;
  const at = opts.at ?? new Date();
  const body = JSON.stringify({ created_at: at.toISOString(), ...event });
  const prefix = opts.spelling ?? "svix";
  const headers = {
    [`${prefix}-id`]: id,
    [`${prefix}-timestamp`]: String(Math.floor(at.getTime() / 1000)),
    [`${prefix}-signature`]: new Webhook(opts.secret ?? SECRET).sign(id, at, body),
  };
  return { id, send: (how = {}) => post(how.tamper ? how.tamper(body) : body, headers) };
}

describeEachDatabase("resend webhook", (db) => {
  /** Two emails of one send, both sent; the first has a provider id, the second only its outbox id (the tag). */
  async function sentEmails() {
    const { dispatchId } = await queueEmails({
      purpose: "test",
      label: "Webhook",
      emails: [
        { to: "ann@acme.example", subject: "[EMBARGOED] FW-1", text: "t" },
        { to: "gus@globex.example", subject: "[EMBARGOED] FW-1", text: "t" },
      ],
    });
    const [ann, gus] = await db.client.outboxEmail.findMany({ where: { dispatchId }, orderBy: { toAddress: "asc" }, select: { id: true } });
    const sentAt = new Date(Date.now() - MINUTE);
    const providerId = `re_${randomUUID()}`;
    await db.client.outboxEmail.update({ where: { id: ann!.id }, data: { status: "SENT", providerId, sentAt, textBody: null } });
    await db.client.outboxEmail.update({ where: { id: gus!.id }, data: { status: "SENT", providerId: null, sentAt, textBody: null } });
    return { annId: ann!.id, gusId: gus!.id, providerId };
  }
  const rows = () =>
    db.client.outboxEmail.findMany({ orderBy: { toAddress: "asc" }, select: { id: true, status: true, providerId: true, deliveredAt: true, failureReason: true, updatedAt: true } });
  const row = (id: string) => db.client.outboxEmail.findUniqueOrThrow({ where: { id }, select: { status: true, deliveredAt: true, failureReason: true, updatedAt: true } });
  const recorded = () => db.client.webhookEvent.count();

  it("refuses unsigned, badly signed, stale, future and tampered requests: 401, a generic body, nothing changes", async () => {
    const { providerId } = await sentEmails();
    const before = await rows();
    const event = { type: "email.delivered", data: { email_id: providerId } };
    const valid = deliver(event, { id: "msg_fixed" });
    const body = JSON.stringify({ created_at: new Date().toISOString(), ...event });
    const attempts: Array<[string, () => Promise<Response>]> = [
      ["unsigned", () => post(body)],
      ["bad signature", () => post(body, { "svix-id": "msg_x", "svix-timestamp": String(Math.floor(Date.now() / 1000)), "svix-signature": `v1,${randomBytes(32).toString("base64")}` })],
      ["another secret", () => deliver(event, { secret: `whsec_${randomBytes(32).toString("base64")}` }).send()],
      ["stale (10 minutes old)", () => deliver(event, { at: new Date(Date.now() - 10 * MINUTE) }).send()],
      ["future (10 minutes ahead)", () => deliver(event, { at: new Date(Date.now() + 10 * MINUTE) }).send()],
      ["body changed by one byte after signing", () => deliver(event).send({ tamper: (b) => b.replace("email.delivered", "email.delivereD") })],
    ];
    for (const [what, attempt] of attempts) {
      const response = await attempt();
      expect({ what, status: response.status, body: await response.json() }).toEqual({ what, status: 401, body: { ok: false, error: "Invalid signature." } });
    }
    expect(await rows()).toEqual(before);
    expect(await recorded()).toBe(0);
    // The control: the same event, correctly signed, does change the row (so the refusals above were refusals).
    expect((await valid.send()).status).toBe(200);
    expect((await rows())[0]!.status).toBe("DELIVERED");
  });

  it("signed but malformed: 400; too large: 413; nothing recorded", async () => {
    await sentEmails();
    const before = await rows();
    const id = "msg_malformed";
    const at = new Date();
    const notJson = "{not json";
    const response = await post(notJson, { "svix-id": id, "svix-timestamp": String(Math.floor(at.getTime() / 1000)), "svix-signature": new Webhook(SECRET).sign(id, at, notJson) });
    expect(response.status).toBe(400);
    expect((await deliver({ type: "email.delivered", data: { email_id: 42 } }).send()).status).toBe(400);
    const huge = deliver({ type: "email.delivered", data: { email_id: "re_x", padding: "x".repeat(300 * 1024) } });
    expect((await huge.send()).status).toBe(413);
    expect(await rows()).toEqual(before);
    expect(await recorded()).toBe(0);
  });

  it("delivered, the same event again, bounced, a late delivered, complained: once each, and only forward", async () => {
    const { annId, gusId, providerId } = await sentEmails();
    const gusBefore = await row(gusId);

    const deliveredAt = new Date(Date.now() - 30_000);
    const delivered = deliver({ type: "email.delivered", created_at: deliveredAt.toISOString(), data: { email_id: providerId, to: ["ann@acme.example"] } });
    let response = await delivered.send();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, result: "applied" });
    const afterDelivered = await row(annId);
    expect(afterDelivered).toMatchObject({ status: "DELIVERED", deliveredAt, failureReason: null });

    // Resend redelivers (same svix-id): recorded once, the row is not touched again.
    response = await delivered.send();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, result: "duplicate" });
    expect(await db.client.webhookEvent.findMany({ select: { id: true } })).toEqual([{ id: delivered.id }]);
    expect(await row(annId)).toEqual(afterDelivered);

    response = await deliver({ type: "email.bounced", data: { email_id: providerId, bounce: { message: "550 5.1.1 mailbox unavailable", type: "Permanent" } } }).send();
    expect(await response.json()).toEqual({ ok: true, result: "applied" });
    const afterBounce = await row(annId);
    expect(afterBounce).toMatchObject({ status: "BOUNCED", failureReason: "550 5.1.1 mailbox unavailable", deliveredAt });

    // A delivery report that was sent earlier but arrives after the bounce does not move the row back.
    response = await deliver({ type: "email.delivered", created_at: new Date(Date.now() - 20_000).toISOString(), data: { email_id: providerId } }).send();
    expect(await response.json()).toEqual({ ok: true, result: "ignored" });
    expect(await row(annId)).toEqual(afterBounce);

    response = await deliver({ type: "email.complained", data: { email_id: providerId } }).send();
    expect(await response.json()).toEqual({ ok: true, result: "applied" });
    expect(await row(annId)).toMatchObject({ status: "COMPLAINED" });

    expect(await recorded()).toBe(4);
    // The other recipient's email was never touched.
    expect(await row(gusId)).toEqual(gusBefore);
  });

  it("an email without a recorded provider id is found by its outbox_id tag (map or list, either header spelling)", async () => {
    const { annId, gusId } = await sentEmails();
    const annBefore = await row(annId);
    let response = await deliver({ type: "email.delivered", data: { email_id: `re_${randomUUID()}`, tags: { outbox_id: gusId } } }, { spelling: "webhook" }).send();
    expect(await response.json()).toEqual({ ok: true, result: "applied" });
    expect(await row(gusId)).toMatchObject({ status: "DELIVERED", deliveredAt: expect.any(Date) });

    response = await deliver({ type: "email.bounced", data: { email_id: `re_${randomUUID()}`, tags: [{ name: "outbox_id", value: gusId }], bounce: { message: "Suppressed" } } }).send();
    expect(await response.json()).toEqual({ ok: true, result: "applied" });
    expect(await row(gusId)).toMatchObject({ status: "BOUNCED", failureReason: "Suppressed" });
    expect(await row(annId)).toEqual(annBefore);
  });

  it("an unknown email, or an event we do not track: 200 (no redelivery), recorded, nothing changes", async () => {
    await sentEmails();
    const before = await rows();
    let response = await deliver({ type: "email.delivered", data: { email_id: `re_${randomUUID()}`, tags: { outbox_id: "not-ours" } } }).send();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, result: "unknown-email" });
    response = await deliver({ type: "email.opened", data: { email_id: before[0]!.providerId } }).send();
    expect(await response.json()).toEqual({ ok: true, result: "ignored" });
    expect(await rows()).toEqual(before);
    expect(await recorded()).toBe(2);
  });

  it("without RESEND_WEBHOOK_SECRET the route does not exist: 404 even for a correctly signed event", async () => {
    const { providerId } = await sentEmails();
    const before = await rows();
    delete process.env.RESEND_WEBHOOK_SECRET;
    resetConfigForTests();
    try {
      const response = await deliver({ type: "email.delivered", data: { email_id: providerId } }).send();
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ ok: false, error: "Not found." });
    } finally {
      process.env.RESEND_WEBHOOK_SECRET = SECRET;
      resetConfigForTests();
    }
    expect(await rows()).toEqual(before);
    expect(await recorded()).toBe(0);
  });
});
