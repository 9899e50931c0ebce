import "server-only";
// The recipients and emails of a sent notice, written a chunk at a time (issue 15). Sending froze the audience — the
// NoticeSend listing its organisations, in the order they are written — in one short transaction; each
// "notice.send-chunk" job then composes the emails of the next `chunkSize` organisations and, in a short transaction
// of its own, writes the recipient rows and emails of those its cut reaches (whole provider batches within a byte
// budget: ../send-chunking.ts), advances the send's `chunksDone` and `organisationsDone` (so a replay after a crash,
// or a job and the sender both running chunk 0, writes nothing twice) and queues the job of the chunk after it (so no
// chunk is ever lost). An organisation may read the notice from the commit that writes its row with its emails on.
// What holds while a send is being expanded:
//  - an organisation not yet reached has no recipient row: it neither sees the notice nor is listed on the tracking
//    page, which shows how far the send got (sendProgress);
//  - an organisation removed from the notice (its row is written) gets no email from a later chunk: the chunk's
//    transaction takes the notice's lock (as removal does) and checks the rows again; emails already queued are
//    refused at delivery;
//  - an organisation added late (addRecipients, which writes its row and email) is skipped by its chunk;
//  - a suspended organisation or member is left out here and, whatever was queued already, at delivery
//    (lib/mail/data/entitlement.ts), as is everything once the notice is withdrawn;
//  - once the notice is disclosed or withdrawn no further chunk is written (the recipients so far are told by the
//    disclosure's or withdrawal's own email; the others never heard of it); the send records that it stopped;
//  - a chunk composed from a notice revised meanwhile is composed again (the emails carry the notice as it stands).
import { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";
import { queryPrepared } from "@/lib/server/db/prepared";
import type { Viewer } from "@/lib/server/viewer-types";
import { enqueue, getJobEngine } from "@/lib/jobs/engine";
import { MAIL_ADDRESSES_SELECT, mailAddresses, needToKnowOf } from "@/lib/mail/addresses";
import { prepareDispatch, type PreparedDispatch } from "@/lib/mail/data";
import { encryptForKey, EncryptionRefusedError } from "@/lib/mail/pgp";
import { NOTICE_SELECT } from "./drafts";
import { CHUNK_MAX_BYTES } from "../send-chunking";
import { cutWindow } from "./chunk-window";
import { ChunkChanged, composingAgainIfChanged, runChunkJob, type ChunkOutcome } from "./chunk-jobs";
import { noticeEmails, type SendTarget } from "./notice-emails";
import { lockNotice, manager, topicOf } from "./shared";

type Db = ReturnType<typeof getDb>;
type Reader = Db | Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * The "notice.send-chunk" job: queues the emails of chunk `index` of a send (or of the first not done yet, on a retry)
 * and of the chunks after it for up to a minute (./chunk-jobs.ts). Idempotent; chunks go in order.
 */
export async function queueSendChunks(sendId: string, index: number, options: { maxBytes?: number } = {}): Promise<{ chunks: number; emails: number }> {
  const [row] = await getDb().$queryRaw<Array<{ chunksDone: number }>>`SELECT "chunksDone" FROM "NoticeSend" WHERE id = ${sendId}::uuid`;
  return runChunkJob(index, row?.chunksDone, (i, goOn) => queueSendChunk(sendId, i, { ...options, goOn }));
}

/**
 * Writes the recipients and emails of chunk `index` (once: a replay finds it done). `goOn`: the caller is a job that goes
 * on to the next chunk itself, so no job is queued for it. `maxBytes`: the chunk's byte budget (tests).
 */
export function queueSendChunk(sendId: string, index: number, options: { goOn?: boolean; maxBytes?: number } = {}): Promise<ChunkOutcome> {
  return composingAgainIfChanged(() => tryChunk(sendId, index, options.goOn ?? false, options.maxBytes ?? CHUNK_MAX_BYTES));
}

type Plan = { noticeId: string; dispatchId: string; chunkSize: number; chunksDone: number; done: number; total: number; finished: boolean; ids: string[] };

/** The send's plan and the window of organisations its next chunk composes: the `chunkSize` after those done. */
async function readPlan(db: Db, sendId: string): Promise<Plan | undefined> {
  const [plan] = await db.$queryRaw<Plan[]>`
    SELECT "noticeId", "dispatchId", "chunkSize", "chunksDone", "organisationsDone" AS done, cardinality("organisationIds") AS total,
      ("finishedAt" IS NOT NULL) AS finished, "organisationIds"[("organisationsDone" + 1):("organisationsDone" + "chunkSize")] AS ids
    FROM "NoticeSend" WHERE id = ${sendId}::uuid`;
  return plan && { ...plan, total: Number(plan.total) };
}

async function tryChunk(sendId: string, index: number, goOn: boolean, maxBytes: number): Promise<ChunkOutcome> {
  const db = getDb();
  const plan = await readPlan(db, sendId);
  if (!plan || plan.finished || plan.chunksDone > index) return { outcome: "done", emails: 0, last: true };
  // Each chunk's job is queued by the chunk before it: an earlier one not done means a stray job; its turn comes.
  if (plan.chunksDone < index) throw new Error(`Chunk ${index} of a send waits for chunk ${plan.chunksDone}.`);
  const notice = await db.notice.findUnique({ where: { id: plan.noticeId }, select: { ...NOTICE_SELECT, encryptFullText: true, updatedAt: true } });
  const boss = await getJobEngine();
  const composed = notice?.state === "EMBARGOED" ? await composeChunk(db, notice, plan, maxBytes) : null;
  const done = plan.done + (composed?.organisations ?? 0);
  const last = done >= plan.total;

  return db.$transaction(async (tx) => {
    // The notice's lock first: adding and removing recipients, revision, disclosure and withdrawal take it too.
    const locked = await lockNotice(tx, plan.noticeId);
    // Advances the send as if this chunk commits (it rolls back otherwise): one statement, the transaction stays short.
    const emails = composed?.outbox.emailCount ?? 0;
    const advanced = await tx.$executeRaw`
      UPDATE "NoticeSend" SET "chunksDone" = ${index + 1}, "organisationsDone" = ${done}, emails = emails + ${emails},
        "finishedAt" = CASE WHEN ${last} THEN now() END
      WHERE id = ${sendId}::uuid AND "chunksDone" = ${index} AND "finishedAt" IS NULL`;
    if (advanced === 0) return { outcome: "done", emails: 0, last: true };
    if (!notice || !composed || locked?.state !== "EMBARGOED") {
      const reason = locked ? `The notice was ${locked.state === "WITHDRAWN" ? "withdrawn" : "disclosed"} before every email was queued.` : "The notice was deleted.";
      // The organisations after those done were neither written as recipients nor emailed.
      await tx.noticeSend.update({ where: { id: sendId }, data: { finishedAt: new Date(), stoppedReason: reason, organisationsDone: plan.done, emails: { decrement: emails } } });
      return { outcome: "stopped", emails: 0, last: true };
    }
    // Revised or moved since it was composed: compose again from the notice as it stands.
    if (locked.updatedAt.getTime() !== notice.updatedAt.getTime()) throw new ChunkChanged();
    // Added late (emailed by that addition) or removed since it was composed (both take the lock held now): compose again.
    const changed = await tx.noticeRecipient.count({ where: { noticeId: plan.noticeId, organisationId: { in: composed.emailed }, OR: [{ removedAt: { not: null } }, { addedById: { not: null } }] } });
    if (changed > 0) throw new ChunkChanged();
    // Suspended (or removed from the directory) since it was composed: compose again, without them — an email must
    // never go to an organisation that gets no recipient row (it would read the notice unseen by tracking).
    const gone = await tx.organisation.count({ where: { id: { in: composed.emailed }, status: { not: "ACTIVE" } } });
    if (gone > 0) throw new ChunkChanged();
    // The recipients, with their emails: from this commit on these organisations may read the notice.
    await tx.$executeRaw`
      INSERT INTO "NoticeRecipient" (id, "noticeId", "organisationId", "notifiedAt")
      SELECT gen_random_uuid()::text, ${plan.noticeId}, o.id, ${new Date()}
      FROM "Organisation" o WHERE o.id = ANY(${composed.recipients}::text[]) AND o.status = 'ACTIVE'
      ON CONFLICT ("noticeId", "organisationId") DO NOTHING`;
    // Every email composed is written: the dispatch had none of them (composeChunk), and only this chunk writes now.
    if ((await composed.outbox.write(tx)) !== emails) throw new ChunkChanged();
    // The caller going on to the next chunk is the job that will write it; otherwise the next chunk's job, with this commit.
    if (!last && !goOn) await enqueue(boss, tx, "notice.send-chunk", [{ data: { sendId, index: index + 1 } }]);
    return { outcome: "queued", emails, last };
  });
}

type Composed = {
  /** How many organisations of the window are done with this chunk (every email of theirs written or none due). */
  organisations: number;
  /** The organisations this chunk writes a recipient row for: those done, and one whose emails it only begins. */
  recipients: string[];
  /** The organisations this chunk writes emails to. */
  emailed: string[];
  outbox: PreparedDispatch;
};

/**
 * The emails of the window's organisations that the send's dispatch has no email to yet (an organisation the last
 * chunk began, an address two organisations share), cut where they fill whole provider batches within the byte
 * budget (../send-chunking.ts); only those are encrypted.
 */
async function composeChunk(db: Db, notice: Parameters<typeof noticeEmails>[0] & { id: string }, plan: Plan, maxBytes: number): Promise<Composed> {
  const position = new Map(plan.ids.map((id, i) => [id, i]));
  const list = (await chunkTargets(db, plan.noticeId, plan.ids, notice.encryptFullText)).sort((a, b) => position.get(a.id)! - position.get(b.id)!);
  const all = await noticeEmails(notice, list);
  const { writing, organisations, emailed } = await cutWindow(db, plan.dispatchId, plan.ids, all, { maxBytes, rest: plan.done + plan.ids.length >= plan.total });
  return {
    organisations,
    recipients: [...new Set([...plan.ids.slice(0, organisations), ...emailed])],
    emailed,
    outbox: await prepareDispatch({ purpose: "notice.sent", label: "", topic: topicOf(notice.id), emails: writing, into: plan.dispatchId }),
  };
}

/**
 * The organisations of a chunk that get its emails: still active, not added late (that addition emailed them) nor
 * removed from the notice, within a need-to-know restriction they set (an organisation a chunk began already has its
 * recipient row). An organisation whose key can no longer encrypt gets the link-only email (the full text never
 * travels in clear).
 */
async function chunkTargets(db: Reader, noticeId: string, organisationIds: string[], encrypted: boolean): Promise<SendTarget[]> {
  if (organisationIds.length === 0) return [];
  const orgs = await db.organisation.findMany({
    where: { id: { in: organisationIds }, status: "ACTIVE", noticeRecipients: { none: { noticeId, OR: [{ removedAt: { not: null } }, { addedById: { not: null } }] } } },
    select: {
      id: true,
      name: true,
      pgpPublicKey: true,
      pgpExpiresAt: true,
      attachFilesEncrypted: true,
      ...MAIL_ADDRESSES_SELECT,
      noticeRecipients: { where: { noticeId }, select: { restricted: true, accessGrants: { select: { userId: true } } } },
    },
  });
  const targets = orgs.map(({ noticeRecipients: [row], ...o }) => ({
    id: o.id,
    name: o.name,
    addresses: mailAddresses(o, row ? needToKnowOf(row) : null),
    pgpPublicKey: o.pgpPublicKey,
    pgpExpiresAt: o.pgpExpiresAt,
    attachFiles: o.attachFilesEncrypted,
  }));
  if (!encrypted) return targets;
  return Promise.all(targets.map(async (t) => (t.pgpPublicKey && !(await usableKey(t.pgpPublicKey)) ? { ...t, pgpPublicKey: null } : t)));
}

async function usableKey(armoredKey: string): Promise<boolean> {
  try {
    await encryptForKey(armoredKey, "");
    return true;
  } catch (error) {
    if (error instanceof EncryptionRefusedError) return false;
    throw error;
  }
}

export type SendProgress = { organisations: number; queued: number; emails: number; finished: boolean; stoppedReason: string | null };

/** The latest send of a notice: for how many of its organisations the emails are queued (maintainers only). */
export async function sendProgress(viewer: Viewer, noticeId: string): Promise<SendProgress | null> {
  manager(viewer);
  // The tracking page asks on every view: a prepared statement (prepared.ts).
  const [row] = await queryPrepared<{ organisations: number; queued: number; emails: number; finished: boolean; stoppedReason: string | null }>(Prisma.sql`
    SELECT cardinality("organisationIds") AS organisations, "organisationsDone" AS queued, emails, ("finishedAt" IS NOT NULL) AS finished, "stoppedReason"
    FROM "NoticeSend" WHERE "noticeId" = ${noticeId} ORDER BY "createdAt" DESC LIMIT 1`);
  return row ? { ...row, organisations: Number(row.organisations), queued: Math.min(Number(row.queued), Number(row.organisations)) } : null;
}
