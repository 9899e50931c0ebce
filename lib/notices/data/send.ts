import "server-only";
// Sending a draft: in one short transaction the notice becomes embargoed, its recipient organisations are frozen and
// the disclosure is scheduled; jobs then queue one email per active member and role address, a chunk of organisations
// at a time (./send-chunks.ts).
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { assertSigningReady } from "@/lib/signing/data";
import { audienceCounts } from "@/lib/mail/addresses";
import { enqueue, getJobEngine } from "@/lib/jobs/engine";
import { encryptForKey, EncryptionRefusedError } from "@/lib/mail/pgp";
import { syncNoticeCredit, syncNoticeCreditNow, tellReporters } from "@/lib/reports/data/notify";
import { actionAllowed, checkEmbargo, type EmbargoCheck } from "../policy";
import { actor, lockNotice, manager, topicOf } from "./shared";
import { queueSendChunk, sendProgress } from "./send-chunks";
import { targets, type SendTarget } from "./notice-emails";

type Tx = Prisma.TransactionClient;

/** What a maintainer reads per organisation before sending (lib/directory/policy.ts#audienceCounts). */
export type SendTargetSummary = Omit<SendTarget, "pgpPublicKey" | "addresses" | "attachFiles"> & ReturnType<typeof audienceCounts> & { encrypted: boolean };

/** An organisation the audience names that sending would skip, and why (its status). */
export type SkippedOrganisation = { id: string; name: string; status: "INVITED" | "SUSPENDED" | "REMOVED" };

export type SendPreview = { targets: SendTargetSummary[]; skipped: SkippedOrganisation[]; embargo: EmbargoCheck; emails: number; people: number; notSignedIn: number };

/**
 * Organisations the maintainer may expect to reach and will not: chosen ones that are not active, or — for "all
 * active organisations" — those still invited (an organisation filled with people but never activated would
 * otherwise be silently left out). Suspended and removed ones are left out on purpose and not listed for that audience.
 */
async function skippedOrganisations(db: ReturnType<typeof getDb>, notice: { id: string; audience: string }): Promise<SkippedOrganisation[]> {
  const rows = await db.organisation.findMany({
    where: notice.audience === "SELECTED" ? { status: { not: "ACTIVE" }, noticeAudiences: { some: { noticeId: notice.id } } } : { status: "INVITED" },
    orderBy: { name: "asc" },
    select: { id: true, name: true, status: true },
  });
  return rows.filter((r): r is SkippedOrganisation => r.status !== "ACTIVE");
}

/** What sending would do: who gets what, and the embargo policy's verdict. */
export async function previewSend(viewer: Viewer, noticeId: string, overrideReason: string | null = null): Promise<SendPreview> {
  manager(viewer);
  const db = getDb();
  const notice = await db.notice.findUnique({ where: { id: noticeId }, select: { id: true, state: true, audience: true, disclosureAt: true, encryptFullText: true, _count: { select: { attachments: true } } } });
  if (!notice) throw new NotFoundError();
  const list = await targets(db, notice);
  const skipped = await skippedOrganisations(db, notice);
  const summaries = list.map(({ pgpPublicKey, addresses, attachFiles: _attachFiles, ...t }) => ({ ...t, ...audienceCounts(addresses), encrypted: notice.encryptFullText && !!pgpPublicKey }));
  return {
    targets: summaries,
    skipped,
    embargo: checkEmbargo({ now: new Date(), disclosureAt: notice.disclosureAt, attachments: notice._count.attachments, overrideReason }, getConfig().notices.embargo),
    emails: summaries.reduce((n, t) => n + t.emails, 0),
    people: summaries.reduce((n, t) => n + t.people, 0),
    notSignedIn: summaries.reduce((n, t) => n + t.notSignedIn, 0),
  };
}

