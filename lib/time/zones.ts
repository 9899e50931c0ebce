// Time zones. A disclosure time is entered as a wall-clock time in a chosen IANA zone and stored as a UTC instant.
// These pure functions (shared by the server, the forms in the browser and settings) do the conversion with Intl alone (no date library), and say so when the wall-clock time is skipped or
// repeated by a daylight-saving change, instead of silently picking a time the maintainer did not mean.

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for a zone this runtime knows ("UTC", "Europe/Berlin"); false for anything else. */
export function isTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock of `instant` (ms) in `timeZone`, as milliseconds of the same fields read as UTC. */
function wallMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
}

/** The zone's offset from UTC at `instant`, in minutes (Europe/Berlin in winter: 60). */
export function offsetMinutes(instant: Date | number, timeZone: string): number {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  const whole = Math.floor(ms / 1000) * 1000;
  return Math.round((wallMs(whole, timeZone) - whole) / MINUTE);
}

/** "UTC+01:00", "UTC−04:00", "UTC". */
export function formatOffset(minutes: number): string {
  if (minutes === 0) return "UTC";
  const sign = minutes > 0 ? "+" : "−";
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

function parseLocal(local: string): number | null {
  const m = LOCAL.exec(local.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  // Rejects 2026-02-30T10:00 and 25:00 instead of rolling them over.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h || back.getUTCMinutes() !== mi) return null;
  return ms;
}

export type ZonedResolution = {
  instant: Date;
  /**
   * exact: the wall-clock time exists once. skipped: clocks jumped over it (it is moved forward by the jump, like
   * Temporal's "compatible"). repeated: it happens twice (the first occurrence is used).
   */
  kind: "exact" | "skipped" | "repeated";
  /** The zone's offset at the instant, in minutes. */
  offset: number;
};

/**
 * A wall-clock time ("2026-12-08T14:00", as an `<input type="datetime-local">` gives it) in `timeZone` → the UTC
 * instant. `null` when the text or the zone is not valid.
 */
export function zonedToUtc(local: string, timeZone: string): ZonedResolution | null {
  const wall = parseLocal(local);
  if (wall === null || !isTimeZone(timeZone)) return null;
  // A zone changes its offset at most once within a day either side: the offsets before and after are the only
  // candidates.
  const before = offsetMinutes(wall - DAY, timeZone);
  const after = offsetMinutes(wall + DAY, timeZone);
  const matches = [...new Set([before, after])]
    .map((offset) => wall - offset * MINUTE)
    .filter((instant) => wallMs(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  if (matches.length === 0) {
    const instant = wall - before * MINUTE;
    return { instant: new Date(instant), kind: "skipped", offset: offsetMinutes(instant, timeZone) };
  }
  const instant = matches[0]!;
  return { instant: new Date(instant), kind: matches.length > 1 ? "repeated" : "exact", offset: offsetMinutes(instant, timeZone) };
}

/** The wall-clock time of `instant` in `timeZone`, in the `datetime-local` format ("2026-12-08T15:00"). */
export function utcToZoned(instant: Date, timeZone: string): string {
  return new Date(wallMs(Math.floor(instant.getTime() / MINUTE) * MINUTE, timeZone)).toISOString().slice(0, 16);
}

/** What the form submits: the instant in UTC with its zone ("2026-12-08T14:00Z"). */
export function toIsoUtc(instant: Date): string {
  const iso = instant.toISOString();
  return iso.endsWith(":00.000Z") ? `${iso.slice(0, 16)}Z` : iso;
}

/** "2026-12-08 14:00 UTC". */
export function formatUtcInstant(instant: Date): string {
  return `${instant.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/**
 * A first proposal for a new notice: `days` from now (counted in the zone), at the project's usual time of day in
 * its zone (settings; 14:00 UTC unless changed).
 */
export function defaultDisclosure(now: Date, days = 7, time = "14:00", timeZone = "UTC"): Date {
  const zone = isTimeZone(timeZone) ? timeZone : "UTC";
  const day = new Date(`${utcToZoned(now, zone).slice(0, 10)}T00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  const at = /^([01]\d|2[0-3]):[0-5]\d$/.test(time) ? time : "14:00";
  return zonedToUtc(`${day.toISOString().slice(0, 10)}T${at}`, zone)?.instant ?? new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 14));
}

/** Zones offered before the browser's full list is known (the server render): UTC first, then the usual ones. */
export const COMMON_TIME_ZONES = [
  "UTC",
  "America/Los_Angeles",
  "America/Denver",
  "America/Chicago",
  "America/New_York",
  "America/Sao_Paulo",
  "Europe/London",
  "Europe/Dublin",
  "Europe/Lisbon",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Amsterdam",
  "Europe/Prague",
  "Europe/Helsinki",
  "Europe/Moscow",
  "Asia/Kolkata",
  "Asia/Shanghai",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Pacific/Auckland",
] as const;
