// Adds a fresh CSP nonce to every page request, and sends visitors without a session cookie from the signed-in
// areas to the sign-in page. This is navigation, not an access gate: every page, server action and route handler
// checks the viewer itself through lib/<domain>/data.ts (a forged cookie gets nothing there).
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, createNonce } from "@/lib/server/http/security-headers";

const SIGNED_IN_AREAS = /^\/(maintainer|vendor|account|reporter)(\/|$)/;

export function proxy(request: NextRequest): NextResponse {
  const hasSession = request.cookies.has("next-auth.session-token") || request.cookies.has("__Secure-next-auth.session-token");
  if (!hasSession && SIGNED_IN_AREAS.test(request.nextUrl.pathname)) {
    const signIn = new URL("/sign-in", request.nextUrl.origin);
    signIn.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
    return NextResponse.redirect(signIn);
  }
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV === "development",
    https: (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico).*)" }],
};