/** Probes the OpenPGP keys of an encrypted notice's audience before it is sent: an unusable key stops the send loudly. */
async function refuseUnusableKeys(db: ReturnType<typeof getDb>, notice: { id: string; audience: string; encryptFullText: boolean }): Promise<void> {
  if (!notice.encryptFullText) return;
  const keyed = await db.organisation.findMany({ where: { ...audienceWhere(notice), pgpPublicKey: { not: null } }, select: { name: true, pgpPublicKey: true } });
  for (const org of keyed) {
    try {
      await encryptForKey(org.pgpPublicKey!, "");
    } catch (error) {
      if (error instanceof EncryptionRefusedError) {
        throw new EncryptionRefusedError(`Cannot encrypt for ${org.name}: ${error.publicMessage} Nothing was sent. Ask them for a current key, or send without the full text.`);
      }
      throw error;
    }
  }
}

function audienceWhere(notice: { id: string; audience: string }): Prisma.OrganisationWhereInput {
  return { status: "ACTIVE", ...(notice.audience === "SELECTED" ? { noticeAudiences: { some: { noticeId: notice.id } } } : {}) };
}

/**
 * Sends a draft to 1 or 10,000 organisations alike. One short transaction freezes the send: the notice becomes
 * embargoed, its audience is recorded as the send's plan (NoticeSend: one row listing the organisations, written by
 * one SQL statement), with its dispatch, the disclosure job, the reporters' news, the audit event and the job of the
 * first chunk. The recipient rows and their emails are then written together by "notice.send-chunk" jobs, about
 * `chunkOrganisations` organisations per short transaction (./send-chunks.ts); an organisation may read the notice
 * once its row is written. The first chunk is written here at once, so that a small audience is complete when this
 * returns. Recipients and emails are all there (eventually, durably: each chunk's job is queued with the commit
 * before it) or, if the freeze rolls back, none.
 */
export async function sendNotice(
  viewer: Viewer,
  input: { noticeId: string; overrideReason: string | null },
  request: RequestInfo,
  options: { chunkOrganisations?: number; chunkBytes?: number } = {},
): Promise<{ organisations: number; emails: number; warnings: string[]; queuing: boolean }> {
  const me = manager(viewer);
  const db = getDb();
  const state = (await db.notice.findUnique({ where: { id: input.noticeId }, select: { state: true } }))?.state;
  if (!state) throw new NotFoundError();
  if (!actionAllowed(state, "send")) throw new ConflictError("This notice was already sent.");
  // The reporters' credit choices first: the (encrypted) full text queued with the chunks names the credit as it stands.
  await syncNoticeCreditNow(input.noticeId);
  const notice = await db.notice.findUnique({ where: { id: input.noticeId }, select: { id: true, reference: true, state: true, disclosureAt: true, audience: true, encryptFullText: true, updatedAt: true, _count: { select: { attachments: true } } } });
  if (!notice) throw new NotFoundError();
  if (!actionAllowed(notice.state, "send")) throw new ConflictError("This notice was already sent.");
  const embargo = checkEmbargo({ now: new Date(), disclosureAt: notice.disclosureAt, attachments: notice._count.attachments, overrideReason: input.overrideReason }, getConfig().notices.embargo);
  if (embargo.blocking) throw new ValidationError(embargo.blocking, { disclosureAt: [embargo.blocking] });
  if ((await db.organisation.count({ where: audienceWhere(notice) })) === 0) throw new ValidationError(NOBODY);
  await refuseUnusableKeys(db, notice);
  // Every email is signed once the project has a key: a key that cannot sign stops the send here, with its cause,
  // before anything is frozen (the chunks' own check would otherwise leave an embargoed notice nobody was told of).
  await assertSigningReady();
  const boss = await getJobEngine();
  const chunkSize = options.chunkOrganisations ?? getConfig().notices.sendChunkOrganisations;
  const sendId = randomUUID();

  const organisations = await db.$transaction(async (tx) => {
    const locked = await lockNotice(tx, notice.id);
    if (!locked || locked.state !== "DRAFT") throw new ConflictError("This notice was already sent.");
    // The draft saved meanwhile (audience, date, text): what was checked is not what would be sent.
    if (locked.updatedAt.getTime() !== notice.updatedAt.getTime()) throw new ConflictError("The draft changed while it was being sent. Nothing was sent; review it and send again.");
    // A reporter changed their credit since it was synced: the updatedAt check above caught it, unless nothing synced it.
    if (await syncNoticeCredit(tx, notice.id)) throw new ConflictError("The reporter's credit changed while the notice was being sent. Nothing was sent; send again.");
    const sentAt = new Date();
    await tx.notice.update({ where: { id: notice.id }, data: { state: "EMBARGOED", sentAt, embargoOverrideReason: input.overrideReason } });
    const count = await freezeAudience(tx, { noticeId: notice.id, selected: notice.audience === "SELECTED", sendId, chunkSize, createdById: me.userId, reference: notice.reference });
    // The directory changed since the count above: every organisation of the audience left it.
    if (count === 0) throw new ValidationError(NOBODY);
    await tellReporters(tx, { noticeId: notice.id, event: "DATE_SET", at: sentAt });
    await enqueue(boss, tx, "notice.disclose", [{ data: { noticeId: notice.id }, startAfter: notice.disclosureAt }]);
    await enqueue(boss, tx, "notice.send-chunk", [{ data: { sendId, index: 0 } }]);
    await recordAudit(
      { actor: actor(me), action: "notice.sent", target: { type: "notice", id: notice.id }, ip: request.ip, details: { reference: notice.reference, organisations: count, chunks: Math.ceil(count / chunkSize), ...(input.overrideReason ? { overrideReason: input.overrideReason } : {}) } },
      tx,
    );
    return count;
  });
  // The first chunk now, in its own transaction; if this fails, its job (committed above) writes it.
  let first = { emails: 0, last: false };
  try {
    first = await queueSendChunk(sendId, 0, options.chunkBytes ? { maxBytes: options.chunkBytes } : {});
  } catch (error) {
    console.warn(`[notices] the first recipients of ${notice.reference} are left to their job: ${error instanceof Error ? error.name : "error"}`);
  }
  // What is queued by now, whoever wrote it: the first chunk's job is queued with the commit above, and a worker may
  // have written the chunk before this process did (it then finds it done and writes nothing) — the answer said
  // "0 emails are queued" for a send whose 4 emails were on their way.
  const progress = await sendProgress(viewer, notice.id);
  return { organisations, emails: progress?.emails ?? first.emails, warnings: embargo.warnings, queuing: progress ? !progress.finished : !first.last };
}

