import "server-only";
// The vendor portal's data: the notices addressed to the viewer's organisation, the embargo terms, the full notice,
// acknowledgements, feedback and statements. Everything goes through noticeScope/recipientScope (../policy.ts): a
// notice not addressed to the viewer's organisation, or any notice while the organisation or the member is not
// active, is "not found" — the same answer as a notice that does not exist.
import { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import type { RequestInfo, VendorViewer, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { noticeScope, recipientScope, vendorMayRespond } from "../policy";
import { noticeCopyCode } from "../copy-marks";
import { NOTICE_SELECT } from "./drafts";
import { copyDigestsFor } from "./marked-copies";
import { actor, vendorOnly } from "./shared";

/**
 * The viewer's organisation's recipient row of a notice it may see, and whether this member accepted the notice's
 * embargo terms; or NotFoundError.
 */
async function myRecipient(viewer: VendorViewer, noticeId: string) {
  const scope = noticeScope(viewer);
  if (!scope) throw new NotFoundError();
  const recipient = await getDb().noticeRecipient.findFirst({
    where: { noticeId, ...recipientScope(viewer), notice: scope },
    select: { id: true, acknowledgedAt: true, firstViewedAt: true, notice: { select: { state: true, reference: true } }, termsAcceptances: { where: { userId: viewer.userId }, select: { id: true }, take: 1 } },
  });
  if (!recipient) throw new NotFoundError();
  const { termsAcceptances, ...rest } = recipient;
  return { ...rest, termsAccepted: termsAcceptances.length > 0 };
}

export type VendorNoticeRow = {
  id: string;
  reference: string;
  /** Only once this member accepted the notice's terms. */
  title: string | null;
  /** This member accepted the notice's embargo terms (the full notice is theirs to read). */
  termsAccepted: boolean;
  state: string;
  disclosureAt: Date;
  acknowledgedAt: Date | null;
};

export async function listVendorNotices(viewer: Viewer): Promise<VendorNoticeRow[]> {
  const me = vendorOnly(viewer);
  const scope = noticeScope(me);
  if (!scope) return [];
  const rows = await getDb().notice.findMany({
    where: scope,
    orderBy: { disclosureAt: "desc" },
    take: 200,
    select: {
      id: true,
      reference: true,
      title: true,
      state: true,
      disclosureAt: true,
      recipients: { where: recipientScope(me), select: { acknowledgedAt: true, termsAcceptances: { where: { userId: me.userId }, select: { id: true } } } },
    },
  });
  return rows.map((n) => {
    const mine = n.recipients[0];
    const termsAccepted = !!mine?.termsAcceptances.length;
    return { id: n.id, reference: n.reference, title: termsAccepted ? n.title : null, termsAccepted, state: n.state, disclosureAt: n.disclosureAt, acknowledgedAt: mine?.acknowledgedAt ?? null };
  });
}

type FullNoticeRow = Record<keyof typeof NOTICE_SELECT, unknown> & {
  attachments: Array<{ id: string; filename: string; contentType: string; size: number; sha256: string; createdAt: string }>;
  revisions: Array<{ number: number; changeNote: string; changes: unknown; at: string }>;
  acknowledgedAt: Date | null;
  acknowledgedById: string | null;
  feedback: string | null;
  statement: string | null;
  statementComment: string | null;
  updates: Array<{ userId: string; feedback: string | null; statement: string | null; comment: string; at: string }>;
  messages: Array<{ id: string; authorId: string; fromMaintainer: boolean; body: string; at: string }>;
  people: Array<{ id: string; email: string; name: string | null }>;
};

type NoticeFields = Prisma.NoticeGetPayload<{ select: typeof NOTICE_SELECT }>;

// The notice's own columns, as NOTICE_SELECT names them (a field added there is read here too); enums as text.
const NOTICE_COLUMNS = Prisma.join(Object.keys(NOTICE_SELECT).map((key) => Prisma.raw(key === "state" || key === "severity" ? `n."${key}"::text AS "${key}"` : `n."${key}"`)));

/**
 * Everything the full notice page shows, in ONE statement: the notice with its attachments (without their bytes) and
 * revisions, and the viewer's own organisation's side — its acknowledgement, feedback history (newest 50), thread
 * (first 500) and the names of its members in them. `recipientId` comes from the scoped read (myRecipient or
 * getVendorNotice's), never from the request.
 */
async function readFullNotice(noticeId: string, recipientId: string) {
  const [row] = await getDb().$queryRaw<FullNoticeRow[]>`
    SELECT ${NOTICE_COLUMNS},
      (SELECT COALESCE(json_agg(json_build_object('id', a."id", 'filename', a."filename", 'contentType', a."contentType", 'size', a."size", 'sha256', a."sha256", 'createdAt', a."createdAt") ORDER BY a."createdAt", a."id"), '[]'::json)
         FROM "NoticeAttachment" a WHERE a."noticeId" = n."id") AS "attachments",
      (SELECT COALESCE(json_agg(json_build_object('number', v."number", 'changeNote', v."changeNote", 'changes', v."changes", 'at', v."at") ORDER BY v."number" DESC), '[]'::json)
         FROM "NoticeRevision" v WHERE v."noticeId" = n."id") AS "revisions",
      r."acknowledgedAt", r."acknowledgedById", r."feedback"::text AS "feedback", r."statement"::text AS "statement", r."statementComment",
      (SELECT COALESCE(json_agg(u ORDER BY u."at" DESC), '[]'::json) FROM (
         SELECT x."userId", x."feedback"::text AS "feedback", x."statement"::text AS "statement", x."comment", x."at"
         FROM "RecipientUpdate" x WHERE x."recipientId" = r."id" ORDER BY x."at" DESC LIMIT 50) u) AS "updates",
      (SELECT COALESCE(json_agg(m ORDER BY m."at"), '[]'::json) FROM (
         SELECT y."id", y."authorId", y."fromMaintainer", y."body", y."at"
         FROM "NoticeMessage" y WHERE y."recipientId" = r."id" ORDER BY y."at" LIMIT 500) m) AS "messages",
      (SELECT COALESCE(json_agg(json_build_object('id', p."id", 'email', p."email", 'name', p."name")), '[]'::json)
         FROM "User" p WHERE p."id" IN (
           SELECT r."acknowledgedById"
           UNION SELECT k."userId" FROM "NoticeAcknowledgement" k WHERE k."recipientId" = r."id"
           UNION SELECT x."userId" FROM "RecipientUpdate" x WHERE x."recipientId" = r."id"
           UNION SELECT y."authorId" FROM "NoticeMessage" y WHERE y."recipientId" = r."id" AND NOT y."fromMaintainer")) AS "people"
    FROM "Notice" n JOIN "NoticeRecipient" r ON r."noticeId" = n."id" AND r."id" = ${recipientId}
    WHERE n."id" = ${noticeId}`;
  if (!row) throw new NotFoundError();
  const { attachments, revisions, acknowledgedAt, acknowledgedById, feedback, statement, statementComment, updates, messages, people, ...fields } = row;
  const notice = fields as unknown as NoticeFields;
  // The history of changes never names a reporter (they may have opted out before or after): it says "changed".
  const history = revisions.map((r) => {
    const changes = { ...((r.changes ?? {}) as Record<string, unknown>) };
    for (const field of ["reporterCredit", "reporterOptOut"]) if (field in changes) changes[field] = ["…", "…"];
    return { number: r.number, changeNote: r.changeNote, changes, at: new Date(r.at) };
  });
  // Names of the people involved: this organisation's members, and "the maintainers" for the other side.
  const who = new Map(people.map((p) => [p.id, p.name ?? p.email]));
  return {
    notice: {
      ...notice,
      reporterCredit: notice.reporterOptOut ? null : notice.reporterCredit,
      attachments: attachments.map((a) => ({ ...a, createdAt: new Date(a.createdAt) })),
      revisions: history,
    },
    recipient: {
      acknowledgedAt,
      acknowledgedBy: acknowledgedById ? (who.get(acknowledgedById) ?? null) : null,
      feedback,
      statement,
      statementComment,
      history: updates.map((u) => ({ by: who.get(u.userId) ?? "a member", feedback: u.feedback, statement: u.statement, comment: u.comment, at: new Date(u.at) })),
      messages: messages.map((m) => ({ id: m.id, from: m.fromMaintainer ? "The maintainers" : (who.get(m.authorId) ?? "a member"), fromMaintainer: m.fromMaintainer, body: m.body, at: new Date(m.at) })),
    },
  };
}

type FullNotice = Awaited<ReturnType<typeof readFullNotice>>;

export type VendorNotice =
  | { view: "terms"; id: string; reference: string; state: string; disclosureAt: Date; disclosedAt: Date | null; deployBeforeDisclosure: boolean; patchEmbargoed: boolean; embargoNotes: string }
  | { view: "full"; notice: FullNotice["notice"] & { copyMark: string | null; attachments: Array<FullNotice["notice"]["attachments"][number] & { yourCopy: boolean }> }; recipient: FullNotice["recipient"] };

/**
 * A notice for a vendor member: the embargo terms until they accept them, then everything (recorded as a view, and
 * the organisation's first view). Three statements for a view after the first: the scoped read, the audit event
 * (committed before anything of the content is read or sent) and the content (readFullNotice). `form`: where the copy
 * is served — the page or the API: under embargo its `copyMark` is the code of this organisation's copy in that form
 * (leak tracing, ../copy-marks.ts; computed, never stored), which the page and the API weave into the prose.
 */
export async function getVendorNotice(viewer: Viewer, noticeId: string, request: RequestInfo, form: "page" | "api" = "page"): Promise<VendorNotice> {
  const me = vendorOnly(viewer);
  const scope = noticeScope(me);
  if (!scope) throw new NotFoundError();
  const db = getDb();
  // Scoped by the policy; whether this member accepted the terms is a count in the same statement.
  const recipient = await db.noticeRecipient.findFirst({
    where: { noticeId, ...recipientScope(me), notice: scope },
    select: { id: true, firstViewedAt: true, _count: { select: { termsAcceptances: { where: { userId: me.userId } } } } },
  });
  if (!recipient) throw new NotFoundError();
  if (recipient._count.termsAcceptances === 0) {
    const n = await db.notice.findUniqueOrThrow({ where: { id: noticeId }, select: { id: true, reference: true, state: true, disclosureAt: true, disclosedAt: true, deployBeforeDisclosure: true, patchEmbargoed: true, embargoNotes: true } });
    return { view: "terms", ...n };
  }
  // Written once per organisation, not on every view (the guard keeps a concurrent first view from overwriting it).
  if (!recipient.firstViewedAt) await db.noticeRecipient.updateMany({ where: { id: recipient.id, firstViewedAt: null }, data: { firstViewedAt: new Date() } });
  await recordAudit({ actor: actor(me), action: "notice.viewed", target: { type: "notice", id: noticeId }, ip: request.ip, details: { organisationId: me.organisationId } });
  const full = await readFullNotice(noticeId, recipient.id);
  const notice = { ...full.notice, copyMark: noticeCopyCode(form, full.notice, me.organisationId), attachments: await yourCopies(full.notice, me) };
  return { view: "full", notice, recipient: full.recipient };
}

/**
 * While the notice is under embargo, the files as this member will download them: their own marked copies
 * (marked-copies.ts), with that copy's hash and size — cached in the process, so a view reads file bytes only on a miss.
 */
async function yourCopies(notice: FullNotice["notice"], me: VendorViewer): Promise<Array<FullNotice["notice"]["attachments"][number] & { yourCopy: boolean }>> {
  if (notice.state !== "EMBARGOED" || notice.attachments.length === 0) return notice.attachments.map((a) => ({ ...a, yourCopy: false }));
  const digests = await copyDigestsFor(notice.attachments, { noticeId: notice.id, organisationId: me.organisationId, userId: me.userId });
  return notice.attachments.map((a) => {
    const copy = digests.get(a.id);
    return copy?.marked ? { ...a, sha256: copy.sha256, size: copy.size, yourCopy: true } : { ...a, yourCopy: false };
  });
}

/** Accepting the embargo terms of one notice (logged once; accepting again is harmless). */
export async function acceptNoticeTerms(viewer: Viewer, noticeId: string, request: RequestInfo): Promise<void> {
  const me = vendorOnly(viewer);
  const recipient = await myRecipient(me, noticeId);
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.noticeTermsAcceptance.createMany({ data: [{ recipientId: recipient.id, userId: me.userId }], skipDuplicates: true });
    if (count === 1) await recordAudit({ actor: actor(me), action: "notice.terms-accepted", target: { type: "notice", id: noticeId }, ip: request.ip, details: { organisationId: me.organisationId } }, tx);
  });
}

