import "server-only";
// One way to send an email, two transports chosen by configuration: Resend when RESEND_API_KEY is set, otherwise the
// local outbox (the database + the server console), so the whole product works on one machine with no account.
import { Resend } from "resend";

/** A file attached to an email: an armored OpenPGP message (encrypted to the recipient, signed by the project). */
export type MailAttachment = { filename: string; content: string };

export type OutgoingMail = {
  /** Exactly one recipient per email: nobody ever sees another recipient's address. */
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  idempotencyKey?: string | undefined;
  /** What the local outbox keeps of the text when it must not keep all of it (sign-in links). */
  storedText?: string | undefined;
  /** Only through `send`: Resend's batch endpoint takes no attachments. */
  attachments?: MailAttachment[] | undefined;
  signal?: AbortSignal | undefined;
  /** The outbox row, as a tag (like a batch's emails) so that delivery events find it. */
  outboxId?: string | undefined;
};

export type SentMail = { transport: "resend" | "outbox"; providerId: string | null };

export class MailError extends Error {
  readonly retryable: boolean;
  /** The provider's retry-after (429), in seconds. */
  readonly retryAfterSeconds: number | null;
  constructor(message: string, retryable: boolean, retryAfterSeconds: number | null = null) {
    super(message);
    this.name = "MailError";
    this.retryable = retryable;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** One email of a batch; `outboxId` travels as a tag so delivery events can be matched even without a provider id. */
export type BatchEmail = { outboxId: string; to: string; subject: string; text: string; html?: string | undefined };
export type BatchOutcome = { ok: true; providerId: string | null } | { ok: false; reason: string };

export type MailTransport = {
  kind: "resend" | "outbox";
  send(mail: OutgoingMail): Promise<SentMail>;
  /**
   * Sends up to 100 emails in one call, one result per email in order. The same idempotency key always carries
   * the same emails, so a replay returns the first call's answer instead of sending again. Throws MailError when
   * the call as a whole failed (retryable: 429, 5xx, network, timeout).
   */
  sendBatch(emails: BatchEmail[], opts: { idempotencyKey: string; signal?: AbortSignal | undefined }): Promise<BatchOutcome[]>;
};

/** How long one provider call may take before it counts as a network failure (and is retried with the same key). */
export const PROVIDER_TIMEOUT_MS = 30_000;

type ResendFailure = { statusCode?: number | null; name?: string; message?: string } | null;

function failure(error: ResendFailure, headers: Record<string, string> | null | undefined, what: string): MailError {
  const status = error?.statusCode ?? null;
  // 409 concurrent_idempotent_requests: the first call with this key is still being processed; ask again later.
  const concurrent = status === 409 && error?.name === "concurrent_idempotent_requests";
  const retryable = status === null || status === 429 || status >= 500 || concurrent;
  const after = Number(headers?.["retry-after"]);
  return new MailError(`Resend refused ${what}: ${error?.message ?? "no answer"} (${status ?? "network error"})`, retryable, Number.isFinite(after) && after > 0 ? after : null);
}

function withTimeout(signal: AbortSignal | undefined): AbortSignal {
  return signal ? AbortSignal.any([signal, AbortSignal.timeout(PROVIDER_TIMEOUT_MS)]) : AbortSignal.timeout(PROVIDER_TIMEOUT_MS);
}

export function resendTransport(apiKey: string, from: string): MailTransport {
  // The SDK honours RESEND_BASE_URL (tests point it at a local fake server).
  const client = new Resend(apiKey);
  return {
    kind: "resend",
    async send(mail) {
      const attachments = mail.attachments?.map((a) => ({ filename: a.filename, content: Buffer.from(a.content, "utf8"), contentType: "application/octet-stream" }));
      const { data, error } = await client.emails.send(
        { from, to: [mail.to], subject: mail.subject, text: mail.text, ...(mail.html ? { html: mail.html } : {}), ...(attachments?.length ? { attachments } : {}), ...(mail.outboxId ? { tags: [{ name: "outbox_id", value: mail.outboxId }] } : {}) },
        { ...(mail.idempotencyKey ? { idempotencyKey: mail.idempotencyKey } : {}), signal: withTimeout(mail.signal) },
      );
      // The SDK returns errors instead of throwing: every result is checked.
      if (error || !data?.id) throw failure(error as ResendFailure, null, "the email");
      return { transport: "resend", providerId: data.id };
    },
    async sendBatch(emails, opts) {
      const payload = emails.map((e) => ({
        from,
        to: [e.to],
        subject: e.subject,
        text: e.text,
        ...(e.html ? { html: e.html } : {}),
        tags: [{ name: "outbox_id", value: e.outboxId }],
      }));
      const signal = withTimeout(opts.signal);
      // Permissive validation: one invalid address fails that email only, not the 99 others.
      const response = await client.batch.send(payload, { idempotencyKey: opts.idempotencyKey, batchValidation: "permissive", signal });
      const headers = (response as { headers?: Record<string, string> | null }).headers;
      if (response.error || !response.data) throw failure(response.error as ResendFailure, headers, "the batch");
      const ids = response.data.data ?? [];
      const errors = new Map((response.data.errors ?? []).map((e) => [e.index, e.message]));
      if (ids.length + errors.size !== emails.length) {
        throw new MailError(`Resend answered ${ids.length} ids and ${errors.size} errors for ${emails.length} emails`, true);
      }
      let next = 0;
      return emails.map((_, index) => {
        const reason = errors.get(index);
        if (reason !== undefined) return { ok: false, reason: `Refused by Resend: ${reason}` };
        return { ok: true, providerId: ids[next++]!.id };
      });
    },
  };
}

export function outboxTransport(): MailTransport {
  return {
    kind: "outbox",
    async send(mail) {
      // Printed so that a newcomer can follow the first sign-in link from the server console.
      const files = mail.attachments?.length ? `\n[mail] Attached (encrypted): ${mail.attachments.map((a) => a.filename).join(", ")}` : "";
      console.log(`\n[mail] (local outbox — not delivered) To: ${mail.to}\n[mail] Subject: ${mail.subject}${files}\n${mail.text.replace(/^/gm, "[mail] ")}\n`);
      return { transport: "outbox", providerId: null };
    },
    async sendBatch(emails) {
      // Nothing leaves the machine: the worker stores the emails for the dev mailbox when it records the batch.
      for (const mail of emails) console.log(`[mail] (local outbox — not delivered) To: ${mail.to} · Subject: ${mail.subject}`);
      return emails.map(() => ({ ok: true as const, providerId: null }));
    },
  };
}
