import "server-only";
import { getConfig } from "@/lib/server/config";

/** next-auth's session cookie name: `__Secure-` prefixed behind https. */
export function sessionCookieName(): string {
  return `${secureCookies() ? "__Secure-" : ""}next-auth.session-token`;
}

export function secureCookies(): boolean {
  return getConfig().publicUrl.startsWith("https://");
}
