// File sizes as people read them, beside the exact byte count where it matters.

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

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
