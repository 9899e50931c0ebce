import "server-only";
// The notice's files (patches) as attachments of the encrypted notice email, for organisations that asked for them
// (Organisation.attachFilesEncrypted, set in the directory). Each file is encrypted to the organisation's key and
// signed by the project in the outbox (lib/mail/data/sign.ts); never attached in clear. When the files are too large
// for one email (lib/mail/policy.ts#ENCRYPTED_ATTACHMENTS_MAX_BYTES) the email goes without them and says so, with
// the portal link.
import { getDb } from "@/lib/server/db/client";
import { ENCRYPTED_ATTACHMENTS_MAX_BYTES, encryptedAttachmentsFit } from "@/lib/mail/policy";
import { attachmentPartName } from "@/lib/mail/data/sign";

export type NoticeFiles = {
  /** The files to attach, or none (no files, or too large: then `note` says so). */
  attach: Array<{ filename: string; data: Uint8Array }>;
  /** A paragraph for the end of the encrypted text, or "" when the notice has no files. */
  note: string;
};

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** What the encrypted email of an organisation that wants the files carries: read once per send, shared by all. */
export async function noticeFilesForEmail(noticeId: string, portalLink: string): Promise<NoticeFiles> {
  const files = await getDb().noticeAttachment.findMany({ where: { noticeId }, orderBy: { createdAt: "asc" }, select: { filename: true, size: true, sha256: true, data: true } });
  if (files.length === 0) return { attach: [], note: "" };
  const list = files.map((f) => `- ${f.filename} (${size(f.size)}, SHA-256 ${f.sha256})`);
  const attached = files.map((f, i) => `- ${attachmentPartName(i)}: ${f.filename} (${size(f.size)}, SHA-256 ${f.sha256})`);
  if (!encryptedAttachmentsFit(files.map((f) => f.size))) {
    const total = files.reduce((n, f) => n + f.size, 0);
    return {
      attach: [],
      note: [
        "## Files",
        "",
        `This notice has ${files.length} file(s), ${size(total)} in all: too large to attach to this email (the limit is ${size(ENCRYPTED_ATTACHMENTS_MAX_BYTES)} encrypted).`,
        `Download them in Forewarn: ${portalLink}`,
        "",
        ...list,
      ].join("\n"),
    };
  }
  return {
    attach: files.map((f) => ({ filename: f.filename, data: new Uint8Array(f.data) })),
    note: [
      "## Files",
      "",
      "Attached to this email, each encrypted to your organisation's key and signed by the project (decrypt with",
      "gpg --decrypt file-1.asc > <name>; gpg reports the signature and the file's name):",
      "",
      ...attached,
    ].join("\n"),
  };
}
