import type { Viewer } from "@/lib/server/viewer-types";

/** The development mailbox shows every email's body, sign-in links included: maintainers with a second factor only. */
export function canReadMailbox(viewer: Viewer): boolean {
  return viewer.kind === "maintainer" && viewer.secondFactor;
}

/** Deliveries name every recipient (the confidential list): maintainers with a second factor only. */
export const canFollowDeliveries = canReadMailbox;

/**
 * How far back the maintainer's home looks for emails that did not arrive. Older failures stay on the deliveries
 * page; a list that never empties stops being read.
 */
export const UNDELIVERED_LOOKBACK_DAYS = 14;

/** Resend's batch endpoint takes at most 100 emails per call. */
export const BATCH_SIZE = 100;

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The batches a list of emails is sent in: up to BATCH_SIZE per batch, except that an email with attachments is a
 * batch of its own — Resend's batch endpoint takes no attachments, so it goes through the single-email endpoint,
 * still under its batch's idempotency key (a batch of one keeps every exactly-once rule of a batch).
 */
export function batchesOf<T>(items: T[], alone: (item: T) => boolean): T[][] {
  const single = items.filter(alone);
  return [...chunk(items.filter((i) => !alone(i)), BATCH_SIZE), ...single.map((i) => [i])];
}

/**
 * The encrypted files of one notice email may take this many bytes, as armored OpenPGP messages (before the email's
 * own base64): about 7 MB of email with the text. Resend accepts up to 40 MB per email after base64 encoding, but
 * many receiving servers refuse messages over 10 MB; a notice whose files are larger says so and links the portal.
 */
export const ENCRYPTED_ATTACHMENTS_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Whether files of these sizes, once encrypted and armored (base64 with line breaks: 4/3 and a little more, plus
 * the packets' overhead; OpenPGP.js does not compress), fit ENCRYPTED_ATTACHMENTS_MAX_BYTES. Decided before the
 * email is written, so that its text can say whether the files are attached.
 */
export function encryptedAttachmentsFit(sizes: readonly number[]): boolean {
  return sizes.reduce((total, size) => total + Math.ceil(size * 1.4) + 4096, 0) <= ENCRYPTED_ATTACHMENTS_MAX_BYTES;
}

export type OutboxStatus = "QUEUED" | "SENT" | "DELIVERED" | "BOUNCED" | "COMPLAINED" | "FAILED";

// Delivery events arrive late, twice, or out of order: a row only ever moves forward. A complaint outranks
// everything (the person asked not to get mail), a bounce outranks a delivery report.
const RANK: Record<OutboxStatus, number> = { QUEUED: 0, FAILED: 1, SENT: 1, DELIVERED: 2, BOUNCED: 3, COMPLAINED: 4 };

export type DeliveryEventType = "email.sent" | "email.delivered" | "email.delivery_delayed" | "email.bounced" | "email.complained" | "email.failed";

export function statusForEvent(type: string): OutboxStatus | null {
  switch (type) {
    case "email.delivered":
      return "DELIVERED";
    case "email.bounced":
      return "BOUNCED";
    case "email.complained":
      return "COMPLAINED";
    case "email.failed":
      return "FAILED";
    default:
      return null;
  }
}

/** Whether an event moves a row from `current` to `next` (never backwards, never sideways). */
export function advances(current: OutboxStatus, next: OutboxStatus): boolean {
  if (current === next) return false;
  if (next === "FAILED") return current === "SENT" || current === "QUEUED";
  return RANK[next] > RANK[current];
}

/** Retry delay for a batch call: the provider's retry-after when it gave one, within sane bounds. */
export function retryAfterWait(retryAfterSeconds: number | null): number {
  if (retryAfterSeconds === null) return 0;
  return Math.min(Math.max(retryAfterSeconds, 0), 60);
}
