import "server-only";
// Who a sent notice reaches and the emails it sends them, as it stands: used by a send's chunks (./send-chunks.ts),
// the preview before sending (./send.ts) and organisations added late (./recipients.ts).
import type { Prisma } from "@/generated/prisma/client";
import type { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import { MAIL_ADDRESSES_SELECT, mailAddresses, type MailAddress, type NeedToKnow } from "@/lib/mail/addresses";
import { getProjectSettings } from "@/lib/settings/data";
import type { QueuedEmail } from "@/lib/mail/data";
import { embargoedNoticeMail, fullNoticeText, noticeLink } from "../mail";
import { noticeFilesForEmail } from "./encrypted-files";
import { markNoticeProse, noticeCopyCode } from "../copy-marks";

type Tx = Prisma.TransactionClient;

export type SendTarget = { id: string; name: string; addresses: MailAddress[]; pgpPublicKey: string | null; pgpExpiresAt: Date | null; attachFiles: boolean };

/** The organisations a draft would reach right now, with the addresses each would get. */
export async function targets(db: Tx | ReturnType<typeof getDb>, notice: { id: string; audience: string }): Promise<SendTarget[]> {
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

/**
 * The emails of a notice to these organisations, as it stands: one per address, each told how to get in. The full
 * text inside an organisation's encrypted email carries that organisation's "email" mark (leak tracing,
 * ../copy-marks.ts); the clear emails carry no content, hence no mark.
 */
export async function noticeEmails(
  notice: Parameters<typeof fullNoticeText>[0] & { state: string; encryptFullText: boolean },
  orgs: readonly SendTarget[],
): Promise<QueuedEmail[]> {
  const { publicUrl } = getConfig();
  const project = (await getProjectSettings()).name;
  // The files, read once, for organisations that receive them as encrypted attachments (./encrypted-files.ts).
  const files = notice.encryptFullText && orgs.some((o) => o.attachFiles && o.pgpPublicKey) ? await noticeFilesForEmail(notice, noticeLink(publicUrl, notice.id)) : null;
  return orgs.flatMap((org) => {
    const full = notice.encryptFullText && org.pgpPublicKey ? fullNoticeText(markNoticeProse(notice, noticeCopyCode("email", notice, org.id)), publicUrl) : null;
    // This organisation's copies of the files, made once for all its addresses.
    const orgFiles = full !== null && org.attachFiles && files ? files(org.id) : null;
    return org.addresses.map(({ to, kind }) => {
      const mail = embargoedNoticeMail(notice, publicUrl, { project, kind, to });
      if (full === null || !org.pgpPublicKey) return { to, subject: mail.subject, text: mail.text, organisationId: org.id };
      const withFiles = orgFiles?.note ? orgFiles : null;
      return {
        to,
        subject: mail.subject,
        text: withFiles ? `${full}\n\n${withFiles.note}` : full,
        organisationId: org.id,
        encryptTo: { armoredKey: org.pgpPublicKey, owner: org.name },
        ...(withFiles?.attach.length ? { attachments: withFiles.attach } : {}),
      };
    });
  });
}

