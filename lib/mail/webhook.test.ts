import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { MAX_WEBHOOK_BODY_BYTES, readWebhookBody, verifyResendWebhook, WebhookPayloadError, WebhookSecretError, WebhookSignatureError } from "./webhook";

const newSecret = () => `whsec_${randomBytes(32).toString("base64")}`;
const SECRET = newSecret();
const MINUTE = 60_000;

const delivered = JSON.stringify({
  type: "email.delivered",
  created_at: "2026-03-02T10:00:01.126Z",
  data: { email_id: "4ef9a417-02e9-4d39-ad75-9611e0fcc33c", from: "Forewarn <f@project.example>", to: ["ann@acme.example"], tags: { outbox_id: "ob_1" } },
});

function signed(body: string, opts: { secret?: string; id?: string; at?: Date; spelling?: "svix" | "webhook" } = {}): Headers {
  const id = opts.id ?? "msg_2aVt4dCz0mZ1";
  const at = opts.at ?? new Date();
  const prefix = opts.spelling ?? "svix";
  return new Headers({
    [`${prefix}-id`]: id,
    [`${prefix}-timestamp`]: String(Math.floor(at.getTime() / 1000)),
    [`${prefix}-signature`]: new Webhook(opts.secret ?? SECRET).sign(id, at, body),
  });
}

describe("verifyResendWebhook: signature", () => {
  it.each(["svix", "webhook"] as const)("accepts a valid signature with the %s-* header names", (spelling) => {
    expect(verifyResendWebhook(delivered, signed(delivered, { spelling, id: `msg_${spelling}` }), SECRET)).toEqual({
      eventId: `msg_${spelling}`,
      type: "email.delivered",
      providerId: "4ef9a417-02e9-4d39-ad75-9611e0fcc33c",
      outboxId: "ob_1",
      reason: null,
      occurredAt: new Date("2026-03-02T10:00:01.126Z"),
    });
  });

  it("accepts a timestamp within the five-minute tolerance", () => {
    expect(verifyResendWebhook(delivered, signed(delivered, { at: new Date(Date.now() - 4 * MINUTE) }), SECRET).type).toBe("email.delivered");
  });

  it("accepts a header that lists several signatures when one matches (secret rotation)", () => {
    const headers = signed(delivered);
    headers.set("svix-signature", `v1,${Buffer.alloc(32).toString("base64")} ${headers.get("svix-signature")}`);
    expect(verifyResendWebhook(delivered, headers, SECRET).eventId).toBe("msg_2aVt4dCz0mZ1");
  });

  const rejected: Array<[string, () => [string, Headers, string]]> = [
    ["unsigned", () => [delivered, new Headers({ "content-type": "application/json" }), SECRET]],
    [
      "signature header missing",
      () => {
        const h = signed(delivered);
        h.delete("svix-signature");
        return [delivered, h, SECRET];
      },
    ],
    [
      "bad signature",
      () => {
        const h = signed(delivered);
        h.set("svix-signature", `v1,${randomBytes(32).toString("base64")}`);
        return [delivered, h, SECRET];
      },
    ],
    ["signed with another secret", () => [delivered, signed(delivered, { secret: newSecret() }), SECRET]],
    ["verified with another secret", () => [delivered, signed(delivered), newSecret()]],
    ["stale timestamp (10 minutes old)", () => [delivered, signed(delivered, { at: new Date(Date.now() - 10 * MINUTE) }), SECRET]],
    ["future timestamp (10 minutes ahead)", () => [delivered, signed(delivered, { at: new Date(Date.now() + 10 * MINUTE) }), SECRET]],
    ["body changed by one byte after signing", () => [delivered.replace("email.delivered", "email.delivereD"), signed(delivered), SECRET]],
    [
      "id changed after signing (the id is signed too)",
      () => {
        const h = signed(delivered);
        h.set("svix-id", "msg_other");
        return [delivered, h, SECRET];
      },
    ],
    [
      "timestamp moved after signing",
      () => {
        const h = signed(delivered);
        h.set("svix-timestamp", String(Number(h.get("svix-timestamp")) - 1));
        return [delivered, h, SECRET];
      },
    ],
  ];
  it.each(rejected)("rejects: %s", (_, make) => {
    const [body, headers, secret] = make();
    expect(() => verifyResendWebhook(body, headers, secret)).toThrow(WebhookSignatureError);
  });

  it("checks the signature before it reads the body: a signed-looking but garbled body is a signature error", () => {
    expect(() => verifyResendWebhook("{not json", signed(delivered), SECRET)).toThrow(WebhookSignatureError);
  });

  it("an unusable configured secret is a configuration error, not a caller's fault", () => {
    expect(() => verifyResendWebhook(delivered, signed(delivered), "whsec_")).toThrow(WebhookSecretError);
    expect(() => verifyResendWebhook(delivered, signed(delivered), "whsec_!!not base64!!")).toThrow(WebhookSecretError);
  });
});

