// Words for the notices domain's codes, shared by the maintainer pages and the vendor preview.

export const FEEDBACK_LABELS: Record<string, string> = {
  RECEIVED: "Received",
  INVESTIGATING: "Investigating",
  PATCH_TESTED_OK: "Patch tested OK",
  PROBLEM_FOUND: "Problem found",
};

export const STATEMENT_LABELS: Record<string, string> = {
  AFFECTED: "Affected",
  NOT_AFFECTED: "Not affected",
  FIXED: "Fixed",
  UNDER_INVESTIGATION: "Under investigation",
};

export const SEVERITY_LABELS: Record<string, string> = { LOW: "Low", MEDIUM: "Medium", HIGH: "High", CRITICAL: "Critical", NONE: "None" };

/** The plain ratings a draft may choose (lib/notices/schemas.ts SEVERITIES, without pulling zod into the browser). */
export const SEVERITY_OPTIONS = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;

/** "1.2 MB", "512 bytes". */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} byte${size === 1 ? "" : "s"}`;
  const units = ["KB", "MB", "GB"];
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** "5.2 h", "3 d 4 h", or "—" when nobody has acknowledged. */
export function formatHours(hours: number | null): string {
  if (hours === null) return "—";
  // Under an hour in minutes: "0.0 h" said nothing of an acknowledgement three minutes after the email.
  if (hours < 1) return hours * 60 < 1 ? "under 1 min" : `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${hours < 10 ? hours.toFixed(1) : Math.round(hours)} h`;
  return `${Math.floor(hours / 24)} d ${Math.round(hours % 24)} h`;
}

/** "40%" of a share, or "—" for none. */
export function formatShare(part: number, whole: number): string {
  return whole === 0 ? "—" : `${Math.round((part / whole) * 100)}%`;
}
