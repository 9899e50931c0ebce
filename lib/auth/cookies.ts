import "server-only";
import { createHmac } from "node:crypto";
import { getConfig, getInstanceSecret } from "@/lib/server/config";
import { constantTimeEqual } from "./tokens";

/** next-auth's session cookie name: `__Secure-` prefixed behind https. */
export function sessionCookieName(): string {
  return `${secureCookies() ? "__Secure-" : ""}next-auth.session-token`;
}

export function secureCookies(): boolean {
  return getConfig().publicUrl.startsWith("https://");
}

// "This browser has signed in as this address before": lets the person ask for links even while strangers have
// used up the address's overall cap. Holds only a keyed hash of the address.
const DEVICE_COOKIE = "forewarn-device";
const DEVICE_DAYS = 365;

function deviceMark(email: string): string {
  return createHmac("sha256", getInstanceSecret()).update(`device:${email}`).digest("base64url");
}

export function knownDeviceCookie(email: string): string {
  return `${DEVICE_COOKIE}=${deviceMark(email)}; Path=/api/auth; Max-Age=${DEVICE_DAYS * 86400}; HttpOnly; SameSite=Lax${secureCookies() ? "; Secure" : ""}`;
}

export function knownDevice(req: { cookies: { get(name: string): { value: string } | undefined } }, email: string): boolean {
  const value = req.cookies.get(DEVICE_COOKIE)?.value;
  return !!value && constantTimeEqual(value, deviceMark(email));
}
