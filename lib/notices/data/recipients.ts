import "server-only";
// The audience of a notice under embargo: organisations added late (a distributor that joined the list, a downstream
// that turned out to be affected) get the notice as it stands now; an organisation removed (it broke the embargo, it
// left the list) loses access at its next request — every vendor read goes through recipientScope, which leaves out
// a removed row — and is told only that its access ended. Nobody else learns of either: no revision, no email to the
// other recipients. Both are audited; the audit events are the notice's audience history, for maintainers only.
import { getDb } from "@/lib/server/db/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { MAIL_ADDRESSES_SELECT, mailAddresses, needToKnowOf, type NeedToKnow } from "@/lib/mail/addresses";
import { getProjectSettings } from "@/lib/settings/data";
import { prepareDispatch } from "@/lib/mail/data";
import { accessEndedMail } from "../mail";
import { NOTICE_SELECT } from "./drafts";
import { noticeEmails, organisationTargets, type SendTarget } from "./notice-emails";
import { actor, lockNotice, manager, refuseRecipientNames, topicOf } from "./shared";

const NOT_EMBARGOED: Record<string, string> = {
  DRAFT: "This notice is still a draft: choose its audience in the draft, then send it.",
  DISCLOSED: "This notice is already public: organisations are added or removed only while it is under embargo.",
  WITHDRAWN: "This notice was withdrawn: its audience no longer changes.",
};

function refuseUnlessEmbargoed(state: string): void {
  if (state !== "EMBARGOED") throw new ConflictError(NOT_EMBARGOED[state] ?? "Organisations are added or removed only while a notice is under embargo.");
}

const STATUS_WORD: Record<string, string> = { INVITED: "still invited (not active yet)", SUSPENDED: "suspended", REMOVED: "removed from the directory" };

export type AudienceEvent = { at: Date; change: "added" | "re-added" | "removed"; organisation: string; by: string | null; reason: string };

export type AudienceChanges = {
  /** Active organisations that do not receive the notice now (a removed one may be added again). */
  candidates: Array<{ id: string; name: string; removedBefore: boolean }>;
  /** The organisations that receive it now. */
  recipients: Array<{ recipientId: string; organisation: string }>;
  /** Additions and removals after sending, newest first. */
  history: AudienceEvent[];
};

/** What the maintainer's notice page needs to change the audience, and the audience's history. */
export async function getAudienceChanges(viewer: Viewer, noticeId: string): Promise<AudienceChanges> {
  manager(viewer);
  const db = getDb();
  const [notice, candidates, recipients, events] = await Promise.all([
    db.notice.findUnique({ where: { id: noticeId }, select: { id: true } }),
    db.organisation.findMany({
      where: { status: "ACTIVE", noticeRecipients: { none: { noticeId, removedAt: null } } },
      orderBy: { name: "asc" },
      take: 2_000,
      select: { id: true, name: true, noticeRecipients: { where: { noticeId }, select: { id: true } } },
    }),
    db.noticeRecipient.findMany({ where: { noticeId, removedAt: null }, orderBy: [{ organisation: { name: "asc" } }, { id: "asc" }], select: { id: true, organisation: { select: { name: true } } } }),
    db.auditEvent.findMany({
      where: { targetType: "notice", targetId: noticeId, action: { in: ["notice.recipient-added", "notice.recipient-removed"] } },
      orderBy: { seq: "desc" },
      take: 500,
      select: { occurredAt: true, action: true, actorEmail: true, details: true },
    }),
  ]);
  if (!notice) throw new NotFoundError();
  return {
    candidates: candidates.map((o) => ({ id: o.id, name: o.name, removedBefore: o.noticeRecipients.length > 0 })),
    recipients: recipients.map((r) => ({ recipientId: r.id, organisation: r.organisation.name })),
    history: events.map((e) => {
      const d = (e.details ?? {}) as { organisation?: string; reason?: string; readded?: boolean };
      const change = e.action === "notice.recipient-removed" ? "removed" : d.readded ? "re-added" : "added";
      return { at: e.occurredAt, change, organisation: d.organisation ?? "an organisation", by: e.actorEmail, reason: d.reason ?? "" };
    }),
  };
}

