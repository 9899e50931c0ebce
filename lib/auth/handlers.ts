import "server-only";
// HTTP entry points of sign-in, wrapped around next-auth:
// - a GET on the email callback (what corporate link scanners do) never signs in: it shows the confirmation page;
// - link requests are rate-limited per address and per client before next-auth sees them;
// - the confirmation page's POST is the only way a link becomes a session.
import NextAuth from "next-auth";
import { NextRequest, NextResponse } from "next/server";
import { getConfig } from "@/lib/server/config";
import { CLIENT_IP_HEADER } from "@/lib/server/http/client-address";
import { getRequestInfo } from "@/lib/auth/viewer";
import { recordAudit } from "@/lib/audit/data";
import { consumeAttempt, exhausted } from "@/lib/rate-limit/data";
import { clientKey, type LimitName } from "@/lib/rate-limit/policy";
import { knownDevice, knownDeviceCookie, sessionCookieName } from "./cookies";
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
const FORM_TYPE = "application/x-www-form-urlencoded";

/**
 * The sign-in form, read once and strictly: exactly one of each field, URL-encoded. next-auth then receives a
 * request rebuilt from these fields alone, so the address the limits count is the address that gets the email
 * (next-auth's own parser would read JSON or multipart bodies, and the last of repeated fields).
 */
async function readLinkRequest(req: NextRequest): Promise<{ email: string; fields: URLSearchParams } | null> {
  const mediaType = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType !== FORM_TYPE) return null;
  const body = new URLSearchParams(await req.text());
  const fields = new URLSearchParams();
  for (const name of ["email", "csrfToken", "callbackUrl", "json"]) {
    const values = body.getAll(name);
    if (values.length > 1 || (values.length === 0 && (name === "email" || name === "csrfToken"))) return null;
    if (values[0] !== undefined) fields.set(name, values[0]);
  }
  const email = normalizeEmail(fields.get("email"));
  return email ? { email, fields } : null;
}

export async function handleAuthPost(req: NextRequest, ctx: Ctx): Promise<Response> {
  const { nextauth } = await ctx.params;
  if (nextauth[0] === "callback") return NextResponse.json({ error: "Not found" }, { status: 404 });
  if (nextauth[0] !== "signin" || nextauth[1] !== "email") return nextAuth(req, ctx);

  const { publicUrl } = getConfig();
  const parsed = await readLinkRequest(req);
  if (!parsed) return NextResponse.json({ url: `${publicUrl}/sign-in/error?error=EmailSignin` }, { status: 400 });
  const { email, fields } = parsed;

  const started = Date.now();
  const { ip } = await getRequestInfo();
  const client = clientKey(ip);
  // Per client first, and counting stops at the first refusal: a flooding client spends only its own budget. The
  // per-address cap (bounded emails however many clients) does not apply to a browser this person signed in from.
  const checks: Array<[LimitName, string | null]> = [["linkPerIp", client], ["linkPerEmailPerIp", client ? `${email}|${client}` : email]];
  if (!knownDevice(req, email)) checks.push(["linkPerEmail", email]);
  const verdict = await consumeAttempt(checks);
  let response: Response;
  if (verdict.allowed) {
    const clean = new NextRequest(req.url, { method: "POST", headers: { "content-type": FORM_TYPE, cookie: req.headers.get("cookie") ?? "" }, body: fields.toString() });
    response = await nextAuth(clean, ctx);
  } else {
    if (verdict.firstRefusal) await recordAudit({ actor: null, action: "auth.rate-limited", ip, details: { email, what: "sign-in link", limit: verdict.limit } });
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
  // Only failed confirmations count: people sharing an address do not use up each other's sign-ins.
  if (await exhausted("confirmPerIp", clientKey(ip))) return NextResponse.redirect(new URL("/sign-in/error?error=RateLimited", publicUrl), 303);
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
    // An expired, used or forged link, or an account that may no longer sign in: counted, and audited while the
    // client is within its limit (so the log cannot be flooded).
    const verdict = await consumeAttempt([["confirmPerIp", clientKey(ip)]]);
    if (verdict.allowed || verdict.firstRefusal) {
      await recordAudit({ actor: null, action: "auth.sign-in.failed", ip, details: { email: normalizeEmail(email) ?? "(invalid)", reason: failure } });
    }
  }
  const out = NextResponse.redirect(location ? new URL(location, publicUrl) : new URL("/sign-in/error", publicUrl), 303);
  const setCookies = response.headers.getSetCookie();
  for (const setCookie of setCookies) out.headers.append("set-cookie", setCookie);
  // A link signs in exactly its own person: whoever was signed in on this browser before is signed out on the
  // server once the new session exists (a failed link leaves the current session alone).
  if (setCookies.some((c) => c.startsWith(`${sessionCookieName()}=`))) {
    if (current) await deleteSessionByToken(current, await getRequestInfo());
    const signedIn = normalizeEmail(email);
    if (signedIn) out.headers.append("set-cookie", knownDeviceCookie(signedIn));
  }
  return out;
}
