import "server-only";
// The vendor portal's data: the notices addressed to the viewer's organisation, the embargo terms, the full notice,
// acknowledgements, feedback and statements. Everything goes through noticeScope/recipientScope (../policy.ts): a
// notice not addressed to the viewer's organisation, or any notice while the organisation or the member is not
// active, is "not found" — the same answer as a notice that does not exist.
import { getDb } from "@/lib/server/db/client";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import type { RequestInfo, VendorViewer, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { noticeScope, recipientScope, vendorMayRespond } from "../policy";
import { NOTICE_SELECT } from "./drafts";
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

export type VendorNotice =
  | { view: "terms"; id: string; reference: string; state: string; disclosureAt: Date; disclosedAt: Date | null; deployBeforeDisclosure: boolean; patchEmbargoed: boolean; embargoNotes: string }
  | { view: "full"; notice: Awaited<ReturnType<typeof fullNotice>>; recipient: Awaited<ReturnType<typeof recipientDetail>> };

async function fullNotice(noticeId: string) {
  const notice = await getDb().notice.findUniqueOrThrow({
    where: { id: noticeId },
    select: {
      ...NOTICE_SELECT,
      attachments: { orderBy: { createdAt: "asc" }, select: { id: true, filename: true, contentType: true, size: true, sha256: true, createdAt: true } },
      revisions: { orderBy: { number: "desc" }, select: { number: true, changeNote: true, changes: true, at: true } },
    },
  });
  // The history of changes never names a reporter (they may have opted out before or after): it says "changed".
  const revisions = notice.revisions.map((r) => {
    const changes = { ...((r.changes ?? {}) as Record<string, unknown>) };
    for (const field of ["reporterCredit", "reporterOptOut"]) if (field in changes) changes[field] = ["…", "…"];
    return { ...r, changes };
  });
  return { ...notice, reporterCredit: notice.reporterOptOut ? null : notice.reporterCredit, revisions };
}

/** The viewer's own organisation's side only: its acknowledgement, its feedback history, its thread. */
async function recipientDetail(recipientId: string) {
  const r = await getDb().noticeRecipient.findUniqueOrThrow({
    where: { id: recipientId },
    select: {
      acknowledgedAt: true,
      acknowledgedById: true,
      feedback: true,
      statement: true,
      statementComment: true,
      acknowledgements: { orderBy: { at: "asc" }, select: { userId: true, at: true } },
      updates: { orderBy: { at: "desc" }, take: 50, select: { userId: true, feedback: true, statement: true, comment: true, at: true } },
      messages: { orderBy: { at: "asc" }, take: 500, select: { id: true, authorId: true, fromMaintainer: true, body: true, at: true } },
    },
  });
  // Names of the people involved: this organisation's members, and "the maintainers" for the other side.
  const ids = [...new Set([r.acknowledgedById, ...r.acknowledgements.map((a) => a.userId), ...r.updates.map((u) => u.userId), ...r.messages.filter((m) => !m.fromMaintainer).map((m) => m.authorId)].filter((v): v is string => !!v))];
  const people = await getDb().user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true, name: true } });
  const who = new Map(people.map((p) => [p.id, p.name ?? p.email]));
  return {
    acknowledgedAt: r.acknowledgedAt,
    acknowledgedBy: r.acknowledgedById ? (who.get(r.acknowledgedById) ?? null) : null,
    feedback: r.feedback,
    statement: r.statement,
    statementComment: r.statementComment,
    history: r.updates.map((u) => ({ by: who.get(u.userId) ?? "a member", feedback: u.feedback, statement: u.statement, comment: u.comment, at: u.at })),
    messages: r.messages.map((m) => ({ id: m.id, from: m.fromMaintainer ? "The maintainers" : (who.get(m.authorId) ?? "a member"), fromMaintainer: m.fromMaintainer, body: m.body, at: m.at })),
  };
}

/**
 * A notice for a vendor member: the embargo terms until they accept them, then everything (recorded as a view, and
 * the organisation's first view).
 */
export async function getVendorNotice(viewer: Viewer, noticeId: string, request: RequestInfo): Promise<VendorNotice> {
  const me = vendorOnly(viewer);
  const recipient = await myRecipient(me, noticeId);
  if (!recipient.termsAccepted) {
    const n = await getDb().notice.findUniqueOrThrow({ where: { id: noticeId }, select: { id: true, reference: true, state: true, disclosureAt: true, disclosedAt: true, deployBeforeDisclosure: true, patchEmbargoed: true, embargoNotes: true } });
    return { view: "terms", ...n };
  }
  const db = getDb();
  // Written once per organisation, not on every view (the guard keeps a concurrent first view from overwriting it).
  if (!recipient.firstViewedAt) await db.noticeRecipient.updateMany({ where: { id: recipient.id, firstViewedAt: null }, data: { firstViewedAt: new Date() } });
  await recordAudit({ actor: actor(me), action: "notice.viewed", target: { type: "notice", id: noticeId }, ip: request.ip, details: { organisationId: me.organisationId } });
  const [notice, detail] = await Promise.all([fullNotice(noticeId), recipientDetail(recipient.id)]);
  return { view: "full", notice, recipient: detail };
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
