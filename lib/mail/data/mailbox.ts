import "server-only";
import { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import { NotFoundError } from "@/lib/server/errors";
import type { Viewer } from "@/lib/server/viewer-types";
import { takePaceSlot } from "@/lib/rate-limit/data";
import { canReadMailbox } from "../policy";
import { signDirectMail } from "./sign";
import { outboxTransport, resendTransport, type MailTransport, type OutgoingMail, type SentMail } from "../transport";
import { withoutNul } from "@/lib/text/invisible-characters";

let transport: MailTransport | undefined;

export function getMailTransport(): MailTransport {
  if (transport) return transport;
  const { mail } = getConfig();
  transport = mail.resendApiKey ? resendTransport(mail.resendApiKey, mail.from) : outboxTransport();
  return transport;
}

/** Tests swap transports (e.g. Resend pointed at the fake server). */
export function setMailTransportForTests(next: MailTransport | undefined): void {
  if (!process.env.VITEST) throw new Error("setMailTransportForTests is for the test suite only");
  transport = next;
}

/**
 * Sends one email, signed (./sign.ts), and records it. With the local outbox the body is stored for the dev mailbox
 * (sign-in links withheld: every maintainer reads the mailbox); with Resend only the envelope and the provider id.
 * Throws SigningUnavailableError, sending nothing, when the project's key is unusable — except for what
 * `unsignedWhenKeyUnusable` allows (maintainers' sign-in links).
 */
export async function sendMail(unsigned: OutgoingMail, opts: { unsignedWhenKeyUnusable?: boolean } = {}): Promise<SentMail> {
  const mail = await signDirectMail(unsigned, opts);
  const t = getMailTransport();
  // Direct emails (sign-in links) share the provider's rate with the outbox's batches.
  if (t.kind === "resend") await takePaceSlot("mail-provider", getConfig().mail.ratePerSecond);
  const sent = await t.send(mail);
  await getDb().mailMessage.create({
    data: {
      toAddress: mail.to,
      subject: mail.subject,
      textBody: sent.transport === "outbox" ? (mail.storedText ?? mail.text) : null,
      htmlBody: sent.transport === "outbox" ? (mail.html ?? null) : null,
      transport: sent.transport,
      providerId: sent.providerId,
    },
  });
  return sent;
}

export type MailboxEntry = { id: string; toAddress: string; subject: string; textBody: string | null; createdAt: Date };

export async function listMailbox(viewer: Viewer, opts: { to?: string | undefined } = {}): Promise<{ transport: "resend" | "outbox"; messages: MailboxEntry[] }> {
  if (!canReadMailbox(viewer)) throw new NotFoundError();
  // The page's ?to= as typed: bounded, and without NULs (PostgreSQL takes none in a text value).
  const to = withoutNul(opts.to ?? "").trim().toLowerCase().slice(0, 320);
  const messages = await getDb().mailMessage.findMany({
    where: { transport: "outbox", ...(to ? { toAddress: { contains: to } } : {}) },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, toAddress: true, subject: true, textBody: true, createdAt: true },
  });
  return { transport: getMailTransport().kind, messages };
}

/** Retention: the record of sent email older than `keepDays` days (bodies of the dev Mailbox included). */
export async function deleteOldMailboxMessages(keepDays: number, now = new Date()): Promise<number> {
  const { count } = await getDb().mailMessage.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - keepDays * 86_400_000) } } });
  return count;
}
