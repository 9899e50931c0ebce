"use server";
// The public report form and its confirmation link (issue 13, INTAKE). Both are public endpoints: anyone may call
// them, so each checks its input itself (the schema, the data layer's limits and the link's token).
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { parseForm, runAction } from "@/lib/server/action";
import { ValidationError, type ActionResult } from "@/lib/server/errors";
import { getRequestInfo, getViewer } from "@/lib/auth/viewer";
import { deleteSessionByToken } from "@/lib/auth/data";
import { secureCookies, sessionCookieName } from "@/lib/auth/cookies";
import { confirmReport, submitReport } from "./data";
import { REPORT_SENT, reportFormInput, ReportSubmissionSchema } from "./schemas";

/** Every accepted submission answers after at least this long, whatever the address (new, known, refused). */
const SUBMIT_MIN_MS = 600;

export async function submitReportAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const input = parseForm(ReportSubmissionSchema, reportFormInput(form));
    const started = Date.now();
    await submitReport(await getViewer(), input, await getRequestInfo());
    const wait = SUBMIT_MIN_MS - (Date.now() - started);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    return undefined;
  }, REPORT_SENT);
}

/**
 * POST from the confirmation page: confirms, signs the reporter in (the session cookie next-auth would set, for a
 * session made the way a magic link makes it), and opens the report in the reporter's area. Whoever was signed in on
 * this browser before is signed out on the server, as a sign-in link does.
 */
export async function confirmReportAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  let target: string | null = null;
  const result = await runAction(async () => {
    const token = form.get("token");
    if (typeof token !== "string" || token.length > 200) throw new ValidationError("This confirmation link is not complete. Open it again from the email.");
    const request = await getRequestInfo();
    const confirmed = await confirmReport(token, request);
    const reportPath = `/reporter/reports/${confirmed.reportId}`;
    if (!confirmed.session) {
      // Confirmed, but an existing member's or maintainer's account signs in through its own link (and factor).
      target = `/sign-in?${new URLSearchParams({ callbackUrl: reportPath })}`;
      return undefined;
    }
    const jar = await cookies();
    const previous = jar.get(sessionCookieName())?.value;
    if (previous) await deleteSessionByToken(previous, request);
    jar.set(sessionCookieName(), confirmed.session.token, { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies(), expires: confirmed.session.expires });
    target = reportPath;
    return undefined;
  });
  // Outside runAction: redirect() works by throwing.
  if (result.ok && target) redirect(target as never);
  return result;
}