export async function readyToRespond(me: VendorViewer, noticeId: string, request: RequestInfo, what: "acknowledge" | "update") {
  let recipient;
  try {
    recipient = await myRecipient(me, noticeId);
  } catch (error) {
    // Someone posting for a notice their organisation was not sent (or another organisation's): refused and recorded.
    if (error instanceof NotFoundError && what === "acknowledge") {
      await recordAudit({ actor: actor(me), action: "notice.acknowledge-refused", target: { type: "notice", id: noticeId.slice(0, 64) }, ip: request.ip, details: { organisationId: me.organisationId } });
    }
    throw error;
  }
  if (!vendorMayRespond(recipient.notice.state)) throw new NotFoundError();
  if (!recipient.termsAccepted) throw new ConflictError("Accept the embargo terms of this notice first.");
  return recipient;
}

/**
 * Acknowledges a notice for the viewer's organisation. Idempotent under any concurrency: one row per member (a
 * unique key), the organisation's first acknowledgement set once; "already acknowledged" is success.
 */
export async function acknowledgeNotice(viewer: Viewer, noticeId: string, request: RequestInfo): Promise<{ acknowledgedAt: Date }> {
  const me = vendorOnly(viewer);
  const recipient = await readyToRespond(me, noticeId, request, "acknowledge");
  return getDb().$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.noticeAcknowledgement.createMany({ data: [{ recipientId: recipient.id, userId: me.userId, at: now }], skipDuplicates: true });
    await tx.noticeRecipient.updateMany({ where: { id: recipient.id, acknowledgedAt: null }, data: { acknowledgedAt: now, acknowledgedById: me.userId } });
    if (count === 1) await recordAudit({ actor: actor(me), action: "notice.acknowledged", target: { type: "notice", id: noticeId }, ip: request.ip, details: { organisationId: me.organisationId } }, tx);
    const { acknowledgedAt } = await tx.noticeRecipient.findUniqueOrThrow({ where: { id: recipient.id }, select: { acknowledgedAt: true } });
    return { acknowledgedAt: acknowledgedAt! };
  });
}

/** The organisation's feedback state and/or status statement, kept with its history. */
export async function updateRecipientStatus(
  viewer: Viewer,
  input: { noticeId: string; feedback: string | null; statement: string | null; comment: string },
  request: RequestInfo,
): Promise<void> {
  const me = vendorOnly(viewer);
  const recipient = await readyToRespond(me, input.noticeId, request, "update");
  await getDb().$transaction(async (tx) => {
    await tx.recipientUpdate.create({ data: { recipientId: recipient.id, userId: me.userId, feedback: input.feedback as never, statement: input.statement as never, comment: input.comment } });
    await tx.noticeRecipient.update({
      where: { id: recipient.id },
      data: { ...(input.feedback ? { feedback: input.feedback as never } : {}), ...(input.statement ? { statement: input.statement as never, statementComment: input.comment || null } : {}) },
    });
    await recordAudit({ actor: actor(me), action: "notice.status-updated", target: { type: "notice", id: input.noticeId }, ip: request.ip, details: { organisationId: me.organisationId, feedback: input.feedback, statement: input.statement } }, tx);
  });
}
