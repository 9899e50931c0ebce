import "server-only";
// The emails of a whole-list notification (./notifications.ts), queued a chunk at a time (issue 15). The change froze
// whom it is owed to — the NoticeNotification listing the organisations that were recipients at the change — and the
// email as composed then; each "notice.notify-chunk" job composes the emails of the next `chunkSize` organisations and,
// in a short transaction of its own, writes those its cut reaches (whole provider batches: ./chunk-window.ts),
// advances `chunksDone` and `organisationsDone` (a replay, or a retry after a crash between chunks, writes nothing
// twice); a job goes on to the next chunks itself for a minute, then queues the next chunk's job with its last commit
// (no chunk is lost: until then the running job is the record, retried from where it stands if its worker dies). What holds meanwhile:
//  - an organisation removed from the notice or no longer active by the time its chunk runs gets nothing (the chunk's
//    transaction takes the notice's lock, as removal does, and checks again); need-to-know restrictions hold as they
//    stand when the chunk is composed (and again at delivery, lib/mail/data/entitlement.ts);
//  - an organisation added after the change is not owed it (its addition sent it the notice as it stands);
//  - the notice left the state the change put it in (a date change or revision, then disclosed or withdrawn; a
//    disclosure, then withdrawn): no further chunk is written and the notification records that it stopped — the
//    later change's own notification tells everyone what matters now, and a disclosure notice never goes out after
//    a withdrawal. A withdrawal's own notification never stops (the notice stays withdrawn).
import { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";
import { queryPrepared } from "@/lib/server/db/prepared";
import { enqueue, getJobEngine } from "@/lib/jobs/engine";
import { prepareDispatch, type PreparedDispatch } from "@/lib/mail/data";
import { CHUNK_MAX_BYTES } from "../send-chunking";
import { cutWindow } from "./chunk-window";
import { ChunkChanged, composingAgainIfChanged, runChunkJob, type ChunkOutcome } from "./chunk-jobs";
import { notificationEmails, recipientAddresses, type NotificationMail, type Update } from "./notifications";
import type { Viewer } from "@/lib/server/viewer-types";
import { lockNotice, manager, topicOf } from "./shared";

type Db = ReturnType<typeof getDb>;

/**
 * The "notice.notify-chunk" job: chunk `index` of a notification (or the first not done yet, on a retry) and the chunks
 * after it for up to a minute (./chunk-jobs.ts).
 */
export async function queueNotificationChunks(notificationId: string, index: number, options: { maxBytes?: number } = {}): Promise<{ chunks: number; emails: number }> {
  const [row] = await getDb().$queryRaw<Array<{ chunksDone: number }>>`SELECT "chunksDone" FROM "NoticeNotification" WHERE id = ${notificationId}::uuid`;
  return runChunkJob(index, row?.chunksDone, (i, goOn) => queueNotificationChunk(notificationId, i, { ...options, goOn }));
}

/**
 * Writes the emails of chunk `index` of a notification (once: a replay finds it done). `goOn`: the caller is a job that
 * goes on to the next chunk itself, so no job is queued for it.
 */
export function queueNotificationChunk(notificationId: string, index: number, options: { goOn?: boolean; maxBytes?: number } = {}): Promise<ChunkOutcome> {
  return composingAgainIfChanged(() => tryChunk(notificationId, index, options.goOn ?? false, options.maxBytes ?? CHUNK_MAX_BYTES));
}

type Plan = {
  noticeId: string;
  dispatchId: string;
  what: Update;
  noticeState: string;
  mail: NotificationMail;
  evenIfKeyUnusable: boolean;
  chunksDone: number;
  done: number;
  total: number;
  finished: boolean;
  ids: string[];
};

async function readPlan(db: Db, notificationId: string): Promise<Plan | undefined> {
  const [plan] = await db.$queryRaw<Plan[]>`
    SELECT "noticeId", "dispatchId", what, "noticeState"::text AS "noticeState", mail, "evenIfKeyUnusable", "chunksDone", "organisationsDone" AS done,
      cardinality("organisationIds") AS total, ("finishedAt" IS NOT NULL) AS finished,
      "organisationIds"[("organisationsDone" + 1):("organisationsDone" + "chunkSize")] AS ids
    FROM "NoticeNotification" WHERE id = ${notificationId}::uuid`;
  return plan && { ...plan, total: Number(plan.total) };
}

async function tryChunk(notificationId: string, index: number, goOn: boolean, maxBytes: number): Promise<ChunkOutcome> {
  const db = getDb();
  const plan = await readPlan(db, notificationId);
  if (!plan || plan.finished || plan.chunksDone > index) return { outcome: "done", emails: 0, last: true };
  // Each chunk's job is queued by the chunk before it: an earlier one not done means a stray job; its turn comes.
  if (plan.chunksDone < index) throw new Error(`Chunk ${index} of a notification waits for chunk ${plan.chunksDone}.`);
  const notice = await db.notice.findUnique({ where: { id: plan.noticeId }, select: { state: true, disclosureAt: true } });
  const boss = await getJobEngine();
  const composed = notice?.state === plan.noticeState ? await composeChunk(db, plan, notice.disclosureAt, maxBytes) : null;
  const done = plan.done + (composed?.organisations ?? 0);
  const last = done >= plan.total;

  return db.$transaction(async (tx) => {
    // The notice's lock first: removing recipients, revision, disclosure and withdrawal take it too.
    const locked = await lockNotice(tx, plan.noticeId);
    const emails = composed?.outbox.emailCount ?? 0;
    const advanced = await tx.$executeRaw`
      UPDATE "NoticeNotification" SET "chunksDone" = ${index + 1}, "organisationsDone" = ${done}, emails = emails + ${emails},
        "finishedAt" = CASE WHEN ${last} THEN now() END
      WHERE id = ${notificationId}::uuid AND "chunksDone" = ${index} AND "finishedAt" IS NULL`;
    if (advanced === 0) return { outcome: "done", emails: 0, last: true };
    if (!composed || locked?.state !== plan.noticeState) {
      const reason = locked ? `The notice was ${locked.state === "WITHDRAWN" ? "withdrawn" : locked.state === "DISCLOSED" ? "disclosed" : "changed"} before every email was queued.` : "The notice was deleted.";
      await tx.noticeNotification.update({ where: { id: notificationId }, data: { finishedAt: new Date(), stoppedReason: reason, organisationsDone: plan.done, emails: { decrement: emails } } });
      return { outcome: "stopped", emails: 0, last: true };
    }
    // Its date moved since it was composed (a later change): compose again, so no email states a date that no longer
    // holds — an older notification's last chunks are written after a newer one's emails, and arrive after them.
    if (locked.disclosureAt.getTime() !== composed.disclosureAt.getTime()) throw new ChunkChanged();
    // Removed from the notice or suspended since it was composed (both change under the lock held now): compose again.
    const gone = await tx.noticeRecipient.count({ where: { noticeId: plan.noticeId, organisationId: { in: composed.emailed }, OR: [{ removedAt: { not: null } }, { organisation: { status: { not: "ACTIVE" } } }] } });
    if (gone > 0) throw new ChunkChanged();
    if ((await composed.outbox.write(tx)) !== emails) throw new ChunkChanged();
    // The caller going on to the next chunk is the job that will write it; otherwise the next chunk's job, with this commit.
    if (!last && !goOn) await enqueue(boss, tx, "notice.notify-chunk", [{ data: { notificationId, index: index + 1 } }]);
    return { outcome: "queued", emails, last };
  });
}

type Composed = { organisations: number; emailed: string[]; outbox: PreparedDispatch; disclosureAt: Date };

/**
 * The window's emails: to organisations still recipients and active (for a reminder, still not acknowledged), in the
 * window's order, cut at whole batches. They state the disclosure time as it stands (`disclosureAt`), not as it was
 * at the change: a date change, revision or reminder whose chunks are still being written after a later date change
 * must not tell the rest of the list a date that no longer holds.
 */
async function composeChunk(db: Db, plan: Plan, disclosureAt: Date, maxBytes: number): Promise<Composed> {
  const position = new Map(plan.ids.map((id, i) => [id, i]));
  const only = { organisationIds: plan.ids, ...(plan.what === "reminder" ? { unacknowledged: true } : {}) };
  const addresses = (await recipientAddresses(db, plan.noticeId, only)).sort((a, b) => position.get(a.organisationId)! - position.get(b.organisationId)!);
  const all = notificationEmails(plan.noticeId, plan.what, { ...plan.mail, disclosureAt: disclosureAt.toISOString() }, addresses);
  const { writing, organisations, emailed } = await cutWindow(db, plan.dispatchId, plan.ids, all, { maxBytes, rest: plan.done + plan.ids.length >= plan.total });
  const outbox = await prepareDispatch({ purpose: `notice.${plan.what}`, label: "", topic: topicOf(plan.noticeId), emails: writing, into: plan.dispatchId, evenIfKeyUnusable: plan.evenIfKeyUnusable });
  return { organisations, emailed, outbox, disclosureAt };
}

export type NotificationProgress = { what: string; organisations: number; queued: number; emails: number; finished: boolean; stoppedReason: string | null };

/**
 * The notifications of a notice still being queued, and those that stopped before every organisation was reached (with
 * why), newest first: for the tracking page (maintainers only), which asks on every view (a prepared statement).
 */
export async function notificationProgress(viewer: Viewer, noticeId: string): Promise<NotificationProgress[]> {
  manager(viewer);
  const rows = await queryPrepared<NotificationProgress>(Prisma.sql`
    SELECT what, cardinality("organisationIds") AS organisations, "organisationsDone" AS queued, emails, ("finishedAt" IS NOT NULL) AS finished, "stoppedReason"
    FROM "NoticeNotification" WHERE "noticeId" = ${noticeId} AND ("finishedAt" IS NULL OR "stoppedReason" IS NOT NULL) ORDER BY "createdAt" DESC LIMIT 5`);
  return rows.map((r) => ({ ...r, organisations: Number(r.organisations), queued: Math.min(Number(r.queued), Number(r.organisations)) }));
}
