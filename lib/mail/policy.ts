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
