import "server-only";
// Drafting notices (maintainers): create, edit, read, list. A reference is allocated with the draft, in the same
// transaction as its counter, so references have no gaps and never clash.
import type { Prisma } from "@/generated/prisma/client";
import { getDb } from "@/lib/server/db/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { LINKED_REPORT_STATUSES } from "@/lib/reports/policy";
import { actionAllowed, formatReference } from "../policy";
import type { NoticeDraftInput } from "../schemas";
import { actor, lockNotice, manager } from "./shared";

type Tx = Prisma.TransactionClient;

/** A draft's columns from its validated input (also what a revision compares against). */
export function noticeColumns(input: NoticeDraftInput) {
  return {
    title: input.title,
    summary: input.summary,
    description: input.description,
    remediation: input.remediation,
    detection: input.detection,
    mitigation: input.mitigation,
    workaround: input.workaround,
    affectedPackages: input.affectedPackages,
    references: input.references,
    affectedVersions: input.affectedVersions,
    fixedVersions: input.fixedVersions,
    cveIds: input.cveIds,
    relatedCveIds: input.relatedCveIds,
    cwe: input.cwe,
    cvssVector: input.cvssVector?.vector ?? null,
    cvssScore: input.cvssVector?.score ?? null,
    severity: input.severity,
    deployBeforeDisclosure: input.deployBeforeDisclosure,
    patchEmbargoed: input.patchEmbargoed,
    embargoNotes: input.embargoNotes,
    reporterCredit: input.reporterCredit,
    reporterOptOut: input.reporterOptOut,
    disclosureAt: input.disclosureAt,
    audience: input.audience,
    encryptFullText: input.encryptFullText,
  };
}

async function checkAudience(tx: Tx, organisationIds: string[]): Promise<void> {
  if (organisationIds.length === 0) return;
  const found = await tx.organisation.count({ where: { id: { in: organisationIds }, status: { not: "REMOVED" } } });
  if (found !== organisationIds.length) throw new ValidationError("One of the chosen organisations no longer exists.", { organisationIds: ["Choose again from the list."] });
}

async function allocateReference(tx: Tx, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const [row] = await tx.$queryRaw<Array<{ last: number }>>`
    INSERT INTO "NoticeCounter" (year, last) VALUES (${year}, 1)
    ON CONFLICT (year) DO UPDATE SET last = "NoticeCounter".last + 1
    RETURNING last`;
  return formatReference(year, Number(row!.last));
}

/**
 * Work another domain does in the draft's own transaction (e.g. a report accepted into this draft): it commits with
 * the draft or not at all. Passed in by the caller so that notices need not know that domain.
 */
export type WithNewDraft = (tx: Tx, notice: { id: string; reference: string }) => Promise<void>;

export async function createNoticeDraft(viewer: Viewer, input: NoticeDraftInput, request: RequestInfo, inTransaction?: WithNewDraft): Promise<{ id: string; reference: string }> {
  const me = manager(viewer);
  return getDb().$transaction(async (tx) => {
    await checkAudience(tx, input.organisationIds);
    const reference = await allocateReference(tx, new Date());
    const notice = await tx.notice.create({ data: { ...noticeColumns(input), reference, createdById: me.userId }, select: { id: true, reference: true } });
    if (input.organisationIds.length > 0) await tx.noticeAudienceOrg.createMany({ data: input.organisationIds.map((organisationId) => ({ noticeId: notice.id, organisationId })) });
    await recordAudit({ actor: actor(me), action: "notice.created", target: { type: "notice", id: notice.id }, ip: request.ip, details: { reference } }, tx);
    if (inTransaction) await inTransaction(tx, notice);
    return notice;
  });
}

/** Someone else saved since this form was opened: nothing is overwritten. */
export const STALE_EDIT = "Someone saved this notice after you opened it. Nothing was saved: copy your changes, reload the page and apply them again.";

