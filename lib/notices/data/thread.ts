import "server-only";
// The private thread of one organisation about one notice: its members and the maintainers, nobody else. A new
// message tells the other side by email — a link, never the message.
import { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { prepareDispatch } from "@/lib/mail/data";
import { vendorMayRespond } from "../policy";
import { actor, manager, refuseRecipientNames, topicOf, vendorOnly } from "./shared";
import { readyToRespond } from "./vendor";
import { prepareNotification } from "./notifications";

export async function postVendorMessage(viewer: Viewer, input: { noticeId: string; body: string }, request: RequestInfo): Promise<void> {
  const me = vendorOnly(viewer);
  const recipient = await readyToRespond(me, input.noticeId, request, "update");
  const db = getDb();
  const maintainers = await db.user.findMany({ where: { role: "MAINTAINER", status: "ACTIVE" }, select: { email: true } });
  const link = `${getConfig().publicUrl}/maintainer/notices/${input.noticeId}/tracking`;
  const ref = recipient.notice.reference;
  const outbox = await prepareDispatch({
    purpose: "notice.message",
    label: `${ref}: message from a vendor`,
    topic: topicOf(input.noticeId),
    createdById: me.userId,
    emails: maintainers.map((m) => ({ to: m.email, subject: `[EMBARGOED] ${ref}: new message from a recipient`, text: `[EMBARGOED] ${ref}: a recipient organisation wrote about this notice.\n\nRead and answer it in Forewarn:\n${link}` })),
  });
  await db.$transaction(async (tx) => {
    await tx.noticeMessage.create({ data: { recipientId: recipient.id, authorId: me.userId, fromMaintainer: false, body: input.body } });
    await outbox.write(tx);
    await recordAudit({ actor: actor(me), action: "notice.message-posted", target: { type: "notice", id: input.noticeId }, ip: request.ip, details: { organisationId: me.organisationId } }, tx);
  });
}

export async function postMaintainerMessage(viewer: Viewer, input: { noticeId: string; recipientId: string; body: string }, request: RequestInfo): Promise<void> {
  const me = manager(viewer);
  const db = getDb();
  const recipient = await db.noticeRecipient.findFirst({ where: { id: input.recipientId, noticeId: input.noticeId }, select: { id: true, organisationId: true, removedAt: true, notice: { select: { id: true, reference: true, disclosureAt: true, state: true } } } });
  if (!recipient || !vendorMayRespond(recipient.notice.state)) throw new NotFoundError();
  // It would never read it: its access to the notice ended.
  if (recipient.removedAt) throw new ConflictError("This organisation was removed from the notice: it can no longer read messages about it.");
  await refuseRecipientNames(db, recipient.notice.id, { body: input.body }, recipient.organisationId);
  const notification = await prepareNotification(recipient.notice, "message", me.userId, [recipient.id]);
  await db.$transaction(async (tx) => {
    await tx.noticeMessage.create({ data: { recipientId: recipient.id, authorId: me.userId, fromMaintainer: true, body: input.body } });
    await notification.write(tx);
    await recordAudit({ actor: actor(me), action: "notice.message-posted", target: { type: "notice", id: input.noticeId }, ip: request.ip, details: { organisationId: recipient.organisationId } }, tx);
  });
}

/** One organisation's thread, for maintainers (from the tracking page). */
export async function getThread(viewer: Viewer, noticeId: string, recipientId: string) {
  manager(viewer);
  const recipient = await getDb().noticeRecipient.findFirst({
    where: { id: recipientId, noticeId },
    select: { id: true, organisation: { select: { name: true } }, messages: { orderBy: { at: "asc" }, take: 500, select: { id: true, authorId: true, fromMaintainer: true, body: true, at: true } } },
  });
  if (!recipient) throw new NotFoundError();
  const people = await getDb().user.findMany({ where: { id: { in: [...new Set(recipient.messages.map((m) => m.authorId))] } }, select: { id: true, email: true } });
  const who = new Map(people.map((p) => [p.id, p.email]));
  return { organisation: recipient.organisation.name, messages: recipient.messages.map((m) => ({ ...m, author: who.get(m.authorId) ?? "a former member" })) };
}
