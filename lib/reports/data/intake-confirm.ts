import "server-only";
// The confirmation link of a report (contract of issue 13): GET shows a page and changes nothing (mail scanners follow
// links); the POST confirms — the report becomes RECEIVED and reaches the maintainers, its clock starts — and signs
// the reporter in with a session made exactly as a magic link makes it (lib/auth createSessionRecord). A link works
// once and for a day. The hourly sweep deletes reports nobody confirmed within the day.
import { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import { ValidationError } from "@/lib/server/errors";
import type { RequestInfo } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { prepareDispatch } from "@/lib/mail/data";
import { createSessionRecord } from "@/lib/auth/data";
import { randomToken } from "@/lib/auth/tokens";
import { getProjectSettings } from "@/lib/settings/data";
import { CONFIRM_HOURS, newReportMail } from "../mail-intake";
import { maintainerAddresses, reportTopic } from "./shared";
import { hashConfirmToken } from "./intake";

export type ConfirmationState = { state: "ready"; reference: string } | { state: "expired" } | { state: "unknown" };

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export const CONFIRM_ERRORS = {
  unknown: "This confirmation link was already used, or it is not a link we sent. If you confirmed already, sign in with your email address to follow your report.",
  expired: `This confirmation link expired (links work for ${CONFIRM_HOURS} hours). The report was not sent to the maintainers and will be deleted: please send it again.`,
} as const;

async function findPending(token: string) {
  if (!TOKEN.test(token)) return null;
  return getDb().report.findUnique({ where: { confirmTokenHash: hashConfirmToken(token) }, select: { id: true, reference: true, status: true, reporterId: true, confirmExpiresAt: true } });
}

/** What the link's page shows (read-only). */
export async function getReportConfirmation(token: string, now = new Date()): Promise<ConfirmationState> {
  const report = await findPending(token);
  if (!report || report.status !== "UNCONFIRMED") return { state: "unknown" };
  if (!report.confirmExpiresAt || report.confirmExpiresAt <= now) return { state: "expired" };
  return { state: "ready", reference: report.reference };
}

/** `session` is null when the address belongs to a vendor member or maintainer: they sign in the ordinary way. */
export type ConfirmedReport = { reportId: string; reference: string; session: { token: string; expires: Date } | null };

/**
 * Confirms the report and opens a session for its reporter. Of two uses of one link (twice, or at once), exactly one
 * confirms: the conditional update below is the gate, and the second answers "already used".
 */
export async function confirmReport(token: string, request: RequestInfo, now = new Date()): Promise<ConfirmedReport> {
  const report = await findPending(token);
  if (!report || report.status !== "UNCONFIRMED") throw new ValidationError(CONFIRM_ERRORS.unknown);
  if (!report.confirmExpiresAt || report.confirmExpiresAt <= now) throw new ValidationError(CONFIRM_ERRORS.expired);
  const db = getDb();
  const settings = await getProjectSettings();
  const maintainers = await maintainerAddresses();
  const link = `${getConfig().publicUrl}/maintainer/reports/${report.id}`;
  const outbox = await prepareDispatch({
    purpose: "report.received",
    label: `${report.reference}: new report`,
    topic: reportTopic(report.id),
    emails: maintainers.map((to) => newReportMail({ to, reference: report.reference, link, targetHours: settings.acknowledgeTargetHours })),
  });
  const reporter = await db.$transaction(async (tx) => {
    const { count } = await tx.report.updateMany({
      where: { id: report.id, status: "UNCONFIRMED", confirmTokenHash: hashConfirmToken(token), confirmExpiresAt: { gt: now } },
      data: { status: "RECEIVED", confirmedAt: now, confirmTokenHash: null, confirmExpiresAt: null },
    });
    if (count !== 1) throw new ValidationError(CONFIRM_ERRORS.unknown);
    await tx.reportUpdate.create({ data: { reportId: report.id, kind: "STATUS", status: "RECEIVED", at: now } });
    // The address is proven: a reporter account made for this report may sign in from now on.
    await tx.user.updateMany({ where: { id: report.reporterId, role: "REPORTER", status: "INVITED" }, data: { status: "ACTIVE" } });
    await outbox.write(tx);
    const user = await tx.user.findUniqueOrThrow({ where: { id: report.reporterId }, select: { id: true, email: true, role: true } });
    await recordAudit({ actor: { id: user.id, email: user.email }, action: "report.confirmed", target: { type: "report", id: report.id }, ip: request.ip, details: { reference: report.reference } }, tx);
    return user;
  });
  // Only a reporter's own account is signed in by this link. A vendor member's or maintainer's address may be named
  // by anyone on the public form: a day-long link must not become a way into their account (sign-in links live ten
  // minutes and have their own limits), so they confirm the report here and sign in the ordinary way.
  if (reporter.role !== "REPORTER") return { reportId: report.id, reference: report.reference, session: null };
  // The session, as a magic link makes it (hashed token, the role's limits, INVITED → ACTIVE, audited "auth.sign-in").
  const sessionToken = randomToken(32);
  const session = await createSessionRecord(sessionToken, reporter.id, request);
  return { reportId: report.id, reference: report.reference, session: { token: sessionToken, expires: session.expires } };
}

/**
 * Hourly: deletes reports left unconfirmed for a day (their link has expired), and the reporter account made for them
 * when it holds nothing else and never signed in. Audited by id and reference only.
 */
export async function deleteUnconfirmedReports(now = new Date()): Promise<number> {
  const db = getDb();
  const cutoff = new Date(now.getTime() - CONFIRM_HOURS * 3_600_000);
  const stale = await db.report.findMany({ where: { status: "UNCONFIRMED", submittedAt: { lt: cutoff } }, select: { id: true, reference: true, reporterId: true }, take: 500 });
  for (const report of stale) {
    await db.$transaction(async (tx) => {
      const { count } = await tx.report.deleteMany({ where: { id: report.id, status: "UNCONFIRMED" } });
      if (count === 0) return;
      const account = await tx.user.deleteMany({ where: { id: report.reporterId, role: "REPORTER", status: "INVITED", lastSignInAt: null, reports: { none: {} } } });
      await recordAudit({ actor: null, action: "report.deleted-unconfirmed", target: { type: "report", id: report.id }, details: { reference: report.reference, accountDeleted: account.count === 1 } }, tx);
    });
  }
  return stale.length;
}
