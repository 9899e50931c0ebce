import "server-only";
// The copy of a file a vendor member downloads while the notice is under embargo: marked for (notice, organisation,
// member, file), so a leaked copy can be traced (lib/tracing). Maintainers and public downloads of a disclosed notice
// get the original. A file that has a detached signature or digest next to it (name.asc, name.sig, name.sha256, …), or
// any file of a notice that carries a digest list (SHA256SUMS, checksums.txt), is never marked: they would no longer verify.
import { createHash } from "node:crypto";
import { getDb } from "@/lib/server/db/client";
import { copyCoder, type CopyIdentity } from "@/lib/tracing/codes";
import { copyDigests, type CopyDigest } from "@/lib/tracing/copy-digests";
import { markFile } from "@/lib/tracing/file-marks";

type StoredFile = { id: string; filename: string; contentType: string };

/** Detached signatures and digests of one file, by the conventions of gpg, signify/minisign and sha*sum. */
const SIDECARS = [".asc", ".sig", ".sign", ".minisig", ".sha256", ".sha512", ".sha256sum", ".sha512sum", ".sha1", ".md5"];
/** A list of digests for many files (SHA256SUMS, sha512sums.txt, CHECKSUMS, checksums.txt, each maybe signed). */
const DIGEST_LIST = /(^|[^a-z])(sha\d*sums?|md5sums?|checksums?)([^a-z]|$)/i;

/**
 * The file has a detached signature or digest beside it (name.asc, name.sha256, …), or the notice carries a list of
 * digests: a marked copy would no longer match what the maintainers signed or published, so it is served as it is.
 */
export function hasDetachedSignature(filename: string, siblings: readonly string[]): boolean {
  const lower = filename.toLowerCase();
  return siblings.some((name) => DIGEST_LIST.test(name) || SIDECARS.some((ext) => name.toLowerCase() === lower + ext));
}

export function downloadIdentity(noticeId: string, organisationId: string, userId: string, attachmentId: string): CopyIdentity {
  return { form: "download", noticeId, organisationId, userId, attachmentId };
}

/** Whether this member's copy of this file carries a mark at all (before reading the bytes). */
export function markableFor(file: StoredFile, siblings: readonly string[]): boolean {
  return !hasDetachedSignature(file.filename, siblings);
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * The copy of a notice's file served for `identity` (null: a maintainer's or the public's): while the notice is under
 * embargo and the file may carry a mark, the marked copy; otherwise the stored original.
 */
export function servedCopy(
  file: StoredFile & { data: Uint8Array; sha256: string },
  notice: { state: string; filenames: readonly string[] },
  identity: CopyIdentity | null,
): { bytes: Uint8Array } & CopyDigest {
  if (identity && notice.state === "EMBARGOED" && markableFor(file, notice.filenames)) return markedCopy(file, identity);
  return { bytes: file.data, sha256: file.sha256, size: file.data.length, marked: false };
}

/** The bytes served for a copy, and their digest (remembered for the notice page). */
export function markedCopy(file: StoredFile & { data: Uint8Array }, identity: CopyIdentity, code = copyCoder()(identity)): { bytes: Uint8Array } & CopyDigest {
  const { bytes, marked } = markFile({ filename: file.filename, contentType: file.contentType, bytes: file.data }, code);
  const digest = { sha256: sha256Hex(bytes), size: bytes.length, marked };
  copyDigests.set(file.id, code, digest);
  return { bytes, ...digest };
}

/**
 * The digests of this member's copies of a notice's files, as the notice page shows them: from the in-process cache,
 * and on a miss ONE statement that reads the missing files' bytes. Files that are never marked keep their own hash.
 */
export async function copyDigestsFor(
  files: ReadonlyArray<StoredFile & { sha256: string; size: number }>,
  who: { noticeId: string; organisationId: string; userId: string },
): Promise<Map<string, CopyDigest>> {
  const coder = copyCoder();
  const siblings = files.map((f) => f.filename);
  const out = new Map<string, CopyDigest>();
  const missing: Array<{ file: StoredFile; identity: CopyIdentity; code: string }> = [];
  for (const file of files) {
    if (!markableFor(file, siblings)) {
      out.set(file.id, { sha256: file.sha256, size: file.size, marked: false });
      continue;
    }
    const identity = downloadIdentity(who.noticeId, who.organisationId, who.userId, file.id);
    const code = coder(identity);
    const hit = copyDigests.get(file.id, code);
    if (hit) out.set(file.id, hit);
    else missing.push({ file, identity, code });
  }
  if (missing.length === 0) return out;
  const rows = await getDb().noticeAttachment.findMany({ where: { id: { in: missing.map((m) => m.file.id) }, noticeId: who.noticeId }, select: { id: true, data: true } });
  const bytes = new Map(rows.map((r) => [r.id, new Uint8Array(r.data)]));
  for (const { file, identity, code } of missing) {
    const data = bytes.get(file.id);
    if (!data) continue;
    const { sha256, size, marked } = markedCopy({ ...file, data }, identity, code);
    out.set(file.id, { sha256, size, marked });
  }
  return out;
}
