import "server-only";
// Sign-in links, sessions and first maintainers. next-auth's adapter (adapter.ts) and getViewer() both go through
// these functions, so there is one definition of "a valid session".
import { getDb } from "@/lib/server/db/client";
import { queryPrepared } from "@/lib/server/db/prepared";
import { Prisma } from "@/generated/prisma/client";
import { getConfig, type SessionLimits } from "@/lib/server/config";
import { NotFoundError } from "@/lib/server/errors";
import type { RequestInfo, SignedInViewer, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { sendMail } from "@/lib/mail/data";
import { normalizeEmail } from "./email";
import { mayEnter, maySignIn, sessionExpired, sessionLimits } from "./policy";
import { hashSessionToken } from "./tokens";
import { signInLinkMail } from "./mail-templates";

type Tx = Prisma.TransactionClient;

const ACCOUNT_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  status: true,
  emailVerified: true,
  totpEnabledAt: true,
  membership: { select: { isAdmin: true, organisation: { select: { id: true, name: true, status: true } } } },
} as const;

type AccountRow = Prisma.UserGetPayload<{ select: typeof ACCOUNT_SELECT }>;

function facts(account: AccountRow) {
  return { role: account.role, status: account.status, organisationStatus: account.membership?.organisation.status ?? null };
}

async function findAccount(email: string): Promise<AccountRow | null> {
  return getDb().user.findUnique({ where: { email }, select: ACCOUNT_SELECT });
}

/** The account behind an address, if it may sign in right now. */
export async function findEligibleAccount(rawEmail: string): Promise<AccountRow | null> {
  const email = normalizeEmail(rawEmail);
  if (!email) return null;
  const account = await findAccount(email);
  return account && maySignIn(facts(account)) ? account : null;
}

// ---- Sign-in links (next-auth Email provider) -------------------------------------------------------------------

/** Stores the (already hashed) token only for an eligible address: unknown addresses leave no row behind. */
export async function storeVerificationToken(token: { identifier: string; token: string; expires: Date }): Promise<void> {
  if (!(await findEligibleAccount(token.identifier))) return;
  await getDb().verificationToken.create({ data: token });
}

/** Single use: the row is deleted as it is read, so of ten concurrent uses exactly one gets it. */
export async function consumeVerificationToken(identifier: string, token: string) {
  const [row] = await getDb().$queryRaw<Array<{ identifier: string; token: string; expires: Date }>>`
    DELETE FROM "VerificationToken" WHERE identifier = ${identifier} AND token = ${token}
    RETURNING identifier, token, expires`;
  return row ?? null;
}

/** Retention: sign-in links past their expiry (a used link is deleted as it is used). Returns how many went. */
export async function deleteExpiredSignInLinks(now = new Date()): Promise<number> {
  return (await getDb().verificationToken.deleteMany({ where: { expires: { lte: now } } })).count;
}

/**
 * Retention: sessions that can no longer be used (sessionExpired: past their absolute end, or idle or open longer
 * than their role's limits allow). Returns how many went.
 */
export async function deleteEndedSessions(now = new Date()): Promise<number> {
  const { maintainer, vendor } = getConfig().sessions;
  const ended = (limits: SessionLimits) => [
    { lastSeenAt: { lte: new Date(now.getTime() - limits.idleMs) } },
    { createdAt: { lte: new Date(now.getTime() - limits.maxMs) } },
  ];
  const { count } = await getDb().session.deleteMany({
    where: {
      OR: [
        { absoluteExpiresAt: { lte: now } },
        { user: { role: "MAINTAINER" }, OR: ended(maintainer) },
        { user: { role: { not: "MAINTAINER" } }, OR: ended(vendor) },
      ],
    },
  });
  return count;
}

/**
 * Sends the link to an eligible address; for any other address nothing is sent. The caller answers the same either
 * way, and the email goes out in the background so the response time does not tell the two apart either.
 */
export async function deliverSignInLink(identifier: string, link: string, request: RequestInfo): Promise<void> {
  const account = await findEligibleAccount(identifier);
  await recordAudit({
    actor: account ? { id: account.id, email: account.email } : null,
    action: account ? "auth.link.requested" : "auth.link.refused",
    ip: request.ip,
    details: { email: normalizeEmail(identifier) ?? "(invalid)" },
  });
  if (!account) return;
  const mail = signInLinkMail({ to: account.email, link, name: account.name });
  // Signed like every email. While the project's key is unusable, maintainers' links go unsigned (saying why): they
  // are the ones who fix the key. Everyone else's link waits for the fix (nothing unsigned goes to vendors).
  void sendMail(mail, { unsignedWhenKeyUnusable: account.role === "MAINTAINER" }).catch((error: unknown) => console.error("[forewarn] sign-in email failed:", error instanceof Error ? error.message : error));
}

// ---- Sessions -------------------------------------------------------------------------------------------------

