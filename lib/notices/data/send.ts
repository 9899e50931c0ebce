import "server-only";
// Sending a draft: in one transaction the notice becomes embargoed, its recipient organisations are frozen, one
// email per active member and role address is queued in the outbox, and the disclosure is scheduled.
import type { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { audienceCounts, MAIL_ADDRESSES_SELECT, mailAddresses, type MailAddress, type NeedToKnow } from "@/lib/mail/addresses";
import { getProjectSettings } from "@/lib/settings/data";
import { enqueue, getJobEngine } from "@/lib/jobs/engine";
import { prepareDispatch, type QueuedEmail } from "@/lib/mail/data";
import { syncNoticeCredit, syncNoticeCreditNow, tellReporters } from "@/lib/reports/data/notify";
import { embargoedNoticeMail, fullNoticeText, noticeLink } from "../mail";
import { actionAllowed, checkEmbargo, type EmbargoCheck } from "../policy";
import { NOTICE_SELECT } from "./drafts";
import { noticeFilesForEmail } from "./encrypted-files";
import { actor, lockNotice, manager, topicOf } from "./shared";

type Tx = Prisma.TransactionClient;

export type SendTarget = { id: string; name: string; addresses: MailAddress[]; pgpPublicKey: string | null; pgpExpiresAt: Date | null; attachFiles: boolean };

/** The organisations a draft would reach right now, with the addresses each would get. */
async function targets(db: Tx | ReturnType<typeof getDb>, notice: { id: string; audience: string }): Promise<SendTarget[]> {
  return activeTargets(db, notice.audience === "SELECTED" ? { noticeAudiences: { some: { noticeId: notice.id } } } : {});
}

/**
 * These organisations, where active, with the addresses a notice email to each would go to (within a need-to-know
 * restriction the organisation already set for the notice, keyed by organisation id): late additions to a sent notice.
 */
export async function organisationTargets(db: Tx | ReturnType<typeof getDb>, organisationIds: string[], needToKnow: ReadonlyMap<string, NeedToKnow> = new Map()): Promise<SendTarget[]> {
  return activeTargets(db, { id: { in: organisationIds } }, needToKnow);
}

async function activeTargets(db: Tx | ReturnType<typeof getDb>, where: Prisma.OrganisationWhereInput, needToKnow: ReadonlyMap<string, NeedToKnow> = new Map()): Promise<SendTarget[]> {
  const orgs = await db.organisation.findMany({
    where: { status: "ACTIVE", ...where },
    orderBy: { name: "asc" },
    select: { id: true, name: true, pgpPublicKey: true, pgpExpiresAt: true, attachFilesEncrypted: true, ...MAIL_ADDRESSES_SELECT },
  });
  return orgs.map((o) => ({
    id: o.id,
    name: o.name,
    addresses: mailAddresses(o, needToKnow.get(o.id) ?? null),
    pgpPublicKey: o.pgpPublicKey,
    pgpExpiresAt: o.pgpExpiresAt,
    attachFiles: o.attachFilesEncrypted,
  }));
}

/** The emails of a notice to these organisations, as it stands: one per address, each told how to get in. */
export async function noticeEmails(
  notice: Parameters<typeof fullNoticeText>[0] & { encryptFullText: boolean },
  orgs: readonly SendTarget[],
): Promise<QueuedEmail[]> {
  const { publicUrl } = getConfig();
  const project = (await getProjectSettings()).name;
  // The files, read once, for organisations that receive them as encrypted attachments (./encrypted-files.ts).
  const files = notice.encryptFullText && orgs.some((o) => o.attachFiles && o.pgpPublicKey) ? await noticeFilesForEmail(notice.id, noticeLink(publicUrl, notice.id)) : null;
  return orgs.flatMap((org) =>
    org.addresses.map(({ to, kind }) => {
      const mail = embargoedNoticeMail(notice, publicUrl, { project, kind, to });
      if (!notice.encryptFullText || !org.pgpPublicKey) return { to, subject: mail.subject, text: mail.text, organisationId: org.id };
      const withFiles = org.attachFiles && files?.note ? files : null;
      return {
        to,
        subject: mail.subject,
        text: withFiles ? `${fullNoticeText(notice, publicUrl)}\n\n${withFiles.note}` : fullNoticeText(notice, publicUrl),
        organisationId: org.id,
        encryptTo: { armoredKey: org.pgpPublicKey, owner: org.name },
        ...(withFiles?.attach.length ? { attachments: withFiles.attach } : {}),
      };
    }),
  );
}

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

export async function sendNotice(viewer: Viewer, input: { noticeId: string; overrideReason: string | null }, request: RequestInfo): Promise<{ organisations: number; emails: number; warnings: string[] }> {
  const me = manager(viewer);
  const db = getDb();
  const state = (await db.notice.findUnique({ where: { id: input.noticeId }, select: { state: true } }))?.state;
  if (!state) throw new NotFoundError();
  if (!actionAllowed(state, "send")) throw new ConflictError("This notice was already sent.");
  // The reporters' credit choices first: the (encrypted) full text prepared below names the credit as it stands.
  await syncNoticeCreditNow(input.noticeId);
  const notice = await db.notice.findUnique({ where: { id: input.noticeId }, select: { ...NOTICE_SELECT, audience: true, encryptFullText: true, updatedAt: true, _count: { select: { attachments: true } } } });
  if (!notice) throw new NotFoundError();
  if (!actionAllowed(notice.state, "send")) throw new ConflictError("This notice was already sent.");
  const embargo = checkEmbargo({ now: new Date(), disclosureAt: notice.disclosureAt, attachments: notice._count.attachments, overrideReason: input.overrideReason }, getConfig().notices.embargo);
  if (embargo.blocking) throw new ValidationError(embargo.blocking, { disclosureAt: [embargo.blocking] });
  const list = await targets(db, notice);
  if (list.length === 0) throw new ValidationError("No active organisation would receive this notice. Activate organisations or choose others.");

  const emails = await noticeEmails(notice, list);
  // Encrypts (refusing loudly on an unusable key) and starts the job engine before the transaction opens.
  const outbox = await prepareDispatch({ purpose: "notice.sent", label: `${notice.reference} sent to ${list.length} organisation(s)`, topic: topicOf(notice.id), createdById: me.userId, emails });
  const boss = await getJobEngine();

  await db.$transaction(async (tx) => {
    const locked = await lockNotice(tx, notice.id);
    if (!locked || locked.state !== "DRAFT") throw new ConflictError("This notice was already sent.");
    // The draft saved meanwhile (audience, date, text): what was prepared is not what would be sent.
    if (locked.updatedAt.getTime() !== notice.updatedAt.getTime()) throw new ConflictError("The draft changed while it was being sent. Nothing was sent; review it and send again.");
    // The directory may have changed since the emails were prepared: then nothing is sent, and the maintainer retries.
    const now = await targets(tx, notice);
    const shape = (ts: SendTarget[]) => ts.map((t) => `${t.id}:${t.addresses.map((a) => a.to).join(",")}`).join("|");
    if (shape(now) !== shape(list)) {
      throw new ConflictError("The directory changed while the notice was being sent. Nothing was sent; review the recipients and send again.");
    }
    // A reporter changed their credit since it was synced: the updatedAt check above caught it, unless nothing synced it.
    if (await syncNoticeCredit(tx, notice.id)) throw new ConflictError("The reporter's credit changed while the notice was being sent. Nothing was sent; send again.");
    const sentAt = new Date();
    await tx.notice.update({ where: { id: notice.id }, data: { state: "EMBARGOED", sentAt, embargoOverrideReason: input.overrideReason } });
    await tx.noticeRecipient.createMany({ data: list.map((t) => ({ noticeId: notice.id, organisationId: t.id, notifiedAt: sentAt })) });
    await outbox.write(tx);
    await tellReporters(tx, { noticeId: notice.id, event: "DATE_SET", at: sentAt });
    await enqueue(boss, tx, "notice.disclose", [{ data: { noticeId: notice.id }, startAfter: notice.disclosureAt }]);
    await recordAudit(
      { actor: actor(me), action: "notice.sent", target: { type: "notice", id: notice.id }, ip: request.ip, details: { reference: notice.reference, organisations: list.length, emails: outbox.emailCount, ...(input.overrideReason ? { overrideReason: input.overrideReason } : {}) } },
      tx,
    );
  });
  return { organisations: list.length, emails: outbox.emailCount, warnings: embargo.warnings };
}
