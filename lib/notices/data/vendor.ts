import "server-only";
// The vendor portal's data: the notices addressed to the viewer's organisation, the embargo terms, the full notice,
// acknowledgements, feedback and statements. Everything goes through noticeScope/recipientScope (../policy.ts): a
// notice not addressed to the viewer's organisation, or any notice while the organisation or the member is not
// active, is "not found" — the same answer as a notice that does not exist.
import { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";
import { queryPrepared } from "@/lib/server/db/prepared";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import type { RequestInfo, VendorViewer, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { noticeScope, recipientScope, VENDOR_VISIBLE_STATES, vendorMayRespond } from "../policy";
import { noticeCopyCode } from "../copy-marks";
import { NOTICE_SELECT } from "./drafts";
import { copyDigestsFor } from "./marked-copies";
import { actor, vendorOnly } from "./shared";
import { inVendorOrder } from "../vendor-order";

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
  return inVendorOrder(
    rows.map((n) => {
      const mine = n.recipients[0];
      const termsAccepted = !!mine?.termsAcceptances.length;
      return { id: n.id, reference: n.reference, title: termsAccepted ? n.title : null, termsAccepted, state: n.state, disclosureAt: n.disclosureAt, acknowledgedAt: mine?.acknowledgedAt ?? null };
    }),
  );
}

type NoticeFields = Prisma.NoticeGetPayload<{ select: typeof NOTICE_SELECT }>;

/** What the embargo terms page shows: read for every member who may see the notice, before they accept the terms. */
const TERMS_FIELDS = ["id", "reference", "state", "disclosureAt", "disclosedAt", "deployBeforeDisclosure", "patchEmbargoed", "embargoNotes"] as const;
type TermsFields = Pick<NoticeFields, (typeof TERMS_FIELDS)[number]>;

/** Only once this member accepted the terms (the database skips the rest otherwise: a CASE evaluates one branch). */
const afterTerms = (sql: Prisma.Sql) => Prisma.sql`CASE WHEN s."termsAccepted" THEN ${sql} END`;

// The notice's own columns, as NOTICE_SELECT names them (a field added there is read here too); enums as text. The
// scoped row `s` holds them all; the statement returns the embargoed ones only after the terms.
const SCOPED_COLUMNS = Prisma.raw(Object.keys(NOTICE_SELECT).map((key) => (key === "state" || key === "severity" ? `n."${key}"::text AS "${key}"` : `n."${key}"`)).join(", "));
const NOTICE_COLUMNS = Prisma.join(
  Object.keys(NOTICE_SELECT).map((key) => {
    const column = Prisma.raw(`s."${key}"`);
    return Prisma.sql`${(TERMS_FIELDS as readonly string[]).includes(key) ? column : afterTerms(column)} AS ${Prisma.raw(`"${key}"`)}`;
  }),
);

/**
 * noticeScope and recipientScope (../policy.ts) for the viewer's own recipient row `r` of the notice `n` and its
 * organisation `o`, in SQL: the notice embargoed or disclosed; the row the viewer's organisation's, not removed; the
 * organisation active and the viewer an active member of it; and, when the notice is restricted to those who need to
 * know, the viewer granted it or an admin. lib/notices/vendor-scope.int.test.ts holds it equal to the policy's scopes.
 */
function vendorRecipientSql(me: VendorViewer): Prisma.Sql {
  return Prisma.sql`n."state"::text IN (${Prisma.join([...VENDOR_VISIBLE_STATES])})
    AND r."organisationId" = ${me.organisationId} AND r."removedAt" IS NULL AND o."status"::text = 'ACTIVE'
    AND EXISTS (SELECT 1 FROM "Membership" m JOIN "User" u ON u."id" = m."userId" WHERE m."organisationId" = o."id" AND m."userId" = ${me.userId} AND u."status"::text = 'ACTIVE')
    AND (NOT r."restricted"
      OR EXISTS (SELECT 1 FROM "NoticeAccessGrant" g WHERE g."recipientId" = r."id" AND g."userId" = ${me.userId})
      OR EXISTS (SELECT 1 FROM "Membership" a WHERE a."organisationId" = o."id" AND a."userId" = ${me.userId} AND a."isAdmin"))`;
}

type ScopedNoticeRow = Record<keyof typeof NOTICE_SELECT, unknown> & {
  recipientId: string;
  firstViewedAt: Date | null;
  termsAccepted: boolean;
  attachments: Array<{ id: string; filename: string; contentType: string; size: number; sha256: string; createdAt: string }> | null;
  revisions: Array<{ number: number; changeNote: string; changes: unknown; at: string }> | null;
  acknowledgedAt: Date | null;
  acknowledgedById: string | null;
  feedback: string | null;
  statement: string | null;
  statementComment: string | null;
  updates: Array<{ userId: string; feedback: string | null; statement: string | null; comment: string; at: string }> | null;
  messages: Array<{ id: string; authorId: string; fromMaintainer: boolean; body: string; at: string }> | null;
  people: Array<{ id: string; email: string; name: string | null }> | null;
};

/**
 * The notice for a vendor member in ONE statement, read through the policy's scope (vendorRecipientSql): the
 * viewer's own recipient row, whether they accepted the terms, the terms' fields, and — only once they accepted —
 * everything the full notice page shows: the notice with its attachments (without their bytes) and revisions, and
 * the viewer's own organisation's side (its acknowledgement, feedback history (newest 50), thread (first 500) and the
 * names of its members in them). Before the terms the statement answers the terms' fields and nulls: nothing else
 * leaves the database. Nothing is read by id alone. null: not the viewer's to see.
 */
async function readVendorNotice(me: VendorViewer, noticeId: string): Promise<ScopedNoticeRow | null> {
  // The scoped row is one join of three tables (the membership check a semi-join): the planner's work stays small;
  // the page's parts are subqueries of that one row, each planned on its own.
  const [row] = await queryPrepared<ScopedNoticeRow>(Prisma.sql`
    SELECT s."recipientId", s."firstViewedAt", s."termsAccepted", ${NOTICE_COLUMNS},
      ${afterTerms(Prisma.sql`(SELECT COALESCE(json_agg(json_build_object('id', a."id", 'filename', a."filename", 'contentType', a."contentType", 'size', a."size", 'sha256', a."sha256", 'createdAt', a."createdAt") ORDER BY a."createdAt", a."id"), '[]'::json)
         FROM "NoticeAttachment" a WHERE a."noticeId" = s."id")`)} AS "attachments",
      ${afterTerms(Prisma.sql`(SELECT COALESCE(json_agg(json_build_object('number', v."number", 'changeNote', v."changeNote", 'changes', v."changes", 'at', v."at") ORDER BY v."number" DESC), '[]'::json)
         FROM "NoticeRevision" v WHERE v."noticeId" = s."id")`)} AS "revisions",
      ${afterTerms(Prisma.sql`s."acknowledgedAt"`)} AS "acknowledgedAt", ${afterTerms(Prisma.sql`s."acknowledgedById"`)} AS "acknowledgedById",
      ${afterTerms(Prisma.sql`s."feedback"`)} AS "feedback", ${afterTerms(Prisma.sql`s."statement"`)} AS "statement", ${afterTerms(Prisma.sql`s."statementComment"`)} AS "statementComment",
      ${afterTerms(Prisma.sql`(SELECT COALESCE(json_agg(u ORDER BY u."at" DESC), '[]'::json) FROM (
         SELECT x."userId", x."feedback"::text AS "feedback", x."statement"::text AS "statement", x."comment", x."at"
         FROM "RecipientUpdate" x WHERE x."recipientId" = s."recipientId" ORDER BY x."at" DESC LIMIT 50) u)`)} AS "updates",
      ${afterTerms(Prisma.sql`(SELECT COALESCE(json_agg(m ORDER BY m."at"), '[]'::json) FROM (
         SELECT y."id", y."authorId", y."fromMaintainer", y."body", y."at"
         FROM "NoticeMessage" y WHERE y."recipientId" = s."recipientId" ORDER BY y."at" LIMIT 500) m)`)} AS "messages",
      ${afterTerms(Prisma.sql`(SELECT COALESCE(json_agg(json_build_object('id', p."id", 'email', p."email", 'name', p."name")), '[]'::json)
         FROM "User" p WHERE p."id" IN (
           SELECT s."acknowledgedById"
           UNION SELECT k."userId" FROM "NoticeAcknowledgement" k WHERE k."recipientId" = s."recipientId"
           UNION SELECT x."userId" FROM "RecipientUpdate" x WHERE x."recipientId" = s."recipientId"
           UNION SELECT y."authorId" FROM "NoticeMessage" y WHERE y."recipientId" = s."recipientId" AND NOT y."fromMaintainer"))`)} AS "people"
    FROM (
      SELECT r."id" AS "recipientId", r."firstViewedAt", r."acknowledgedAt", r."acknowledgedById", r."feedback"::text AS "feedback", r."statement"::text AS "statement", r."statementComment",
             EXISTS (SELECT 1 FROM "NoticeTermsAcceptance" t WHERE t."recipientId" = r."id" AND t."userId" = ${me.userId}) AS "termsAccepted",
             ${SCOPED_COLUMNS}
      FROM "NoticeRecipient" r JOIN "Notice" n ON n."id" = r."noticeId" JOIN "Organisation" o ON o."id" = r."organisationId"
      WHERE r."noticeId" = ${noticeId} AND ${vendorRecipientSql(me)}
    ) s`);
  return row ?? null;
}

/** The full notice page's content from the row readVendorNotice read once the terms were accepted. */
function fullNotice(row: ScopedNoticeRow) {
  const { attachments, revisions, acknowledgedAt, acknowledgedById, feedback, statement, statementComment, updates, messages, people, recipientId: _r, firstViewedAt: _f, termsAccepted: _t, ...fields } = row;
  const notice = fields as unknown as NoticeFields;
  // The history of changes never names a reporter (they may have opted out before or after): it says "changed".
  const history = (revisions ?? []).map((r) => {
    const changes = { ...((r.changes ?? {}) as Record<string, unknown>) };
    for (const field of ["reporterCredit", "reporterOptOut"]) if (field in changes) changes[field] = ["…", "…"];
    return { number: r.number, changeNote: r.changeNote, changes, at: new Date(r.at) };
  });
  // Names of the people involved: this organisation's members, and "the maintainers" for the other side.
  const who = new Map((people ?? []).map((p) => [p.id, p.name ?? p.email]));
  return {
    notice: {
      ...notice,
      reporterCredit: notice.reporterOptOut ? null : notice.reporterCredit,
      attachments: (attachments ?? []).map((a) => ({ ...a, createdAt: new Date(a.createdAt) })),
      revisions: history,
    },
    recipient: {
      acknowledgedAt,
      acknowledgedBy: acknowledgedById ? (who.get(acknowledgedById) ?? null) : null,
      feedback,
      statement,
      statementComment,
      history: (updates ?? []).map((u) => ({ by: who.get(u.userId) ?? "a member", feedback: u.feedback, statement: u.statement, comment: u.comment, at: new Date(u.at) })),
      messages: (messages ?? []).map((m) => ({ id: m.id, from: m.fromMaintainer ? "The maintainers" : (who.get(m.authorId) ?? "a member"), fromMaintainer: m.fromMaintainer, body: m.body, at: new Date(m.at) })),
    },
  };
}

type FullNotice = ReturnType<typeof fullNotice>;

export type VendorNotice =
  | ({ view: "terms" } & TermsFields)
  | { view: "full"; notice: FullNotice["notice"] & { copyMark: string | null; attachments: Array<FullNotice["notice"]["attachments"][number] & { yourCopy: boolean }> }; recipient: FullNotice["recipient"] };

/**
 * A notice for a vendor member: the embargo terms until they accept them, then everything (recorded as a view, and
 * the organisation's first view). Two statements for a view after the first: the scoped read of everything
 * (readVendorNotice), then the audit event, committed before this returns — so before anything of the content is
 * sent. A failed audit write fails the view: the content read is dropped with it. `form`: where the copy is served —
 * the page or the API: under embargo its `copyMark` is the code of this organisation's copy in that form (leak
 * tracing, ../copy-marks.ts; computed, never stored), which the page and the API weave into the prose.
 */
export async function getVendorNotice(viewer: Viewer, noticeId: string, request: RequestInfo, form: "page" | "api" = "page"): Promise<VendorNotice> {
  const me = vendorOnly(viewer);
  const row = await readVendorNotice(me, noticeId);
  if (!row) throw new NotFoundError();
  if (!row.termsAccepted) {
    const terms = Object.fromEntries(TERMS_FIELDS.map((key) => [key, row[key]])) as TermsFields;
    return { view: "terms", ...terms };
  }
  // Written once per organisation, not on every view (the guard keeps a concurrent first view from overwriting it).
  if (!row.firstViewedAt) await getDb().noticeRecipient.updateMany({ where: { id: row.recipientId, firstViewedAt: null }, data: { firstViewedAt: new Date() } });
  await recordAudit({ actor: actor(me), action: "notice.viewed", target: { type: "notice", id: noticeId }, ip: request.ip, details: { organisationId: me.organisationId } });
  const full = fullNotice(row);
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
