// Email addresses are normalised and validated strictly before any lookup: one request names exactly one address.
import { z } from "zod";

const ADDRESS = z.email({ pattern: z.regexes.html5Email }).max(254);

/**
 * Returns the canonical form (trimmed, NFKC, lower-case) or null when the input is not exactly one plain address:
 * no display names, comments, quotes, lists, whitespace or control characters.
 */
export function normalizeEmail(input: unknown): string | null {
  if (typeof input !== "string" || input.length > 320) return null;
  const candidate = input.normalize("NFKC").trim().toLowerCase();
  // Non-ASCII is refused rather than guessed at (homograph look-alikes of a listed address).
  if (!/^[\x21-\x7e]+$/.test(candidate)) return null;
  if (/[,;<>()"\\[\]:\s]/.test(candidate)) return null;
  if ((candidate.match(/@/g) ?? []).length !== 1) return null;
  const [local, domain] = candidate.split("@") as [string, string];
  if (!local || local.length > 64 || !domain.includes(".") || domain.startsWith(".") || domain.endsWith(".") || domain.includes("..")) return null;
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) return null;
  return ADDRESS.safeParse(candidate).success ? candidate : null;
}
