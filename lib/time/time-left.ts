// How long until a notice's disclosure. In words for vendors ("in 3 days 4 hours", "due now", "disclosed") and short
// for maintainers' tables ("6 d 4 h left", "2 d 1 h ago"). Pure, so the server's first render and the browser's live
// counter say the same thing.

const MINUTE = 60_000;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

/**
 * Time left until `disclosureAt`, rounded down to whole minutes (never promising more time than there is). A notice
 * whose time has come but which is not disclosed yet says "due now", not "disclosed": until the maintainers'
 * disclosure goes through, the embargo still holds.
 */
export function timeLeft(disclosureAt: Date, now: Date, disclosed = false): string {
  if (disclosed) return "disclosed";
  const ms = disclosureAt.getTime() - now.getTime();
  if (ms <= 0) return "due now";
  const minutes = Math.floor(ms / MINUTE);
  if (minutes < 1) return "in less than a minute";
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `in ${plural(days, "day")}${hours > 0 ? ` ${plural(hours, "hour")}` : ""}`;
  if (hours > 0) return `in ${plural(hours, "hour")}${rest > 0 ? ` ${plural(rest, "minute")}` : ""}`;
  return `in ${plural(rest, "minute")}`;
}

/** "6 d 4 h left", "3 h 20 min left", "2 d 1 h ago": the distance from `now` to `at`, to the nearest minute. */
export function timeLeftShort(now: Date, at: Date): string {
  const diff = at.getTime() - now.getTime();
  const minutes = Math.round(Math.abs(diff) / MINUTE);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const text = d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : `${m} min`;
  return diff >= 0 ? `${text} left` : `${text} ago`;
}
