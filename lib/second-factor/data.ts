import "server-only";
// TOTP (RFC 6238) enrolment and verification, and single-use recovery codes. Secrets are encrypted at rest, codes
// are accepted once (the last time step is kept), and attempts are rate-limited per person and per client.
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { getDb } from "@/lib/server/db/client";
import { getInstanceSecret } from "@/lib/server/config";
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, ValidationError } from "@/lib/server/errors";
import type { RequestInfo, SignedInViewer, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { blockedFor, consumeAttempt } from "@/lib/rate-limit/data";
import { clientKey } from "@/lib/rate-limit/policy";
import { decryptSecret, encryptSecret, generateRecoveryCodes, hashRecoveryCode } from "@/lib/auth/tokens";
import { prepareDispatch } from "@/lib/mail/data";
import { secondFactorEnrolledMail } from "@/lib/auth/mail-templates";
import { mayManageOwnSecondFactor, mayRegenerateRecoveryCodes } from "./policy";

const ISSUER = "Forewarn";
const ENROL_WINDOW_MS = 15 * 60_000;

function signedIn(viewer: Viewer): SignedInViewer {
  if (!mayManageOwnSecondFactor(viewer) || viewer.kind === "anonymous") throw new NotFoundError();
  return viewer;
}

export type Enrolment = { enrolled: true } | { enrolled: false; secret: string; qrDataUrl: string };

/**
 * For the enrolment page: a secret being set up and its QR code. It belongs to this session alone (kept until
 * confirmed, so a reload shows the same code): another session of the same person, say one opened from an
 * intercepted link, never sees it.
 */
export async function getEnrolment(viewer: Viewer): Promise<Enrolment> {
  const me = signedIn(viewer);
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: me.userId }, select: { totpEnabledAt: true } });
  if (user.totpEnabledAt) return { enrolled: true };
  const session = await db.session.findFirst({ where: { id: me.sessionId, userId: me.userId }, select: { totpPendingSecret: true } });
  if (!session) throw new NotFoundError();
  let secret = session.totpPendingSecret ? decryptSecret(getInstanceSecret(), session.totpPendingSecret) : null;
  if (!secret) {
    secret = generateSecret();
    await db.session.updateMany({ where: { id: me.sessionId, userId: me.userId }, data: { totpPendingSecret: encryptSecret(getInstanceSecret(), secret) } });
  }
  const uri = generateURI({ issuer: ISSUER, label: me.email, secret });
  const qrDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 1, width: 220 });
  return { enrolled: false, secret, qrDataUrl };
}

/**
 * Per person every attempt counts, and successes do not reset the counter: a person's own sign-ins must not hand an
 * attacker fresh guesses. Per client address only wrong codes count (checked first, charged by `charge` on a miss):
 * a whole company may sit behind one NAT address, and thirty colleagues signing in at nine must not lock it out.
 */
async function limit(me: SignedInViewer, request: RequestInfo): Promise<void> {
  const ipWait = await blockedFor("secondFactorPerIp", clientKey(request.ip));
  if (ipWait !== null) throw new RateLimitedError(ipWait);
  const verdict = await consumeAttempt([["secondFactorPerUser", me.userId]]);
  if (!verdict.allowed) {
    if (verdict.firstRefusal) await recordAudit({ actor: { id: me.userId, email: me.email }, action: "auth.rate-limited", ip: request.ip, details: { what: "second factor" } });
    throw new RateLimitedError(verdict.retryAfterSeconds);
  }
}

/** A wrong code or recovery code: counted against the client address. */
async function charge(me: SignedInViewer, request: RequestInfo): Promise<void> {
  const verdict = await consumeAttempt([["secondFactorPerIp", clientKey(request.ip)]]);
  if (!verdict.allowed && verdict.firstRefusal) await recordAudit({ actor: { id: me.userId, email: me.email }, action: "auth.rate-limited", ip: request.ip, details: { what: "second factor" } });
}

