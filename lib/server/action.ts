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
  return parsed.data;
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
