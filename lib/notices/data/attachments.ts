import "server-only";
// Patches and other files of a notice, kept in the database (every instance serves them) and reached only through
// their notice: maintainers always; a vendor member through the notice's scope once they accepted its terms; anyone
// for a file marked public of a disclosed notice.
import { createHash } from "node:crypto";
import { getDb } from "@/lib/server/db/client";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { recordAudit } from "@/lib/audit/data";
import { canManageNotices, noticeScope, recipientScope } from "../policy";
import { checkUpload } from "../uploads";
import { downloadIdentity, servedCopy } from "./marked-copies";
import { actor, lockNotice, manager, vendorOnly } from "./shared";

export async function addAttachment(
  viewer: Viewer,
  input: { noticeId: string; filename: string; bytes: Uint8Array; public: boolean },
  request: RequestInfo,
): Promise<{ id: string; sha256: string; size: number }> {
  const me = manager(viewer);
  const checked = checkUpload(input.filename, input.bytes);
  if (!checked.ok) throw new ValidationError(checked.reason, { file: [checked.reason] });
  const db = getDb();
  const notice = await db.notice.findUnique({ where: { id: input.noticeId }, select: { state: true, reference: true } });
  if (!notice) throw new NotFoundError();
  if (notice.state !== "DRAFT" && notice.state !== "EMBARGOED") throw new ConflictError("Files can be added while the notice is a draft or under embargo.");
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  return db.$transaction(async (tx) => {
    const created = await tx.noticeAttachment.create({
      data: { noticeId: input.noticeId, filename: checked.filename, contentType: checked.contentType, size: input.bytes.length, sha256, data: Buffer.from(input.bytes), public: input.public, uploadedById: me.userId },
      select: { id: true },
    });
    await recordAudit({ actor: actor(me), action: "notice.attachment-added", target: { type: "notice", id: input.noticeId }, ip: request.ip, details: { reference: notice.reference, filename: checked.filename, sha256, size: input.bytes.length } }, tx);
    return { id: created.id, sha256, size: input.bytes.length };
  });
}

/** `sha256` is the served copy's (what the vendor checks); a marked copy differs from the stored original. */
export type Download = { filename: string; contentType: string; sha256: string; data: Uint8Array; marked: boolean };

/** The file, or NotFoundError for anyone who may not have it (the same answer as a file that does not exist). */
export async function getAttachmentForDownload(viewer: Viewer, noticeId: string, attachmentId: string, request: RequestInfo): Promise<Download> {
  const db = getDb();
  // Anyone: a public file of a disclosed notice.
  const publicFile = { id: attachmentId, noticeId, public: true, notice: { state: "DISCLOSED" } };
  let where: Record<string, unknown>;
  if (canManageNotices(viewer)) where = { id: attachmentId, noticeId };
  else if (viewer.kind === "vendor") {
    const scope = noticeScope(vendorOnly(viewer))!;
    // The details of a notice, its files included, come after this member accepted its terms.
    where = { OR: [{ id: attachmentId, noticeId, notice: { ...scope, recipients: { some: { ...recipientScope(viewer), termsAcceptances: { some: { userId: viewer.userId } } } } } }, publicFile] };
  } else where = publicFile;
  const file = await db.noticeAttachment.findFirst({
    where,
    select: { id: true, filename: true, contentType: true, sha256: true, data: true, notice: { select: { state: true, attachments: { select: { filename: true } } } } },
  });
  if (!file) throw new NotFoundError();
  // A member's copy of an embargoed notice's file is their own, marked one (lib/tracing); everyone else gets the original.
  const served = servedCopy(
    { ...file, data: new Uint8Array(file.data) },
    { state: file.notice.state, filenames: file.notice.attachments.map((a) => a.filename) },
    viewer.kind === "vendor" ? downloadIdentity(noticeId, viewer.organisationId, viewer.userId, file.id) : null,
  );
  if (viewer.kind !== "anonymous") {
    // The original's hash names the file; a marked copy's own hash is added (never its code).
    const copy = served.marked ? { servedSha256: served.sha256 } : {};
    await recordAudit({ actor: actor(viewer), action: "notice.attachment-downloaded", target: { type: "notice", id: noticeId }, ip: request.ip, details: { attachmentId, sha256: file.sha256, ...copy, ...(viewer.kind === "vendor" ? { organisationId: viewer.organisationId } : {}) } });
  }
  return { filename: file.filename, contentType: file.contentType, sha256: served.sha256, data: served.bytes, marked: served.marked };
}

/**
 * Publishes a file with the advisory once disclosed, or keeps it for recipients only. Allowed in every state but
 * withdrawn (a patch can be published after the fact, or taken back from the public page).
 */
export async function setAttachmentPublic(viewer: Viewer, input: { noticeId: string; attachmentId: string; public: boolean }, request: RequestInfo): Promise<void> {
  const me = manager(viewer);
  await getDb().$transaction(async (tx) => {
    const notice = await lockNotice(tx, input.noticeId);
    const file = notice ? await tx.noticeAttachment.findFirst({ where: { id: input.attachmentId, noticeId: input.noticeId }, select: { filename: true, sha256: true, public: true } }) : null;
    if (!notice || !file) throw new NotFoundError();
    if (notice.state === "WITHDRAWN") throw new ConflictError("The notice was withdrawn: its files are never published.");
    if (file.public === input.public) return;
    await tx.noticeAttachment.update({ where: { id: input.attachmentId }, data: { public: input.public } });
    await recordAudit({ actor: actor(me), action: input.public ? "notice.attachment-published" : "notice.attachment-unpublished", target: { type: "notice", id: input.noticeId }, ip: request.ip, details: { attachmentId: input.attachmentId, filename: file.filename, sha256: file.sha256 } }, tx);
  });
}

/**
 * Removes a file while the notice is a draft or under embargo (a wrong upload); once disclosed, what was published
 * stays. The audit keeps its name and hash: recipients who downloaded it can still tell which file it was.
 */
export async function removeAttachment(viewer: Viewer, input: { noticeId: string; attachmentId: string }, request: RequestInfo): Promise<void> {
  const me = manager(viewer);
  await getDb().$transaction(async (tx) => {
    const notice = await lockNotice(tx, input.noticeId);
    const file = notice ? await tx.noticeAttachment.findFirst({ where: { id: input.attachmentId, noticeId: input.noticeId }, select: { filename: true, sha256: true, size: true } }) : null;
    if (!notice || !file) throw new NotFoundError();
    if (notice.state !== "DRAFT" && notice.state !== "EMBARGOED") throw new ConflictError("Files can be removed while the notice is a draft or under embargo.");
    await tx.noticeAttachment.delete({ where: { id: input.attachmentId } });
    await recordAudit({ actor: actor(me), action: "notice.attachment-removed", target: { type: "notice", id: input.noticeId }, ip: request.ip, details: { attachmentId: input.attachmentId, filename: file.filename, sha256: file.sha256, size: file.size } }, tx);
  });
}
