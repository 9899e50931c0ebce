// The acknowledgement clock of a confirmed report, and the queue's statistics. Pure: the page, the dashboard and the
// reminder job read the same numbers from the same facts (confirmedAt, acknowledgedAt, the project's target).
import type { ReportStatus } from "@/generated/prisma/enums";
import { AWAITING_ACKNOWLEDGEMENT } from "./policy";

const HOUR = 3_600_000;

/** Settings: a report should be acknowledged within this many hours of its confirmation. */
export const DEFAULT_ACKNOWLEDGE_TARGET_HOURS = 48;

export function acknowledgeDeadline(confirmedAt: Date, targetHours: number): Date {
  return new Date(confirmedAt.getTime() + targetHours * HOUR);
}

/** Maintainers are reminded when less than this is left: 10% of the target, never less than two hours. */
export function reminderLeadMs(targetHours: number): number {
  return Math.max(2 * HOUR, targetHours * HOUR * 0.1);
}

export type ReportClock = {
  /** The clock runs only while the report waits for its acknowledgement. */
  running: boolean;
  deadline: Date;
  /** Milliseconds left (negative once overdue). */
  leftMs: number;
  overdue: boolean;
  /** Running and inside the reminder window (or past the deadline). */
  dueForReminder: boolean;
};

export function reportClock(report: { status: ReportStatus; confirmedAt: Date }, targetHours: number, now: Date): ReportClock {
  const deadline = acknowledgeDeadline(report.confirmedAt, targetHours);
  const leftMs = deadline.getTime() - now.getTime();
  const running = AWAITING_ACKNOWLEDGEMENT.includes(report.status);
  return { running, deadline, leftMs, overdue: running && leftMs <= 0, dueForReminder: running && leftMs < reminderLeadMs(targetHours) };
}

export type AcknowledgementStats = {
  /** Acknowledged reports the figures are computed over. */
  acknowledged: number;
  /** Median time from confirmation to acknowledgement; null without any acknowledged report. */
  medianMs: number | null;
  /** Of those, acknowledged within the target. */
  withinTarget: number;
  /** withinTarget / acknowledged, 0..1; null without any acknowledged report. */
  share: number | null;
};

export function acknowledgementStats(rows: ReadonlyArray<{ confirmedAt: Date; acknowledgedAt: Date }>, targetHours: number): AcknowledgementStats {
  const durations = rows.map((r) => Math.max(0, r.acknowledgedAt.getTime() - r.confirmedAt.getTime())).sort((a, b) => a - b);
  const n = durations.length;
  if (n === 0) return { acknowledged: 0, medianMs: null, withinTarget: 0, share: null };
  const mid = Math.floor(n / 2);
  const medianMs = n % 2 === 1 ? durations[mid]! : Math.round((durations[mid - 1]! + durations[mid]!) / 2);
  const withinTarget = durations.filter((d) => d <= targetHours * HOUR).length;
  return { acknowledged: n, medianMs, withinTarget, share: withinTarget / n };
}

/** "2 d 3 h", "5 h 20 min", "12 min": a duration for the statistics (rounded to the minute). */
export function formatDuration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : `${m} min`;
}

/** Overdue first (the longest overdue on top), then the running clocks soonest first, then the rest newest first. */
export function queueOrder<T extends { clock: ReportClock; confirmedAt: Date }>(rows: T[]): T[] {
  const rank = (r: T) => (r.clock.overdue ? 0 : r.clock.running ? 1 : 2);
  return [...rows].sort((a, b) => rank(a) - rank(b) || (rank(a) < 2 ? a.clock.leftMs - b.clock.leftMs : b.confirmedAt.getTime() - a.confirmedAt.getTime()));
}
