// What a notice's calendar event says about its own history: SEQUENCE (RFC 5545 §3.8.7.4) and the time its
// information last changed (DTSTAMP of a feed without METHOD, §3.8.7.2), derived from what the notice records, so the
// feed needs no counter of its own and gives the same answer on every fetch.

export type EventHistory = {
  /** Numbered revisions after sending; each one incremented in the transaction that recorded it. */
  revision: number;
  lastRevisionAt: Date | null;
  createdAt: Date;
  sentAt: Date | null;
  disclosedAt: Date | null;
  /** Set when the embargo ended early: the event's time moved to disclosedAt. */
  plannedDisclosureAt: Date | null;
  withdrawnAt: Date | null;
};

/**
 * SEQUENCE grows with every change a calendar must take: a new disclosure time (a numbered revision), the early end
 * of the embargo (the time moves to the moment it went public) and the withdrawal (STATUS:CANCELLED). Content
 * revisions are numbered revisions too and bump it as well: the RFC lets SEQUENCE grow for lesser changes, and it
 * must never shrink, which a sum of counters that only grow guarantees.
 */
export function calendarEvent(n: EventHistory): { sequence: number; changedAt: Date; cancelled: boolean } {
  const endedEarly = n.plannedDisclosureAt !== null;
  const sequence = n.revision + (endedEarly ? 1 : 0) + (n.withdrawnAt ? 1 : 0);
  const moments = [n.sentAt ?? n.createdAt, n.lastRevisionAt, endedEarly ? n.disclosedAt : null, n.withdrawnAt].filter((d): d is Date => d !== null);
  return { sequence, changedAt: new Date(Math.max(...moments.map((d) => d.getTime()))), cancelled: n.withdrawnAt !== null };
}
