// How long until a notice's disclosure, in words ("in 3 days 4 hours", "in 45 minutes", "disclosed"). Pure, so the
// server's first render and the browser's live counter say the same thing.

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

/** A file size for people ("1.5 MiB"); the exact byte count is shown next to it where it matters. */
export function formatBytes(size: number): string {
  if (size < 1024) return plural(size, "byte");
  const units = ["KiB", "MiB", "GiB"];
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}