/** Checks a code against a secret without recording anything (enrolment records the step when it commits). */
async function codeStep(sealed: string, lastStep: number | null, code: string): Promise<number | null> {
  const result = await verify({
    secret: decryptSecret(getInstanceSecret(), sealed),
    token: code,
    epochTolerance: 30,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

/** Checks a code against the secret; accepts each time step once. Returns the step, or null. */
async function acceptCode(userId: string, sealed: string, lastStep: number | null, code: string): Promise<number | null> {
  const step = await codeStep(sealed, lastStep, code);
  if (step === null) return null;
  // Two requests with the same code at once: only the first moves the step forward.
  const { count } = await getDb().user.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return count === 1 ? step : null;
}

async function markSessionVerified(me: SignedInViewer): Promise<void> {
  await getDb().session.updateMany({ where: { id: me.sessionId, userId: me.userId }, data: { secondFactorAt: new Date() } });
}

/** Confirms enrolment with a first code; returns the recovery codes (shown once, stored hashed). */
export async function confirmEnrolment(viewer: Viewer, code: string, request: RequestInfo): Promise<string[]> {
  const me = signedIn(viewer);
  await limit(me, request);
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: me.userId }, select: { totpEnabledAt: true, totpLastStep: true } });
  if (user.totpEnabledAt) throw new ConflictError("A second factor is already set up for this account.");
  const session = await db.session.findFirst({ where: { id: me.sessionId, userId: me.userId }, select: { totpPendingSecret: true, createdAt: true } });
  const pending = session?.totpPendingSecret;
  if (!pending) throw new ValidationError("Open the set-up page again to get a new code.");
  // Set-up belongs right after a sign-in: a session kept open for hours (or opened from an old, intercepted link
  // and left waiting) cannot claim the second factor later.
  if (Date.now() - session.createdAt.getTime() > ENROL_WINDOW_MS) {
    throw new ForbiddenError("Setting up a second factor must happen within 15 minutes of signing in. Sign out, sign in again, and set it up straight away.");
  }
  const step = await codeStep(pending, user.totpLastStep, code);
  if (step === null) {
    await charge(me, request);
    await recordAudit({ actor: { id: me.userId, email: me.email }, action: "auth.totp.failed", ip: request.ip, details: { during: "enrolment" } });
    throw new ValidationError("That code did not match. Check the time on your phone and enter the current code.", { code: ["Code did not match."] });
  }
  const codes = generateRecoveryCodes();
  const secret = getInstanceSecret();
  // The person hears about it (through the outbox, with the change): if it was not them, they tell the maintainers.
  const notice = secondFactorEnrolledMail({ to: me.email, at: new Date(), ip: request.ip });
  const outbox = await prepareDispatch({ purpose: "auth.second-factor-notice", label: `Second-factor notice to ${me.email}`, createdById: me.userId, emails: [{ to: notice.to, subject: notice.subject, text: notice.text }] });
  await db.$transaction(async (tx) => {
    // Only if nobody enrolled meanwhile (another session of the same person).
    const { count } = await tx.user.updateMany({ where: { id: me.userId, totpEnabledAt: null }, data: { totpSecret: pending, totpEnabledAt: new Date(), totpLastStep: step } });
    if (count !== 1) throw new ConflictError("A second factor is already set up for this account.");
    await tx.recoveryCode.deleteMany({ where: { userId: me.userId } });
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId: me.userId, codeHash: hashRecoveryCode(secret, c) })) });
    await tx.session.updateMany({ where: { id: me.sessionId, userId: me.userId }, data: { secondFactorAt: new Date(), totpPendingSecret: null } });
    // Other sessions of this person that never passed a second factor end here: from now on every session needs it.
    await tx.session.deleteMany({ where: { userId: me.userId, id: { not: me.sessionId }, secondFactorAt: null } });
    await recordAudit({ actor: { id: me.userId, email: me.email }, action: "auth.totp.enrolled", target: { type: "user", id: me.userId }, ip: request.ip }, tx);
    await outbox.write(tx);
  });
  return codes;
}

export async function verifyTotp(viewer: Viewer, code: string, request: RequestInfo): Promise<void> {
  const me = signedIn(viewer);
  await limit(me, request);
  const user = await getDb().user.findUniqueOrThrow({ where: { id: me.userId }, select: { totpSecret: true, totpEnabledAt: true, totpLastStep: true } });
  if (!user.totpEnabledAt || !user.totpSecret) throw new ForbiddenError("Set up your second factor first.");
  const step = await acceptCode(me.userId, user.totpSecret, user.totpLastStep, code);
  if (step === null) {
    await charge(me, request);
    await recordAudit({ actor: { id: me.userId, email: me.email }, action: "auth.totp.failed", ip: request.ip });
    throw new ValidationError("That code did not match, or was already used. Enter the next code your app shows.", { code: ["Code did not match."] });
  }
  await markSessionVerified(me);
  await recordAudit({ actor: { id: me.userId, email: me.email }, action: "auth.totp.verified", target: { type: "session", id: me.sessionId }, ip: request.ip });
}

export async function redeemRecoveryCode(viewer: Viewer, code: string, request: RequestInfo): Promise<number> {
  const me = signedIn(viewer);
  await limit(me, request);
  const db = getDb();
  const { count } = await db.recoveryCode.updateMany({
    where: { userId: me.userId, codeHash: hashRecoveryCode(getInstanceSecret(), code), usedAt: null },
    data: { usedAt: new Date() },
  });
  if (count !== 1) {
    await charge(me, request);
    await recordAudit({ actor: { id: me.userId, email: me.email }, action: "auth.totp.failed", ip: request.ip, details: { with: "recovery code" } });
    throw new ValidationError("That recovery code is not valid or was already used.", { recoveryCode: ["Not valid or already used."] });
  }
  await markSessionVerified(me);
  const left = await db.recoveryCode.count({ where: { userId: me.userId, usedAt: null } });
  await recordAudit({ actor: { id: me.userId, email: me.email }, action: "auth.recovery-code.used", ip: request.ip, details: { remaining: left } });
  return left;
}

export async function regenerateRecoveryCodes(viewer: Viewer, request: RequestInfo): Promise<string[]> {
  if (!mayRegenerateRecoveryCodes(viewer) || viewer.kind === "anonymous") throw new NotFoundError();
  const codes = generateRecoveryCodes();
  const secret = getInstanceSecret();
  await getDb().$transaction(async (tx) => {
    await tx.recoveryCode.deleteMany({ where: { userId: viewer.userId } });
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId: viewer.userId, codeHash: hashRecoveryCode(secret, c) })) });
    await recordAudit({ actor: { id: viewer.userId, email: viewer.email }, action: "auth.recovery-codes.regenerated", ip: request.ip }, tx);
  });
  return codes;
}

export async function recoveryCodesLeft(viewer: Viewer): Promise<number> {
  if (!mayManageOwnSecondFactor(viewer) || viewer.kind === "anonymous") throw new NotFoundError();
  return getDb().recoveryCode.count({ where: { userId: viewer.userId, usedAt: null } });
}