/**
 * Adds active organisations to an embargoed notice. They are emailed the notice as it stands now (current revision
 * and time; the full text encrypted to their key when the notice asks for it) and accept the same terms as everyone.
 * A removed organisation may be added again: its row is reopened with the new reason and a fresh acknowledgement
 * (its earlier one was of the notice as it was), keeping its terms, thread and statements. Under the notice's row
 * lock, so that two maintainers adding the same organisation at once make one row and one set of emails.
 */
export async function addRecipients(viewer: Viewer, input: { noticeId: string; organisationIds: string[]; reason: string }, request: RequestInfo): Promise<{ organisations: number; emails: number }> {
  const me = manager(viewer);
  const db = getDb();
  const notice = await db.notice.findUnique({ where: { id: input.noticeId }, select: { ...NOTICE_SELECT, encryptFullText: true, updatedAt: true } });
  if (!notice) throw new NotFoundError();
  refuseUnlessEmbargoed(notice.state);
  const ids = [...new Set(input.organisationIds)];
  const orgs = await db.organisation.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, status: true, noticeRecipients: { where: { noticeId: notice.id }, select: { id: true, removedAt: true, restricted: true, accessGrants: { select: { userId: true } } } } },
  });
  if (orgs.length !== ids.length) throw new ValidationError("An organisation you chose no longer exists. Reload the page and choose again.", { organisationIds: ["Reload and choose again."] });
  const problems = orgs.flatMap((o) => {
    if (o.status !== "ACTIVE") return [`${o.name} is ${STATUS_WORD[o.status] ?? o.status.toLowerCase()}: only active organisations can receive a notice. Activate it in the directory first.`];
    if (o.noticeRecipients.some((r) => !r.removedAt)) return [`${o.name} already receives this notice.`];
    return [];
  });
  if (problems.length) throw new ValidationError(problems.join(" "), { organisationIds: problems });
  await refuseRecipientNames(db, notice.id, { reason: input.reason }, ids);

  // A removed organisation's admins may have restricted the notice to those who need to know: that still holds.
  const needToKnow = new Map<string, NeedToKnow>(
    orgs.flatMap((o) => o.noticeRecipients.map((r) => [o.id, needToKnowOf(r)] as const)),
  );
  const list = await organisationTargets(db, ids, needToKnow);
  const outbox = await prepareDispatch({ purpose: "notice.sent", label: `${notice.reference} sent to ${list.length} organisation(s) added late`, topic: topicOf(notice.id), createdById: me.userId, emails: await noticeEmails(notice, list) });
  const shape = (ts: SendTarget[]) => ts.map((t) => `${t.id}:${t.addresses.map((a) => a.to).join(",")}`).join("|");
  const byId = new Map(orgs.map((o) => [o.id, o]));

  await db.$transaction(async (tx) => {
    const locked = await lockNotice(tx, notice.id);
    if (!locked) throw new NotFoundError();
    refuseUnlessEmbargoed(locked.state);
    // Revised or moved meanwhile: the prepared emails would carry the notice as it was.
    if (locked.updatedAt.getTime() !== notice.updatedAt.getTime()) throw new ConflictError("The notice changed a moment ago; nobody was added. Check it and add the organisations again.");
    const addressed = await tx.noticeRecipient.findMany({ where: { noticeId: notice.id, organisationId: { in: ids }, removedAt: null }, select: { organisation: { select: { name: true } } } });
    if (addressed.length) throw new ConflictError(`${addressed.map((r) => r.organisation.name).join(", ")} ${addressed.length === 1 ? "was" : "were"} added a moment ago by someone else; nothing was done.`);
    if (shape(await organisationTargets(tx, ids, needToKnow)) !== shape(list)) throw new ConflictError("The directory changed while the organisations were being added. Nobody was added; review them and try again.");
    const now = new Date();
    for (const org of list) {
      const previous = byId.get(org.id)!.noticeRecipients[0];
      const added = { addedById: me.userId, addReason: input.reason, notifiedAt: now };
      if (previous) {
        const fresh = { removedAt: null, removedById: null, removeReason: null, acknowledgedAt: null, acknowledgedById: null, firstViewedAt: null, remindedAt: null, reminders: 0 };
        const { count } = await tx.noticeRecipient.updateMany({ where: { id: previous.id, removedAt: { not: null } }, data: { ...added, ...fresh } });
        if (count !== 1) throw new ConflictError(`${org.name} was added a moment ago by someone else; nothing was done.`);
      } else {
        await tx.noticeRecipient.create({ data: { noticeId: notice.id, organisationId: org.id, ...added } });
      }
      await recordAudit(
        {
          actor: actor(me),
          action: "notice.recipient-added",
          target: { type: "notice", id: notice.id },
          ip: request.ip,
          details: { reference: notice.reference, organisationId: org.id, organisation: org.name, reason: input.reason, readded: !!previous, emails: org.addresses.length, revision: notice.revision },
        },
        tx,
      );
    }
    await outbox.write(tx);
  });
  return { organisations: list.length, emails: outbox.emailCount };
}