export async function getUserForAuth(where: { id: string } | { email: string }) {
  return getDb().user.findUnique({ where, select: { id: true, email: true, name: true, emailVerified: true } });
}

export async function markEmailVerified(userId: string): Promise<void> {
  await getDb().user.update({ where: { id: userId }, data: { emailVerified: new Date() } });
}

/** Creates the session row (token stored hashed) after a successful link; activates an invited person. */
export async function createSessionRecord(sessionToken: string, userId: string, request: RequestInfo) {
  const db = getDb();
  const account = await db.user.findUniqueOrThrow({ where: { id: userId }, select: ACCOUNT_SELECT });
  if (!maySignIn(facts(account))) throw new Error("account may not sign in");
  const limits = sessionLimits(account.role, getConfig().sessions);
  const now = new Date();
  const absoluteExpiresAt = new Date(now.getTime() + limits.maxMs);
  return db.$transaction(async (tx) => {
    const session = await tx.session.create({
      data: {
        sessionToken: hashSessionToken(sessionToken),
        userId,
        expires: absoluteExpiresAt,
        absoluteExpiresAt,
        ipAddress: request.ip,
        userAgent: request.userAgent?.slice(0, 300) ?? null,
      },
    });
    await tx.user.update({
      where: { id: userId },
      data: { lastSignInAt: now, emailVerified: account.emailVerified ?? now, ...(account.status === "INVITED" ? { status: "ACTIVE" } : {}) },
    });
    await recordAudit({ actor: { id: account.id, email: account.email }, action: "auth.sign-in", target: { type: "session", id: session.id }, ip: request.ip }, tx);
    return { ...session, sessionToken, expires: absoluteExpiresAt };
  });
}

/** A session with its person (ACCOUNT_SELECT's shape), as findSession reads it. */
export type ResolvedSession = {
  id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  absoluteExpiresAt: Date;
  expires: Date;
  secondFactorAt: Date | null;
  user: AccountRow;
};

const TOUCH_EVERY_MS = 60_000;

/** The session's own columns as ResolvedSession has them, and its person's beside them (one joined row). */
type SessionJoinRow = Omit<ResolvedSession, "user"> & {
  email: string;
  name: string | null;
  role: AccountRow["role"];
  status: AccountRow["status"];
  emailVerified: Date | null;
  totpEnabledAt: Date | null;
  isAdmin: boolean | null;
  organisationId: string | null;
  organisationName: string | null;
  organisationStatus: NonNullable<AccountRow["membership"]>["organisation"]["status"] | null;
};

/**
 * A session with its person, membership and organisation in one statement: every signed-in
 * request starts here, and the nested select costs a statement per relation.
 */
async function findSession(hashedToken: string): Promise<ResolvedSession | null> {
  const [row] = await queryPrepared<SessionJoinRow>(Prisma.sql`
    SELECT s."id", s."userId", s."createdAt", s."lastSeenAt", s."absoluteExpiresAt", s."expires", s."secondFactorAt",
           u."email", u."name", u."role"::text AS "role", u."status"::text AS "status", u."emailVerified", u."totpEnabledAt",
           m."isAdmin", o."id" AS "organisationId", o."name" AS "organisationName", o."status"::text AS "organisationStatus"
    FROM "Session" s
    JOIN "User" u ON u."id" = s."userId"
    LEFT JOIN "Membership" m ON m."userId" = u."id"
    LEFT JOIN "Organisation" o ON o."id" = m."organisationId"
    WHERE s."sessionToken" = ${hashedToken}`);
  if (!row) return null;
  const membership = row.organisationId && row.organisationName !== null && row.organisationStatus !== null
    ? { isAdmin: row.isAdmin === true, organisation: { id: row.organisationId, name: row.organisationName, status: row.organisationStatus } }
    : null;
  return {
    id: row.id,
    userId: row.userId,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    absoluteExpiresAt: row.absoluteExpiresAt,
    expires: row.expires,
    secondFactorAt: row.secondFactorAt,
    user: { id: row.userId, email: row.email, name: row.name, role: row.role, status: row.status, emailVerified: row.emailVerified, totpEnabledAt: row.totpEnabledAt, membership },
  };
}

/**
 * The one definition of a valid session: the row exists, neither idle nor absolute limit has passed, and the person
 * and their organisation may still sign in. Anything else deletes the row and answers null.
 */