export async function updateNoticeDraft(viewer: Viewer, noticeId: string, input: NoticeDraftInput, request: RequestInfo, expectedUpdatedAt?: Date): Promise<void> {
  const me = manager(viewer);
  await getDb().$transaction(async (tx) => {
    const current = await lockNotice(tx, noticeId);
    if (!current) throw new NotFoundError();
    if (!actionAllowed(current.state as never, "edit")) throw new ConflictError("This notice was sent: change it with a revision instead.");
    if (expectedUpdatedAt && current.updatedAt.getTime() !== expectedUpdatedAt.getTime()) throw new ConflictError(STALE_EDIT);
    await checkAudience(tx, input.organisationIds);
    await tx.notice.update({ where: { id: noticeId }, data: noticeColumns(input) });
    await tx.noticeAudienceOrg.deleteMany({ where: { noticeId } });
    if (input.organisationIds.length > 0) await tx.noticeAudienceOrg.createMany({ data: input.organisationIds.map((organisationId) => ({ noticeId, organisationId })) });
    await recordAudit({ actor: actor(me), action: "notice.updated", target: { type: "notice", id: noticeId }, ip: request.ip }, tx);
  });
}

export const NOTICE_SELECT = {
  id: true,
  reference: true,
  state: true,
  title: true,
  summary: true,
  description: true,
  remediation: true,
  detection: true,
  mitigation: true,
  workaround: true,
  affectedPackages: true,
  references: true,
  affectedVersions: true,
  fixedVersions: true,
  cveIds: true,
  relatedCveIds: true,
  cwe: true,
  cvssVector: true,
  cvssScore: true,
  severity: true,
  deployBeforeDisclosure: true,
  patchEmbargoed: true,
  embargoNotes: true,
  reporterCredit: true,
  reporterOptOut: true,
  disclosureAt: true,
  revision: true,
  sentAt: true,
  disclosedAt: true,
  plannedDisclosureAt: true,
  withdrawnAt: true,
  endReason: true,
} as const;

/** A notice as maintainers see it, with its audience, attachments (without their bytes) and revisions. */
export async function getNotice(viewer: Viewer, noticeId: string) {
  manager(viewer);
  const notice = await getDb().notice.findUnique({
    where: { id: noticeId },
    select: {
      ...NOTICE_SELECT,
      audience: true,
      encryptFullText: true,
      embargoOverrideReason: true,
      checklist: true,
      createdAt: true,
      updatedAt: true,
      audienceOrgs: { select: { organisation: { select: { id: true, name: true, status: true } } } },
      attachments: { orderBy: { createdAt: "asc" }, select: { id: true, filename: true, contentType: true, size: true, sha256: true, public: true, createdAt: true } },
      revisions: { orderBy: { number: "desc" }, select: { number: true, changeNote: true, changes: true, at: true } },
      // reports: those whose reporters follow the notice (the forms then offer a note to share with them).
      _count: { select: { recipients: { where: { removedAt: null } }, reports: { where: { status: { in: [...LINKED_REPORT_STATUSES] } } } } },
    },
  });
  if (!notice) throw new NotFoundError();
  return notice;
}

export type NoticeListRow = {
  id: string;
  reference: string;
  title: string;
  state: string;
  disclosureAt: Date;
  recipients: number;
  acknowledged: number;
};

/** The dashboard: every notice with its acknowledgement ratio, newest disclosure first. */
export async function listNotices(viewer: Viewer, opts: { state?: string | undefined } = {}): Promise<NoticeListRow[]> {
  manager(viewer);
  const db = getDb();
  const notices = await db.notice.findMany({
    where: opts.state ? { state: opts.state as never } : {},
    orderBy: [{ disclosureAt: "desc" }],
    take: 200,
    select: { id: true, reference: true, title: true, state: true, disclosureAt: true, _count: { select: { recipients: { where: { removedAt: null } } } } },
  });
  const acked = await db.noticeRecipient.groupBy({ by: ["noticeId"], where: { noticeId: { in: notices.map((n) => n.id) }, acknowledgedAt: { not: null }, removedAt: null }, _count: { _all: true } });
  const ackedBy = new Map(acked.map((a) => [a.noticeId, a._count._all]));
  return notices.map((n) => ({ id: n.id, reference: n.reference, title: n.title, state: n.state, disclosureAt: n.disclosureAt, recipients: n._count.recipients, acknowledged: ackedBy.get(n.id) ?? 0 }));
}
