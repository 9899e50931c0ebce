import "server-only";
// HTTP entry points of sign-in, wrapped around next-auth:
// - a GET on the email callback (what corporate link scanners do) never signs in: it shows the confirmation page;
// - link requests are rate-limited per address and per client before next-auth sees them;
// - the confirmation page's POST is the only way a link becomes a session.
import NextAuth from "next-auth";
import { NextRequest, NextResponse } from "next/server";
import { getConfig } from "@/lib/server/config";
import { CLIENT_IP_HEADER } from "@/lib/server/http/client-address";
import { getRequestInfo } from "@/lib/server/viewer";
import { recordAudit } from "@/lib/audit/data";
import { consumeAttempt } from "@/lib/rate-limit/data";
import { clientKey } from "@/lib/rate-limit/policy";
import { sessionCookieName } from "./cookies";
import { deleteSessionByToken } from "./data";
import { normalizeEmail } from "./email";
import { authOptions } from "./options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

function nextAuth(req: NextRequest, ctx: Ctx): Promise<Response> {
  return NextAuth(authOptions())(req, ctx) as Promise<Response>;
}

export async function handleAuthGet(req: NextRequest, ctx: Ctx): Promise<Response> {
  const { nextauth } = await ctx.params;
  if (nextauth[0] === "callback" && nextauth[1] === "email") {
    const confirm = new URL(`/sign-in/confirm?${req.nextUrl.searchParams}`, getConfig().publicUrl);
    return NextResponse.redirect(confirm, 303);
  }
  return nextAuth(req, ctx);
}

/** Every link request takes at least this long, so the answer's timing says nothing about the address. */
const LINK_REQUEST_MIN_MS = 400;

export async function handleAuthPost(req: NextRequest, ctx: Ctx): Promise<Response> {
  const { nextauth } = await ctx.params;
  if (nextauth[0] === "callback") return NextResponse.json({ error: "Not found" }, { status: 404 });
  if (nextauth[0] !== "signin" || nextauth[1] !== "email") return nextAuth(req, ctx);

  const { publicUrl } = getConfig();
  // Read the address exactly as next-auth will: one form field. JSON bodies and repeated fields (which next-auth
  // reads differently) are refused, so the limits below always count the address that gets the email.
  const type = req.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    return NextResponse.json({ error: "Send the sign-in form as a form." }, { status: 415 });
  }
  const emails = (await req.clone().formData().catch(() => null))?.getAll("email") ?? [];
  const email = emails.length === 1 ? normalizeEmail(emails[0]) : null;
  if (!email) return NextResponse.json({ url: `${publicUrl}/sign-in/error?error=EmailSignin` }, { status: 400 });

  const started = Date.now();
  const { ip } = await getRequestInfo();
  const client = clientKey(ip);
  const verdict = await consumeAttempt([["linkPerEmailPerIp", client ? `${email}|${client}` : email], ["linkPerEmail", email], ["linkPerIp", client]]);
  let response: Response;
  if (verdict.allowed) {
    response = await nextAuth(req, ctx);
  } else {
    if (verdict.firstRefusal) await recordAudit({ actor: null, action: "auth.rate-limited", ip, details: { email, what: "sign-in link" } });
    response = NextResponse.json({ url: `${publicUrl}/sign-in/error?error=RateLimited` }, { status: 429, headers: { "Retry-After": String(verdict.retryAfterSeconds) } });
  }
  const wait = LINK_REQUEST_MIN_MS - (Date.now() - started);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return response;
}

/** POST /api/auth/confirm: the confirmation page's form. Same-origin only (no login CSRF). */
export async function confirmSignIn(req: NextRequest): Promise<Response> {
  const { publicUrl } = getConfig();
  const origin = req.headers.get("origin");
  if (origin !== new URL(publicUrl).origin && req.headers.get("sec-fetch-site") !== "same-origin") {
    return NextResponse.json({ error: "Cross-site sign-in refused." }, { status: 403 });
  }
  const { ip } = await getRequestInfo();
  const verdict = await consumeAttempt([["confirmPerIp", clientKey(ip)]]);
  if (!verdict.allowed) {
    if (verdict.firstRefusal) await recordAudit({ actor: null, action: "auth.rate-limited", ip, details: { what: "sign-in confirmation" } });
    return NextResponse.redirect(new URL("/sign-in/error?error=RateLimited", publicUrl), 303);
  }
  const form = await req.formData().catch(() => null);
  const token = form?.get("token");
  const email = form?.get("email");
  const callbackUrl = form?.get("callbackUrl");
  if (typeof token !== "string" || typeof email !== "string" || !token || token.length > 200) {
    return NextResponse.redirect(new URL("/sign-in/error?error=Verification", publicUrl), 303);
  }
  const current = req.cookies.get(sessionCookieName())?.value;

  const params = new URLSearchParams({ token, email, ...(typeof callbackUrl === "string" ? { callbackUrl } : {}) });
  const headers = new Headers({ "user-agent": req.headers.get("user-agent") ?? "" });
  if (ip) headers.set(CLIENT_IP_HEADER, ip);
  // next-auth's own cookies (CSRF, callback URL) travel along; the old session cookie does not.
  const cookie = req.cookies.getAll().filter((c) => c.name !== sessionCookieName()).map((c) => `${c.name}=${c.value}`).join("; ");
  if (cookie) headers.set("cookie", cookie);
  const internal = new NextRequest(new URL(`/api/auth/callback/email?${params}`, publicUrl), { headers });
  const response = await nextAuth(internal, { params: Promise.resolve({ nextauth: ["callback", "email"] }) });
  const location = response.headers.get("location");
  const failure = location ? new URL(location, publicUrl).searchParams.get("error") : "no redirect";
  if (failure) {
    // An expired, used or forged link, or an account that may no longer sign in.
    await recordAudit({ actor: null, action: "auth.sign-in.failed", ip, details: { email: normalizeEmail(email) ?? "(invalid)", reason: failure } });
  }
  const out = NextResponse.redirect(location ? new URL(location, publicUrl) : new URL("/sign-in/error", publicUrl), 303);
  const setCookies = response.headers.getSetCookie();
  for (const setCookie of setCookies) out.headers.append("set-cookie", setCookie);
  // A link signs in exactly its own person: whoever was signed in on this browser before is signed out on the
  // server once the new session exists (a failed link leaves the current session alone).
  if (current && setCookies.some((c) => c.startsWith(`${sessionCookieName()}=`))) await deleteSessionByToken(current, await getRequestInfo());
  return out;
}
