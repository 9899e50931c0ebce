// Where to go after signing in: only a path on our own origin; anything else falls back to the default.
export const AFTER_SIGN_IN = "/sign-in/continue";

export function safeCallbackPath(raw: string | null | undefined, publicUrl: string): string {
  if (!raw) return AFTER_SIGN_IN;
  let url: URL;
  try {
    url = new URL(raw, publicUrl);
  } catch {
    return AFTER_SIGN_IN;
  }
  if (url.origin !== new URL(publicUrl).origin) return AFTER_SIGN_IN;
  const path = `${url.pathname}${url.search}`;
  // No protocol-relative or backslash tricks, no API endpoints (sign-out links, callbacks).
  if (!path.startsWith("/") || path.startsWith("//") || path.includes("\\") || path.startsWith("/api/")) return AFTER_SIGN_IN;
  return path;
}
