import "server-only";
// The shape every server action shares: parse the form with its zod schema (a clear message per field, nothing
// changed on bad input), run the data function, turn errors into what a user may see.
import type { z } from "zod";
import { toActionError, ValidationError, type ActionResult } from "./errors";

export function parseForm<S extends z.ZodType>(schema: S, form: FormData | Record<string, unknown>): z.infer<S> {
  const raw = form instanceof FormData ? Object.fromEntries([...form.entries()].filter(([k]) => !k.startsWith("$ACTION"))) : form;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.join(".") || "form";
      (fieldErrors[key] ??= []).push(issue.message);
    }
    throw new ValidationError("Please correct the highlighted fields.", fieldErrors);
  }
  // PostgreSQL stores no NUL in text or JSON: left in, it would fail the write with an error the user cannot act on.
  // Checked on what the schema made of the form, so a NUL written as "\u0000" inside a JSON field is found too.
  const nul = fieldWithNul(parsed.data);
  if (nul !== null) throw new ValidationError("Please correct the highlighted fields.", { [nul]: ["This field contains a NUL character (U+0000), which cannot be stored: remove it (retype the text if you pasted it)."] });
  return parsed.data;
}

/** The first field (its top-level name, or "form") whose value holds U+0000 anywhere inside, or null. */
export function fieldWithNul(data: unknown): string | null {
  const holds = (value: unknown, depth: number): boolean => {
    if (typeof value === "string") return value.includes("\u0000");
    if (value === null || typeof value !== "object") return false;
    // Deeper than any form's data goes: refused rather than left unread.
    if (depth > 20) return true;
    if (Array.isArray(value)) return value.some((item) => holds(item, depth + 1));
    // Plain objects only: files, buffers and dates hold no text to store as such.
    if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return false;
    return Object.entries(value).some(([key, item]) => holds(key, depth + 1) || holds(item, depth + 1));
  };
  if (typeof data === "object" && data !== null && !Array.isArray(data) && !(data instanceof Date)) {
    for (const [key, value] of Object.entries(data)) if (holds(value, 0)) return key;
    return null;
  }
  return holds(data, 0) ? "form" : null;
}

export async function runAction<T>(fn: () => Promise<T>, message?: string): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn(), ...(message ? { message } : {}) };
  } catch (error) {
    // next/navigation's redirect() and notFound() work by throwing: let them through.
    if (isNavigationSignal(error)) throw error;
    return toActionError(error);
  }
}

function isNavigationSignal(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK"));
}
