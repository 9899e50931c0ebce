import "server-only";
// The announcement to the project's list at disclosure. Maintainers preview it (and may rewrite it) while the notice
// is a draft or under embargo; at disclosure it is queued through the outbox in the same transaction as the state
// change, so it goes out once — and only if the project has an announce list address.
import { getDb } from "@/lib/server/db/client";
import { ConflictError, NotFoundError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { prepareDispatch, type PreparedDispatch } from "@/lib/mail/data/outbox";
import { canManageNotices } from "@/lib/notices/policy";
import { lockNotice, topicOf } from "@/lib/notices/data/shared";
import { getProjectSettings } from "@/lib/settings/data";
import type { ProjectSettings } from "@/lib/settings/policy";
import { osvId } from "../formats/osv";
import { announcementSubject, announcementText } from "../announcement";
import { toAdvisoryRecord } from "../record";
import { EXPORT_SELECT, getProjectInfo } from "../source";

export type Announcement = {
  /** Where it goes; null: no announce list in the settings, nothing is sent. */
  address: string | null;
  subject: string;
  text: string;
  /** A maintainer rewrote it (otherwise it is generated from the advisory as it is at disclosure). */
  edited: boolean;
  /** The outbox send, once disclosed. */
  dispatchId: string | null;
  state: string;
};

async function compose(noticeId: string, settings: ProjectSettings, disclosedAt?: Date) {
  const notice = await getDb().notice.findUnique({ where: { id: noticeId }, select: { ...EXPORT_SELECT, announcementSubject: true, announcementBody: true, announcementDispatchId: true } });
  if (!notice) throw new NotFoundError();
  const project = await getProjectInfo(settings);
  // A draft or embargoed notice is announced as it will read once published.
  const record = toAdvisoryRecord({ ...notice, state: "DISCLOSED", disclosedAt: disclosedAt ?? notice.disclosedAt ?? notice.disclosureAt });
  return {
    notice,
    subject: notice.announcementSubject ?? announcementSubject(project, record),
    text: notice.announcementBody ?? announcementText(project, record),
    edited: notice.announcementSubject !== null || notice.announcementBody !== null,
  };
}

export async function getAnnouncement(viewer: Viewer, noticeId: string): Promise<Announcement> {
  if (!canManageNotices(viewer)) throw new NotFoundError();
  const settings = await getProjectSettings();
  const { notice, subject, text, edited } = await compose(noticeId, settings);
  return { address: settings.announceAddress, subject, text, edited, dispatchId: notice.announcementDispatchId, state: notice.state };
}

/** Saves the maintainer's version (or, with `reset`, goes back to the generated one) before disclosure. */
export async function saveAnnouncement(viewer: Viewer, input: { noticeId: string; subject: string; text: string; reset: boolean }, request: RequestInfo): Promise<void> {
  if (!canManageNotices(viewer) || viewer.kind !== "maintainer") throw new NotFoundError();
  await getDb().$transaction(async (tx) => {
    const row = await lockNotice(tx, input.noticeId);
    if (!row) throw new NotFoundError();
    if (row.state !== "DRAFT" && row.state !== "EMBARGOED") throw new ConflictError("The announcement can be changed until the notice is disclosed.");
    await tx.notice.update({ where: { id: input.noticeId }, data: input.reset ? { announcementSubject: null, announcementBody: null } : { announcementSubject: input.subject, announcementBody: input.text } });
    await recordAudit({ actor: { id: viewer.userId, email: viewer.email }, action: "notice.announcement-edited", target: { type: "notice", id: input.noticeId }, ip: request.ip, details: { reset: input.reset } }, tx);
  });
}

/**
 * The announcement's send, prepared before the disclosure transaction writes it; null without an announce list.
 * `basedOn` is the notice's last change as read here: the transaction refuses to send it if the notice (or the
 * maintainer's text) changed in between, so the list never gets an older version.
 */
export async function prepareAnnouncement(noticeId: string, createdById: string | null): Promise<(PreparedDispatch & { basedOn: Date }) | null> {
  const settings = await getProjectSettings();
  if (!settings.announceAddress) return null;
  const { notice, subject, text } = await compose(noticeId, settings, new Date());
  const prepared = await prepareDispatch({ purpose: "notice.announcement", label: `${notice.reference}: announcement`, topic: topicOf(notice.id), createdById, emails: [{ to: settings.announceAddress, subject, text }], evenIfKeyUnusable: true });
  return Object.assign(prepared, { basedOn: notice.updatedAt });
}

/**
 * When a published advisory is withdrawn, the list that got its announcement is told too (null: it was never
 * announced, or there is no list now).
 */
export async function prepareRetraction(noticeId: string, reason: string, createdById: string | null): Promise<PreparedDispatch | null> {
  const settings = await getProjectSettings();
  const notice = await getDb().notice.findUnique({ where: { id: noticeId }, select: { id: true, reference: true, title: true, announcementDispatchId: true } });
  if (!settings.announceAddress || !notice?.announcementDispatchId) return null;
  const project = await getProjectInfo(settings);
  const text = [
    `${project.name} security advisory ${notice.reference} is withdrawn.`,
    "",
    notice.title,
    "",
    `Reason: ${reason}`,
    "",
    `Its OSV record (${project.siteUrl}/osv/${osvId(project, notice)}.json) is marked withdrawn; the advisory page is no longer published.`,
  ].join("\n");
  return prepareDispatch({ purpose: "notice.retraction", label: `${notice.reference}: withdrawal announced`, topic: topicOf(notice.id), createdById, emails: [{ to: settings.announceAddress, subject: `[${project.name} security] ${notice.reference} withdrawn: ${notice.title}`.slice(0, 300), text }], evenIfKeyUnusable: true });
}
