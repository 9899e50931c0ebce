import "server-only";
// The emails of a sent notice, queued a chunk of organisations at a time (issue 15). Sending froze the audience — a
// recipient row per organisation and a NoticeSend listing them — in one short transaction; each "notice.send-chunk"
// job then queues the emails of the next `chunkSize` organisations in a short transaction of its own, which also
// advances the send's `chunksDone` (so a replay after a crash, or a job and the sender both running chunk 0, writes
// nothing twice) and queues the job of the chunk after it (so no chunk is ever lost).
// What holds while a send is being expanded:
//  - an organisation removed from the notice gets no email from a later chunk: the chunk's transaction takes the
//    notice's lock (as removal does) and checks the rows again; emails already queued are refused at delivery;
//  - a suspended organisation or member is left out here and, whatever was queued already, at delivery
//    (lib/mail/data/entitlement.ts), as is everything once the notice is withdrawn;
//  - once the notice is disclosed or withdrawn no further chunk is queued (the recipients are told by the
//    disclosure's or withdrawal's own email); the send records that it stopped;
//  - a chunk composed from a notice revised meanwhile is composed again (the emails carry the notice as it stands).
import { getDb } from "@/lib/server/db/client";
import type { Viewer } from "@/lib/server/viewer-types";
import { enqueue, getJobEngine } from "@/lib/jobs/engine";
import { MAIL_ADDRESSES_SELECT, mailAddresses, needToKnowOf } from "@/lib/mail/addresses";
import { prepareDispatch, type PreparedDispatch } from "@/lib/mail/data";
import { encryptForKey, EncryptionRefusedError } from "@/lib/mail/pgp";
import { NOTICE_SELECT } from "./drafts";
import { noticeEmails, type SendTarget } from "./notice-emails";
import { lockNotice, manager, topicOf } from "./shared";

type Db = ReturnType<typeof getDb>;
type Reader = Db | Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type ChunkOutcome = { outcome: "queued" | "done" | "stopped"; emails: number; last: boolean };

/** Raised inside a chunk's transaction when what it composed is no longer right: it is rolled back and composed again. */
class ChunkChanged extends Error {}

const COMPOSE_ATTEMPTS = 5;

/** How long one "notice.send-chunk" job goes on to the next chunks itself (its job waits meanwhile, as a safety net). */
const JOB_BUDGET_MS = 60_000;
/** The next chunk's job, when this one goes on itself: it starts only if this one died (a replay finds chunks done). */
const SAFETY_NET_SECONDS = 120;

/**
 * The "notice.send-chunk" job: queues the emails of chunk `index` of a send, and of the chunks after it for up to a
 * minute (a chunk's job only catches up if this one dies). Idempotent; chunks go in order.
 */
export async function queueSendChunks(sendId: string, index: number): Promise<{ chunks: number; emails: number }> {
  const deadline = Date.now() + JOB_BUDGET_MS;
  let [chunks, emails] = [0, 0];
  for (let i = index; ; i += 1) {
    const goOn = Date.now() < deadline;
    const done = await queueSendChunk(sendId, i, goOn);
    if (done.outcome !== "queued") return { chunks, emails };
    [chunks, emails] = [chunks + 1, emails + done.emails];
    if (done.last || !goOn) return { chunks, emails };
  }
}

/**
 * Queues the emails of chunk `index` (once: a replay finds it done). `goOn`: the caller goes on to the next chunk
 * itself, so that chunk's job (queued with this chunk's commit) waits a while, only to catch up if the caller dies.
 */
export async function queueSendChunk(sendId: string, index: number, goOn = false): Promise<ChunkOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await tryChunk(sendId, index, goOn);
    } catch (error) {
      if (!(error instanceof ChunkChanged) || attempt >= COMPOSE_ATTEMPTS) throw error;
    }
  }
}

type Plan = { noticeId: string; dispatchId: string; chunkSize: number; chunksDone: number; total: number; finished: boolean; ids: string[] };

async function readPlan(db: Db, sendId: string, index: number): Promise<Plan | undefined> {
  const [plan] = await db.$queryRaw<Plan[]>`
    SELECT "noticeId", "dispatchId", "chunkSize", "chunksDone", cardinality("organisationIds") AS total, ("finishedAt" IS NOT NULL) AS finished,
      "organisationIds"[(${index}::int * "chunkSize" + 1):((${index}::int + 1) * "chunkSize")] AS ids
    FROM "NoticeSend" WHERE id = ${sendId}::uuid`;
  return plan;
}

