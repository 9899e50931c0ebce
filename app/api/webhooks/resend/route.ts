// POST /api/webhooks/resend – delivery events from Resend (delivered, bounced, complained, failed): verified with
// RESEND_WEBHOOK_SECRET, recorded once per event id; an email's status only ever moves forward.
import { recordDeliveryEvent } from "@/lib/mail/data";
import { readWebhookBody, verifyResendWebhook, WebhookPayloadError, WebhookSignatureError } from "@/lib/mail/webhook";
import { getConfig } from "@/lib/server/config";

export const dynamic = "force-dynamic";

function reply(status: number, body: Record<string, unknown>): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

export async function POST(request: Request): Promise<Response> {
  const secret = getConfig().mail.webhookSecret;
  // Without a secret nothing can be verified: the endpoint does not exist.
  if (!secret) return reply(404, { ok: false, error: "Not found." });
  // The raw bytes, never re-serialised JSON: the signature covers exactly what was sent.
  const body = await readWebhookBody(request);
  if (body === null) return reply(413, { ok: false, error: "Payload too large." });
  let event;
  try {
    event = verifyResendWebhook(body, request.headers, secret);
  } catch (error) {
    // One generic answer for every signature failure: a prober learns nothing about which check failed.
    if (error instanceof WebhookSignatureError) return reply(401, { ok: false, error: "Invalid signature." });
    if (error instanceof WebhookPayloadError) return reply(400, { ok: false, error: "Invalid payload." });
    throw error;
  }
  // Applied, duplicate, ignored or unknown email: all 200, so that the provider stops redelivering. A database error
  // throws (500) and the provider retries later.
  const result = await recordDeliveryEvent(event);
  return reply(200, { ok: true, result });
}
