// Marks in downloaded files, only where the file's own format has room for text its tools ignore, so a marked copy
// works exactly like the original: patches (patch-marks.ts), plain text and Markdown (prose), gzip (the header's
// comment field, RFC 1952) and ZIP (the archive comment). Everything else — signatures and OpenPGP armour, JSON, PDF —
// is served unmarked (`marked: false`).
import { gunzipSync } from "node:zlib";
import { encodeMark, findMarks } from "./mark-codec";
import { NEUTRAL_LINE, markPatch, isPatch } from "./patch-marks";
import { markPlainText } from "./text-marks";
import { setGzipComment, setZipComment } from "./archive-comments";

type MarkableFile = { filename: string; contentType: string; bytes: Uint8Array };

function utf8(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function markText(file: MarkableFile, code: string): Uint8Array | null {
  const name = file.filename.toLowerCase();
  if (!/\.(patch|diff|txt|md)$/.test(name)) return null;
  const text = utf8(file.bytes);
  if (text === null || /^-----BEGIN PGP (SIGNED MESSAGE|MESSAGE|SIGNATURE)/m.test(text)) return null;
  const marked = isPatch(file.filename, text) ? markPatch(text, code) : /\.(txt|md)$/.test(name) ? markPlainText(text, code) : null;
  if (marked === null || findMarks(marked).length === 0) return null;
  return new TextEncoder().encode(marked);
}

/** The copy to serve: marked when the file's type has a safe place for a mark, else the original bytes. */
export function markFile(file: MarkableFile, code: string): { bytes: Uint8Array; marked: boolean } {
  const name = file.filename.toLowerCase();
  const comment = NEUTRAL_LINE(encodeMark(code));
  let marked: Uint8Array | null = null;
  if (file.contentType.startsWith("text/plain")) marked = markText(file, code);
  else if (file.contentType === "application/gzip" && /\.(gz|tgz)$/.test(name)) marked = setGzipComment(file.bytes, comment);
  else if (file.contentType === "application/zip" && name.endsWith(".zip")) marked = setZipComment(file.bytes, comment);
  return marked ? { bytes: marked, marked: true } : { bytes: file.bytes, marked: false };
}

function gzipContent(bytes: Uint8Array): string | null {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return null;
  try {
    return gunzipSync(bytes, { maxOutputLength: 64 * 1024 * 1024 }).toString("utf8");
  } catch {
    return null;
  }
}

/** Intact marks anywhere in a file's bytes (read as text) and, for gzip, in its content too. */
export function findFileMarks(bytes: Uint8Array): Array<{ code: string; count: number }> {
  const raw = Buffer.from(bytes).toString("utf8");
  const inner = gzipContent(bytes);
  return findMarks(inner === null ? raw : `${raw}\n${inner}`);
}
