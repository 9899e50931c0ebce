import "server-only";
// One way to send an email, two transports chosen by configuration: Resend when RESEND_API_KEY is set, otherwise the
// local outbox (the database + the server console), so the whole product works on one machine with no account.
import { Resend } from "resend";

export type OutgoingMail = {
  /** Exactly one recipient per email: nobody ever sees another recipient's address. */
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  idempotencyKey?: string | undefined;
  /** What the local outbox keeps of the text when it must not keep all of it (sign-in links). */
  storedText?: string | undefined;
};

export type SentMail = { transport: "resend" | "outbox"; providerId: string | null };

export class MailError extends Error {
  readonly retryable: boolean;
  constructor(message: string, retryable: boolean) {
    super(message);
    this.name = "MailError";
    this.retryable = retryable;
  }
}

export type MailTransport = { kind: "resend" | "outbox"; send(mail: OutgoingMail): Promise<SentMail> };

export function resendTransport(apiKey: string, from: string): MailTransport {
  // The SDK honours RESEND_BASE_URL (tests point it at a local fake server).
  const client = new Resend(apiKey);
  return {
    kind: "resend",
    async send(mail) {
      const { data, error } = await client.emails.send(
        { from, to: [mail.to], subject: mail.subject, text: mail.text, ...(mail.html ? { html: mail.html } : {}) },
        mail.idempotencyKey ? { idempotencyKey: mail.idempotencyKey } : undefined,
      );
      // The SDK returns errors instead of throwing: every result is checked.
      if (error || !data?.id) {
        const status = (error as { statusCode?: number | null } | null)?.statusCode ?? null;
        const retryable = status === null || status === 429 || status >= 500;
        throw new MailError(`Resend refused the email: ${error?.message ?? "no id returned"} (${status ?? "network"})`, retryable);
      }
      return { transport: "resend", providerId: data.id };
    },
  };
}

export function outboxTransport(): MailTransport {
  return {
    kind: "outbox",
    async send(mail) {
      // Printed so that a newcomer can follow the first sign-in link from the server console.
      console.log(`\n[mail] (local outbox — not delivered) To: ${mail.to}\n[mail] Subject: ${mail.subject}\n${mail.text.replace(/^/gm, "[mail] ")}\n`);
      return { transport: "outbox", providerId: null };
    },
  };
}
