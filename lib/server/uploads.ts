// What an attachment may be (notice patches and report attachments alike): a patch, a signature, an archive or a PDF, under a size limit, with content that matches
// its extension (an HTML page renamed .pdf is refused). Files are stored under server-made ids and always served as
// downloads with a content type chosen here, never the one the uploader claimed.

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * What next.config.ts lets a request body be: the largest file plus room for the rest of the form and its
 * multipart framing. Anything between the two limits reaches the app's own check and its clear message.
 */
export const UPLOAD_BODY_LIMIT = "11mb";

type Kind = { contentType: string; check: (bytes: Uint8Array) => boolean; what: string };

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** Text that is valid UTF-8, has no NUL bytes and does not start like an HTML document. */
function plainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !/^\s*(<!doctype\s+html|<html|<script|<svg|<\?xml)/i.test(text);
}

const TEXT: Kind = { contentType: "text/plain; charset=utf-8", check: plainText, what: "plain text" };

const KINDS: Record<string, Kind> = {
  ".patch": TEXT,
  ".diff": TEXT,
  ".txt": TEXT,
  ".md": TEXT,
  ".asc": TEXT,
  ".json": { contentType: "application/json", check: plainText, what: "JSON text" },
  ".pdf": { contentType: "application/pdf", check: (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]), what: "a PDF document" },
  ".zip": { contentType: "application/zip", check: (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]), what: "a ZIP archive" },
  ".tar.gz": { contentType: "application/gzip", check: (b) => startsWith(b, [0x1f, 0x8b]), what: "a gzip archive" },
  ".tgz": { contentType: "application/gzip", check: (b) => startsWith(b, [0x1f, 0x8b]), what: "a gzip archive" },
  ".gz": { contentType: "application/gzip", check: (b) => startsWith(b, [0x1f, 0x8b]), what: "a gzip archive" },
  ".sig": { contentType: "application/pgp-signature", check: (b) => b.length > 0, what: "a signature" },
};

export const ALLOWED_EXTENSIONS = Object.keys(KINDS);

/** The name as shown and offered for download: no directories, no control characters, bounded length. */
export function cleanFilename(raw: string): string {
  const base = raw.replace(/\\/g, "/").split("/").pop() ?? "";
  // Control characters and bidirectional overrides (a name that reads "gpj.exe" backwards) are dropped.
  const cleaned = base.replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069"<>|:*?]/g, "").replace(/^\.+/, "").trim();
  return cleaned.slice(-200);
}

function extensionOf(name: string): string | null {
  const lower = name.toLowerCase();
  return ALLOWED_EXTENSIONS.filter((ext) => lower.endsWith(ext)).sort((a, b) => b.length - a.length)[0] ?? null;
}

export type CheckedUpload = { ok: true; filename: string; contentType: string } | { ok: false; reason: string };

/**
 * What every stored file must be, whatever its content: a name, not empty, within the size limit. Files encrypted in
 * the reporter's browser stop here (their content is only readable with the project's private key); every other file
 * goes on to the content check of checkUpload.
 */
export function checkUploadEnvelope(rawName: string, bytes: Uint8Array): CheckedUpload {
  const filename = cleanFilename(rawName);
  if (!filename) return { ok: false, reason: "The file needs a name." };
  if (bytes.length === 0) return { ok: false, reason: "The file is empty." };
  if (bytes.length > MAX_ATTACHMENT_BYTES) return { ok: false, reason: `The file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.` };
  return { ok: true, filename, contentType: "application/octet-stream" };
}

export function checkUpload(rawName: string, bytes: Uint8Array): CheckedUpload {
  const envelope = checkUploadEnvelope(rawName, bytes);
  if (!envelope.ok) return envelope;
  const { filename } = envelope;
  const ext = extensionOf(filename);
  if (!ext) return { ok: false, reason: `Attach patches, signatures, archives or PDFs (${ALLOWED_EXTENSIONS.join(", ")}).` };
  const kind = KINDS[ext]!;
  if (!kind.check(bytes)) return { ok: false, reason: `${filename} is not ${kind.what}, as its extension says. Nothing was attached.` };
  return { ok: true, filename, contentType: kind.contentType };
}

/** Content-Disposition for a download: ASCII fallback plus the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