export async function resolveSession(sessionToken: string | undefined | null): Promise<ResolvedSession | null> {
  if (!sessionToken || sessionToken.length > 200) return null;
  const db = getDb();
  const session = await findSession(hashSessionToken(sessionToken));
  if (!session) return null;
  const now = new Date();
  const limits = sessionLimits(session.user.role, getConfig().sessions);
  if (sessionExpired(session, limits, now) || !maySignIn(facts(session.user))) {
    await db.session.deleteMany({ where: { id: session.id } });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.session.updateMany({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return session;
}

export function viewerFromSession(session: ResolvedSession): SignedInViewer | null {
  const { user } = session;
  const base = {
    userId: user.id,
    email: user.email,
    name: user.name,
    sessionId: session.id,
    secondFactor: session.secondFactorAt !== null,
    totpEnrolled: user.totpEnabledAt !== null,
  };
  if (user.role === "MAINTAINER") return { ...base, kind: "maintainer" };
  if (user.role === "REPORTER") return { ...base, kind: "reporter" };
  const org = user.membership?.organisation;
  if (!org) return null;
  return { ...base, kind: "vendor", organisationId: org.id, organisationName: org.name, orgAdmin: user.membership?.isAdmin === true };
}

export async function deleteSessionByToken(sessionToken: string, request: RequestInfo): Promise<void> {
  const db = getDb();
  const session = await db.session.findUnique({ where: { sessionToken: hashSessionToken(sessionToken) }, select: { id: true, user: { select: { id: true, email: true } } } });
  if (!session) return;
  await db.$transaction(async (tx) => {
    await tx.session.deleteMany({ where: { id: session.id } });
    await recordAudit({ actor: session.user, action: "auth.sign-out", target: { type: "session", id: session.id }, ip: request.ip }, tx);
  });
}

/**
 * Ends every way a person is signed in, in the caller's transaction (suspension, removal): their sessions, their API
 * tokens and their calendar feed, for good. Tokens and feeds are re-checked on every use anyway, but a member who
 * comes back makes new ones rather than finding old secrets alive again. (The tables belong to lib/tokens, which sits
 * above auth; ending them here keeps the dependency pointing down.)
 */
export async function revokeSessions(tx: Tx, userIds: string[]): Promise<number> {
  if (userIds.length === 0) return 0;
  await tx.apiToken.updateMany({ where: { userId: { in: userIds }, revokedAt: null }, data: { revokedAt: new Date() } });
  await tx.calendarFeed.deleteMany({ where: { userId: { in: userIds } } });
  return (await tx.session.deleteMany({ where: { userId: { in: userIds } } })).count;
}

export type MySession = { id: string; createdAt: Date; lastSeenAt: Date; absoluteExpiresAt: Date; ipAddress: string | null; userAgent: string | null; current: boolean };

/** Account pages need the second factor where it is required (same rule as the pages themselves). */
function accountHolder(viewer: Viewer): SignedInViewer {
  if (viewer.kind === "anonymous" || !mayEnter(viewer, "account", getConfig().requireVendorTotp)) throw new NotFoundError();
  return viewer;
}

export async function listMySessions(viewer: Viewer): Promise<MySession[]> {
  const me = accountHolder(viewer);
  const rows = await getDb().session.findMany({
    where: { userId: me.userId },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, absoluteExpiresAt: true, ipAddress: true, userAgent: true },
  });
  return rows.map((r) => ({ ...r, current: r.id === me.sessionId }));
}

/** Ends one of the viewer's own sessions (scoped by owner: another person's session id is simply not found). */
export async function endMySession(viewer: Viewer, sessionId: string, request: RequestInfo): Promise<void> {
  const me = accountHolder(viewer);
  const db = getDb();
  await db.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { id: sessionId, userId: me.userId } });
    if (count === 0) throw new NotFoundError();
    await recordAudit({ actor: { id: me.userId, email: me.email }, action: "auth.session.ended", target: { type: "session", id: sessionId }, ip: request.ip }, tx);
  });
}

// ---- First maintainers ----------------------------------------------------------------------------------------

/**
 * FOREWARN_ADMIN_EMAILS at start-up: listed addresses become maintainers if nobody has them yet. Safe when several
 * instances start together: the insert skips an address another instance took meanwhile (ON CONFLICT DO NOTHING, which
 * waits for that instance's transaction), and only the rows this call inserted are audited and reported as created.
 */
export async function bootstrapMaintainers(rawEmails: string[]): Promise<{ created: string[]; skipped: string[] }> {
  const created: string[] = [];
  const skipped: string[] = [];
  for (const raw of rawEmails) {
    const email = normalizeEmail(raw);
    if (!email) {
      skipped.push(`${raw} (not a valid address)`);
      continue;
    }
    const existing = await getDb().user.findUnique({ where: { email }, select: { role: true } });
    if (existing) {
      if (existing.role !== "MAINTAINER") skipped.push(`${email} (already a vendor member)`);
      continue;
    }
    const inserted = await getDb().$transaction(async (tx) => {
      const [user] = await tx.user.createManyAndReturn({ data: [{ email, role: "MAINTAINER", status: "ACTIVE" }], skipDuplicates: true, select: { id: true } });
      if (user) await recordAudit({ actor: null, action: "auth.maintainer.bootstrapped", target: { type: "user", id: user.id }, details: { email, source: "FOREWARN_ADMIN_EMAILS" } }, tx);
      return user !== undefined;
    });
    if (inserted) created.push(email);
  }
  return { created, skipped };
}