/**
 * Removes an organisation from an embargoed notice: its access ends at its next request (the row stays, marked
 * removed, for tracking); its people and role address are told only that their access ended.
 */
export async function removeRecipient(viewer: Viewer, input: { noticeId: string; recipientId: string; reason: string }, request: RequestInfo): Promise<{ emails: number }> {
  const me = manager(viewer);
  const db = getDb();
  const row = await db.noticeRecipient.findFirst({
    where: { id: input.recipientId, noticeId: input.noticeId },
    select: {
      id: true,
      removedAt: true,
      restricted: true,
      accessGrants: { select: { userId: true } },
      organisation: { select: { id: true, name: true, status: true, ...MAIL_ADDRESSES_SELECT } },
      notice: { select: { id: true, reference: true, state: true } },
    },
  });
  if (!row) throw new NotFoundError();
  refuseUnlessEmbargoed(row.notice.state);
  if (row.removedAt) throw new ConflictError(`${row.organisation.name} was already removed from this notice.`);
  await refuseRecipientNames(db, row.notice.id, { reason: input.reason }, row.organisation.id);

  const { organisation: org, notice } = row;
  // Those who could read it: within the need-to-know restriction; nobody if the organisation is no longer active.
  const addresses = org.status === "ACTIVE" ? mailAddresses(org, needToKnowOf(row)) : [];
  const mail = accessEndedMail(notice, { project: (await getProjectSettings()).name });
  const outbox = await prepareDispatch({
    purpose: "notice.access-ended",
    label: `${notice.reference}: access ended`,
    topic: topicOf(notice.id),
    createdById: me.userId,
    emails: addresses.map(({ to }) => ({ to, subject: mail.subject, text: mail.text, organisationId: org.id })),
    // Ending access never waits for a working signing key (the email waits at delivery instead).
    evenIfKeyUnusable: true,
  });

  await db.$transaction(async (tx) => {
    const locked = await lockNotice(tx, notice.id);
    if (!locked) throw new NotFoundError();
    refuseUnlessEmbargoed(locked.state);
    const { count } = await tx.noticeRecipient.updateMany({ where: { id: row.id, removedAt: null }, data: { removedAt: new Date(), removedById: me.userId, removeReason: input.reason } });
    if (count !== 1) throw new ConflictError(`${org.name} was already removed from this notice.`);
    await outbox.write(tx);
    await recordAudit(
      { actor: actor(me), action: "notice.recipient-removed", target: { type: "notice", id: notice.id }, ip: request.ip, details: { reference: notice.reference, organisationId: org.id, organisation: org.name, reason: input.reason, emails: outbox.emailCount } },
      tx,
    );
  });
  return { emails: outbox.emailCount };
}
