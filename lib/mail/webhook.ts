import "server-only";
// Resend's delivery events arrive signed with the Standard Webhooks scheme (the one svix uses): an HMAC-SHA256 over
// "<id>.<timestamp>.<raw body>" with the endpoint's secret. Nothing in a request is believed before that signature
// checks out, and a timestamp more than five minutes off is refused, so a captured request cannot be replayed later
// (a replay inside the window carries the same id and is recorded once, see data/events.ts).
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { z } from "zod";
import type { DeliveryEvent } from "./data/events";

/** Resend's events are a few KiB; anything far larger is not from Resend and is not read into memory. */
export const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;

/** Why a webhook request was refused. The detail is for logs and tests; callers are told nothing specific. */
export class WebhookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
/** Missing or wrong signature, or a timestamp outside the tolerance: not (or no longer) from the provider. */
export class WebhookSignatureError extends WebhookError {}
/** Correctly signed, but not the JSON we understand. */
export class WebhookPayloadError extends WebhookError {}
/** RESEND_WEBHOOK_SECRET is set but is not a usable `whsec_<base64>` secret: a configuration error. */
export class WebhookSecretError extends WebhookError {}

/**
 * The request body exactly as sent (the signature covers these bytes; it is never parsed and re-serialised before
 * the check), or null when it is larger than `maxBytes`. Reads the stream itself so that an oversized body (declared
 * or chunked) is refused without being buffered whole. Decodes like `Request#text()`.
 */
export async function readWebhookBody(request: Request, maxBytes = MAX_WEBHOOK_BODY_BYTES): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (!Number.isFinite(declared) || declared > maxBytes) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

// Resend sends the svix names; the Standard Webhooks names are accepted too (same scheme, other senders and tools).
const HEADER_PREFIXES = ["svix", "webhook"] as const;

function signatureHeaders(headers: Headers): { id: string; timestamp: string; signature: string } {
  for (const prefix of HEADER_PREFIXES) {
    const id = headers.get(`${prefix}-id`);
    const timestamp = headers.get(`${prefix}-timestamp`);
    const signature = headers.get(`${prefix}-signature`);
    if (id && timestamp && signature) return { id, timestamp, signature };
  }
  throw new WebhookSignatureError("Missing signature headers");
}

const Envelope = z.object({
  type: z.string().min(1).max(100),
  created_at: z.string().refine((s) => !Number.isNaN(Date.parse(s)), "not a date"),
  data: z.record(z.string(), z.unknown()),
});

// Only the fields we use are checked; Resend adds fields over time (unknown keys are dropped, not refused). Tags come
// as an object map in webhook payloads and as [{ name, value }] in the API; both are read.
const EmailData = z.object({
  email_id: z.string().min(1).max(200).nullish(),
  tags: z.union([z.record(z.string(), z.string()), z.array(z.object({ name: z.string(), value: z.string() }))]).nullish(),
  bounce: z.object({ message: z.string().nullish() }).nullish(),
  failed: z.object({ reason: z.string().nullish() }).nullish(),
});
type EmailData = z.infer<typeof EmailData>;

function outboxIdFrom(tags: EmailData["tags"]): string | null {
  if (!tags) return null;
  const value = Array.isArray(tags) ? tags.find((t) => t.name === "outbox_id")?.value : Object.hasOwn(tags, "outbox_id") ? tags.outbox_id : undefined;
  return value || null;
}

/**
 * Verifies a Resend webhook request and returns its delivery event. Throws WebhookSignatureError (unsigned, wrong
 * signature or secret, timestamp older or newer than five minutes against this machine's clock), WebhookPayloadError
 * (signed but malformed) or WebhookSecretError (the configured secret is unusable).
 */
export function verifyResendWebhook(rawBody: string, headers: Headers, secret: string): DeliveryEvent {
  const { id, timestamp, signature } = signatureHeaders(headers);
  let webhook: Webhook;
  try {
    webhook = new Webhook(secret);
  } catch {
    // Never the secret itself in the message: it ends up in logs.
    throw new WebhookSecretError("RESEND_WEBHOOK_SECRET is not a valid whsec_<base64> secret");
  }
  try {
    // jsonParse off: a body that is signed but not JSON is a payload error (400), not a signature error.
    webhook.verify(rawBody, { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature }, { jsonParse: false });
  } catch (error) {
    if (error instanceof WebhookVerificationError) throw new WebhookSignatureError(error.message);
    throw error;
  }

  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new WebhookPayloadError("Body is not JSON");
  }
  const envelope = Envelope.safeParse(json);
  if (!envelope.success) throw new WebhookPayloadError("Not a Resend event");
  const { type, created_at, data } = envelope.data;

  // Other families (domain.*, contact.*, inbox.*) have other data shapes; they are recorded and ignored.
  let email: EmailData = {};
  if (type.startsWith("email.")) {
    const parsed = EmailData.safeParse(data);
    if (!parsed.success) throw new WebhookPayloadError("Not a Resend email event");
    email = parsed.data;
  }
  return {
    eventId: id,
    type,
    providerId: email.email_id ?? null,
    outboxId: outboxIdFrom(email.tags),
    reason: email.bounce?.message || email.failed?.reason || null,
    occurredAt: new Date(created_at),
  };
}