describe("verifyResendWebhook: payload", () => {
  const verify = (payload: unknown) => {
    const body = typeof payload === "string" ? payload : JSON.stringify(payload);
    return verifyResendWebhook(body, signed(body), SECRET);
  };
  const at = "2026-03-02T10:00:00.000Z";

  it("bounce: the provider id, the bounce message as reason, tags as [{ name, value }]", () => {
    expect(
      verify({ type: "email.bounced", created_at: at, data: { email_id: "re_1", bounce: { message: "Mailbox does not exist", type: "Permanent" }, tags: [{ name: "x", value: "y" }, { name: "outbox_id", value: "ob_2" }] } }),
    ).toMatchObject({ type: "email.bounced", providerId: "re_1", outboxId: "ob_2", reason: "Mailbox does not exist" });
  });

  it("failed: the failure reason; no tags and no email id are fine", () => {
    expect(verify({ type: "email.failed", created_at: at, data: { failed: { reason: "reached_daily_quota" } } })).toMatchObject({ providerId: null, outboxId: null, reason: "reached_daily_quota" });
  });

  it("other event families are passed on without reading their data as an email", () => {
    expect(verify({ type: "domain.updated", created_at: at, data: { id: "d_1", tags: 5, records: [] } })).toMatchObject({ type: "domain.updated", providerId: null, outboxId: null });
  });

  it.each([
    ["not JSON", "{not json"],
    ["empty body", ""],
    ["a JSON array", []],
    ["no type", { created_at: at, data: {} }],
    ["no created_at", { type: "email.delivered", data: {} }],
    ["created_at not a date", { type: "email.delivered", created_at: "yesterday", data: {} }],
    ["no data", { type: "email.delivered", created_at: at }],
    ["email_id not a string", { type: "email.delivered", created_at: at, data: { email_id: 7 } }],
    ["tags neither a map nor a list", { type: "email.delivered", created_at: at, data: { email_id: "re_1", tags: "outbox_id=ob_1" } }],
  ])("signed but malformed (%s) is a payload error", (_, payload) => {
    expect(() => verify(payload)).toThrow(WebhookPayloadError);
  });
});

describe("readWebhookBody", () => {
  const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
    new Request("http://localhost/api/webhooks/resend", { method: "POST", body, headers, ...(body instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit);

  it("returns the body byte for byte (no re-serialisation)", async () => {
    const body = '{ "type" : "email.delivered",\n  "note": "é ✓" }';
    expect(await readWebhookBody(post(body))).toBe(body);
  });

  it("refuses a body over the cap, declared or streamed without a length", async () => {
    expect(await readWebhookBody(post("x".repeat(MAX_WEBHOOK_BODY_BYTES)))).toHaveLength(MAX_WEBHOOK_BODY_BYTES);
    expect(await readWebhookBody(post("x".repeat(MAX_WEBHOOK_BODY_BYTES + 1)))).toBeNull();
    expect(await readWebhookBody(post("{}", { "content-length": String(MAX_WEBHOOK_BODY_BYTES + 1) }))).toBeNull();
    const chunk = new Uint8Array(64 * 1024).fill(120);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        if (sent > 100 * chunk.byteLength) controller.close();
        else controller.enqueue(chunk);
      },
    });
    expect(await readWebhookBody(post(stream))).toBeNull();
    // It stopped reading soon after the cap instead of draining the whole stream.
    expect(sent).toBeLessThan(10 * chunk.byteLength);
  });
});