const NOBODY = "No active organisation would receive this notice. Activate organisations or choose others.";

/**
 * The audience frozen in SQL, inside the send's transaction: the send's plan (NoticeSend) listing every active
 * organisation of the audience (chosen ones, or all) in the order their recipient rows and emails will be written —
 * one row with an array, however many organisations — and the dispatch that collects those emails. The recipient
 * rows are written by the chunks (./send-chunks.ts), each with its emails. Returns how many organisations it reaches.
 */
async function freezeAudience(tx: Tx, s: { noticeId: string; selected: boolean; sendId: string; chunkSize: number; createdById: string; reference: string }): Promise<number> {
  const dispatchId = randomUUID();
  const [plan] = await tx.$queryRaw<Array<{ organisations: number }>>`
    INSERT INTO "NoticeSend" (id, "noticeId", "dispatchId", "organisationIds", "chunkSize")
    SELECT ${s.sendId}::uuid, ${s.noticeId}, ${dispatchId}, COALESCE(array_agg(o.id ORDER BY o.id), '{}'), ${s.chunkSize}
    FROM "Organisation" o
    WHERE o.status = 'ACTIVE'
      AND (NOT ${s.selected} OR EXISTS (SELECT 1 FROM "NoticeAudienceOrg" a WHERE a."noticeId" = ${s.noticeId} AND a."organisationId" = o.id))
    RETURNING cardinality("organisationIds") AS organisations`;
  const organisations = Number(plan?.organisations ?? 0);
  if (organisations > 0) {
    await tx.mailDispatch.create({ data: { id: dispatchId, purpose: "notice.sent", label: `${s.reference} sent to ${organisations} organisation(s)`, topic: topicOf(s.noticeId), createdById: s.createdById } });
  }
  return organisations;
}
