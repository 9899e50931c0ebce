import "server-only";
// The notification every change of a sent notice owes its recipients (date moved, revised, disclosed, withdrawn or
// retracted, a reminder, a thread message): one link-only email per invited or active member and role address of
// each active recipient organisation, within its need-to-know restriction (issue 15).
//  - A small audience (at most one chunk of organisations) is composed before the change's transaction and written in
//    it, complete when the change returns.
//  - A larger one would make that transaction write tens of thousands of rows. The transaction writes instead the
//    dispatch and a NoticeNotification: the organisations owed the notification at the change (frozen in SQL, one
//    row with an array) and the email as composed then (each chunk states the disclosure time as it stands when written), with the job of its first chunk. "notice.notify-chunk" jobs
//    then queue its emails a chunk at a time (./notification-chunks.ts), each address once.
import { randomUUID } from "node:crypto";
import type { NoticeState, Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import { MAIL_ADDRESSES_SELECT, mailAddresses, needToKnowOf, type MailAddress } from "@/lib/mail/addresses";
import { getProjectSettings } from "@/lib/settings/data";
import { enqueue, getJobEngine } from "@/lib/jobs/engine";
import { prepareDispatch, type QueuedEmail } from "@/lib/mail/data";
import { signingForDispatch } from "@/lib/mail/data/sign";
import { noticeUpdateMail, type NoticeRef, type UpdateExtras } from "../mail";
import { topicOf } from "./shared";

type Tx = Prisma.TransactionClient;
type Reader = ReturnType<typeof getDb> | Tx;

export type Update = Parameters<typeof noticeUpdateMail>[2];

export type PreparedNotification = {
  dispatchId: string;
  /** The emails written with the change (a chunked notification writes none: its chunks do). */
  emailCount: number;
  chunked: boolean;
  /** Writes the notification (or the record that it is owed) in the change's transaction. */
  write(tx: Tx): Promise<number>;
};

/** The email as composed at the change, kept with a chunked notification so that every chunk sends the same. */
export type NotificationMail = { reference: string; disclosureAt: string; changedAt: string; project: string; extras: { endReason?: string | null; plannedDisclosureAt?: string | null } };

/** Disclosure and withdrawal happen whatever the signing key's state: their emails wait at delivery if it is broken. */
export function isEnding(what: Update): boolean {
  return what === "disclosed" || what === "withdrawn" || what === "retracted";
}

/** The state the notice is in once the change is made: a chunk of its notification goes out only while it still is. */
function stateAfter(what: Update): NoticeState {
  if (what === "disclosed") return "DISCLOSED";
  if (what === "withdrawn" || what === "retracted") return "WITHDRAWN";
  return "EMBARGOED";
}

function recipientWhere(noticeId: string, onlyRecipientIds?: string[]): Prisma.NoticeRecipientWhereInput {
  return { noticeId, removedAt: null, organisation: { status: "ACTIVE" }, ...(onlyRecipientIds ? { id: { in: onlyRecipientIds } } : {}) };
}

/**
 * Every invited or active member and the role address of the notice's active recipient organisations that were not
 * removed from it (only `organisationIds`, if given; only those not acknowledged, for a reminder's later chunks) — within
 * each organisation's need-to-know restriction.
 */
export async function recipientAddresses(
  db: Reader,
  noticeId: string,
  only: { recipientIds?: string[]; organisationIds?: readonly string[]; unacknowledged?: boolean } = {},
): Promise<Array<MailAddress & { organisationId: string }>> {
  const recipients = await db.noticeRecipient.findMany({
    where: {
      ...recipientWhere(noticeId, only.recipientIds),
      ...(only.organisationIds ? { organisationId: { in: [...only.organisationIds] } } : {}),
      ...(only.unacknowledged ? { acknowledgedAt: null } : {}),
    },
    select: { restricted: true, accessGrants: { select: { userId: true } }, organisation: { select: { id: true, ...MAIL_ADDRESSES_SELECT } } },
  });
  return recipients.flatMap(({ organisation: o, restricted, accessGrants }) =>
    mailAddresses(o, needToKnowOf({ restricted, accessGrants })).map((a) => ({ ...a, organisationId: o.id })),
  );
}

/** The emails of `addresses`, composed from the mail as it was at the change. */
export function notificationEmails(noticeId: string, what: Update, mail: NotificationMail, addresses: Array<MailAddress & { organisationId: string }>): QueuedEmail[] {
  const { publicUrl } = getConfig();
  const ref: NoticeRef = { id: noticeId, reference: mail.reference, disclosureAt: new Date(mail.disclosureAt) };
  const extras: UpdateExtras = { endReason: mail.extras.endReason ?? null, plannedDisclosureAt: mail.extras.plannedDisclosureAt ? new Date(mail.extras.plannedDisclosureAt) : null };
  return addresses.map(({ to, kind, organisationId }) => {
    const m = noticeUpdateMail(ref, publicUrl, what, new Date(mail.changedAt), { project: mail.project, kind, to }, extras);
    return { to, organisationId, subject: m.subject, text: m.text };
  });
}

/**
 * The notification of a change, prepared before the transaction that makes the change. `chunkOrganisations`: how many
 * organisations one chunk takes (the send's setting by default); an audience of more is queued in chunks.
 */
export async function prepareNotification(
  notice: NoticeRef,
  what: Update,
  createdById: string | null,
  onlyRecipientIds?: string[],
  extras: UpdateExtras = {},
  options: { chunkOrganisations?: number } = {},
): Promise<PreparedNotification> {
  const db = getDb();
  const chunkSize = options.chunkOrganisations ?? getConfig().notices.sendChunkOrganisations;
  const mail: NotificationMail = {
    reference: notice.reference,
    disclosureAt: notice.disclosureAt.toISOString(),
    changedAt: new Date().toISOString(),
    project: (await getProjectSettings()).name,
    extras: { endReason: extras.endReason ?? null, plannedDisclosureAt: extras.plannedDisclosureAt?.toISOString() ?? null },
  };
  const label = `${notice.reference}: ${what.replace("-", " ")}`;
  const evenIfKeyUnusable = isEnding(what);
  const organisations = await db.noticeRecipient.count({ where: recipientWhere(notice.id, onlyRecipientIds) });
  if (organisations <= chunkSize) {
    const emails = notificationEmails(notice.id, what, mail, await recipientAddresses(db, notice.id, onlyRecipientIds ? { recipientIds: onlyRecipientIds } : {}));
    const prepared = await prepareDispatch({ purpose: `notice.${what}`, label, topic: topicOf(notice.id), createdById, emails, evenIfKeyUnusable });
    return { ...prepared, chunked: false };
  }
  // As prepareDispatch would: a key that cannot sign stops the change here, unless it is one that must happen.
  await signingForDispatch(undefined, evenIfKeyUnusable);
  const boss = await getJobEngine();
  const dispatchId = randomUUID();
  return {
    dispatchId,
    emailCount: 0,
    chunked: true,
    async write(tx) {
      const id = randomUUID();
      await tx.mailDispatch.create({ data: { id: dispatchId, purpose: `notice.${what}`, label, topic: topicOf(notice.id), createdById } });
      // The organisations owed it, as the change commits (under the notice's lock the change holds): in SQL, one row.
      await tx.$executeRaw`
        INSERT INTO "NoticeNotification" (id, "noticeId", "dispatchId", what, "noticeState", mail, "evenIfKeyUnusable", "organisationIds", "chunkSize")
        SELECT ${id}::uuid, ${notice.id}, ${dispatchId}, ${what}, ${stateAfter(what)}::"NoticeState", ${JSON.stringify(mail)}::jsonb, ${evenIfKeyUnusable},
          COALESCE(array_agg(r."organisationId" ORDER BY r."organisationId"), '{}'), ${chunkSize}
        FROM "NoticeRecipient" r JOIN "Organisation" o ON o.id = r."organisationId"
        WHERE r."noticeId" = ${notice.id} AND r."removedAt" IS NULL AND o.status = 'ACTIVE'
          AND (${!onlyRecipientIds} OR r.id = ANY(${onlyRecipientIds ?? []}::text[]))`;
      await enqueue(boss, tx, "notice.notify-chunk", [{ data: { notificationId: id, index: 0 } }]);
      return 0;
    },
  };
}
