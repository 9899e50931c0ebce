import "server-only";
// The notice's files (patches) as attachments of the encrypted notice email, for organisations that asked for them
// (Organisation.attachFilesEncrypted, set in the directory). Each file is encrypted to the organisation's key and
// signed by the project in the outbox (lib/mail/data/sign.ts); never attached in clear. When the files are too large
// for one email (lib/mail/policy.ts#ENCRYPTED_ATTACHMENTS_MAX_BYTES) the email goes without them and says so, with
// the portal link.
import { getDb } from "@/lib/server/db/client";
import { ENCRYPTED_ATTACHMENTS_MAX_BYTES, encryptedAttachmentsFit } from "@/lib/mail/policy";
import { attachmentPartName } from "@/lib/mail/data/sign";
import { servedCopy } from "./marked-copies";

export type NoticeFiles = {
  /** The files to attach, or none (no files, or too large: then `note` says so). */
  attach: Array<{ filename: string; data: Uint8Array }>;
  /** A paragraph for the end of the encrypted text, or "" when the notice has no files. */
  note: string;
};

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/**
 * What the encrypted email of an organisation that wants the files carries: the files are read once per send; each
 * organisation gets its own marked copies under embargo (leak tracing: form "email", per file — ./marked-copies.ts),
 * and the hashes the email states are those of the copies it carries.
 */
export async function noticeFilesForEmail(notice: { id: string; state: string }, portalLink: string): Promise<(organisationId: string) => NoticeFiles> {
  const files = await getDb().noticeAttachment.findMany({ where: { noticeId: notice.id }, orderBy: { createdAt: "asc" }, select: { id: true, filename: true, contentType: true, size: true, sha256: true, data: true } });
  const filenames = files.map((f) => f.filename);
  return (organisationId) => {
    if (files.length === 0) return { attach: [], note: "" };
    const copies = files.map((f) => {
      const copy = servedCopy({ ...f, data: new Uint8Array(f.data) }, { state: notice.state, filenames }, { form: "email", noticeId: notice.id, organisationId, attachmentId: f.id });
      return { filename: f.filename, data: copy.bytes, size: copy.size, sha256: copy.sha256 };
    });
    const list = copies.map((f) => `- ${f.filename} (${size(f.size)}, SHA-256 ${f.sha256})`);
    const attached = copies.map((f, i) => `- ${attachmentPartName(i)}: ${f.filename} (${size(f.size)}, SHA-256 ${f.sha256})`);
    if (!encryptedAttachmentsFit(copies.map((f) => f.size))) {
      const total = copies.reduce((n, f) => n + f.size, 0);
      return {
        attach: [],
        note: [
          "## Files",
          "",
          `This notice has ${copies.length} file(s), ${size(total)} in all: too large to attach to this email (the limit is ${size(ENCRYPTED_ATTACHMENTS_MAX_BYTES)} encrypted).`,
          `Download them in Forewarn: ${portalLink} (each member's download is their own copy, with its own SHA-256 shown there).`,
          "",
          ...list,
        ].join("\n"),
      };
    }
    return {
      attach: copies.map((f) => ({ filename: f.filename, data: f.data })),
      note: [
        "## Files",
        "",
        "Attached to this email, each encrypted to your organisation's key and signed by the project (decrypt with",
        "gpg --decrypt file-1.asc > <name>; gpg reports the signature and the file's name). The SHA-256 below is",
        "that of the copy attached here:",
        "",
        ...attached,
      ].join("\n"),
    };
  };
}