async function tryChunk(sendId: string, index: number, goOn: boolean): Promise<ChunkOutcome> {
  const db = getDb();
  const plan = await readPlan(db, sendId, index);
  if (!plan || plan.finished || plan.chunksDone > index) return { outcome: "done", emails: 0, last: true };
  // Each chunk's job is queued by the chunk before it: an earlier one not done means a stray job; its turn comes.
  if (plan.chunksDone < index) throw new Error(`Chunk ${index} of a send waits for chunk ${plan.chunksDone}.`);
  const notice = await db.notice.findUnique({ where: { id: plan.noticeId }, select: { ...NOTICE_SELECT, encryptFullText: true, updatedAt: true } });
  const last = (index + 1) * plan.chunkSize >= Number(plan.total);
  const boss = await getJobEngine();

  const list = notice?.state === "EMBARGOED" ? await chunkTargets(db, plan.noticeId, plan.ids, notice.encryptFullText) : [];
  const outbox = notice?.state === "EMBARGOED" ? await prepareChunk(notice, list, plan.dispatchId) : null;

  return db.$transaction(async (tx) => {
    // The notice's lock first: removal of a recipient, revision, disclosure and withdrawal take it too.
    const locked = await lockNotice(tx, plan.noticeId);
    const advanced = await tx.$executeRaw`
      UPDATE "NoticeSend" SET "chunksDone" = ${index + 1}, "organisationsDone" = "organisationsDone" + ${plan.ids.length}
      WHERE id = ${sendId}::uuid AND "chunksDone" = ${index} AND "finishedAt" IS NULL`;
    if (advanced === 0) return { outcome: "done", emails: 0, last: true };
    if (!notice || !outbox || locked?.state !== "EMBARGOED") {
      const reason = locked ? `The notice was ${locked.state === "WITHDRAWN" ? "withdrawn" : "disclosed"} before every email was queued.` : "The notice was deleted.";
      // This chunk's organisations were not emailed: they do not count as done.
      await tx.noticeSend.update({ where: { id: sendId }, data: { finishedAt: new Date(), stoppedReason: reason, organisationsDone: { decrement: plan.ids.length } } });
      return { outcome: "stopped", emails: 0, last: true };
    }
    // Revised or moved since it was composed: compose again from the notice as it stands.
    if (locked.updatedAt.getTime() !== notice.updatedAt.getTime()) throw new ChunkChanged();
    // Removed from the notice since it was composed (removal takes the lock held now): compose again without it.
    const still = new Set(
      (await tx.noticeRecipient.findMany({ where: { noticeId: plan.noticeId, organisationId: { in: list.map((t) => t.id) }, removedAt: null, addedById: null }, select: { organisationId: true } })).map(
        (r) => r.organisationId,
      ),
    );
    if (list.some((t) => !still.has(t.id))) throw new ChunkChanged();
    const emails = await outbox.write(tx);
    await tx.noticeSend.update({ where: { id: sendId }, data: { emails: { increment: emails }, ...(last ? { finishedAt: new Date() } : {}) } });
    const next = { data: { sendId, index: index + 1 }, ...(goOn ? { startAfter: new Date(Date.now() + SAFETY_NET_SECONDS * 1000) } : {}) };
    if (!last) await enqueue(boss, tx, "notice.send-chunk", [next]);
    return { outcome: "queued", emails, last };
  });
}

/**
 * The organisations of a chunk that get its emails: still active, still recipients (not removed; a removed one that
 * was added again got the notice from that addition), within the need-to-know restriction they set meanwhile. An
 * organisation whose key can no longer encrypt gets the link-only email (the full text never travels in clear).
 */
async function chunkTargets(db: Reader, noticeId: string, organisationIds: string[], encrypted: boolean): Promise<SendTarget[]> {
  if (organisationIds.length === 0) return [];
  const rows = await db.noticeRecipient.findMany({
    where: { noticeId, organisationId: { in: organisationIds }, removedAt: null, addedById: null, organisation: { status: "ACTIVE" } },
    orderBy: { organisationId: "asc" },
    select: { restricted: true, accessGrants: { select: { userId: true } }, organisation: { select: { id: true, name: true, pgpPublicKey: true, pgpExpiresAt: true, attachFilesEncrypted: true, ...MAIL_ADDRESSES_SELECT } } },
  });
  const targets = rows.map(({ organisation: o, ...row }) => ({ id: o.id, name: o.name, addresses: mailAddresses(o, needToKnowOf(row)), pgpPublicKey: o.pgpPublicKey, pgpExpiresAt: o.pgpExpiresAt, attachFiles: o.attachFilesEncrypted }));
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

async function prepareChunk(notice: Parameters<typeof noticeEmails>[0] & { id: string }, list: SendTarget[], dispatchId: string): Promise<PreparedDispatch> {
  return prepareDispatch({ purpose: "notice.sent", label: "", topic: topicOf(notice.id), emails: await noticeEmails(notice, list), into: dispatchId });
}

export type SendProgress = { organisations: number; queued: number; emails: number; finished: boolean; stoppedReason: string | null };

/** The latest send of a notice: for how many of its organisations the emails are queued (maintainers only). */
export async function sendProgress(viewer: Viewer, noticeId: string): Promise<SendProgress | null> {
  manager(viewer);
  const [row] = await getDb().$queryRaw<Array<{ organisations: number; queued: number; emails: number; finished: boolean; stoppedReason: string | null }>>`
    SELECT cardinality("organisationIds") AS organisations, "organisationsDone" AS queued, emails, ("finishedAt" IS NOT NULL) AS finished, "stoppedReason"
    FROM "NoticeSend" WHERE "noticeId" = ${noticeId} ORDER BY "createdAt" DESC LIMIT 1`;
  return row ? { ...row, organisations: Number(row.organisations), queued: Math.min(Number(row.queued), Number(row.organisations)) } : null;
}
