// The comment fields of gzip (RFC 1952 FCOMMENT) and ZIP (end of central directory) archives: text that every tool
// ignores when testing or extracting, so a comment carries a mark without changing a byte of the content.
import { crc32 } from "node:zlib";

const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;

/** The archive with its first member's comment set (an existing comment is replaced), or null if it is not gzip. */
export function setGzipComment(bytes: Uint8Array, comment: string): Uint8Array | null {
  const data = Buffer.from(bytes);
  if (data.length < 18 || data[0] !== 0x1f || data[1] !== 0x8b || data[2] !== 8) return null;
  const flags = data[3]!;
  if (flags & 0xe0) return null;
  let at = 10;
  if (flags & FEXTRA) at += 2 + data.readUInt16LE(at);
  const zeroTerminated = (from: number) => {
    const end = data.indexOf(0, from);
    if (end < 0) throw new RangeError("unterminated field");
    return end + 1;
  };
  try {
    if (flags & FNAME) at = zeroTerminated(at);
    const commentStart = at;
    if (flags & FCOMMENT) at = zeroTerminated(at);
    const body = data.subarray(at + (flags & FHCRC ? 2 : 0));
    if (at > data.length) return null;
    const text = Buffer.from(comment, "utf8");
    if (text.includes(0)) return null;
    const header = Buffer.concat([data.subarray(0, commentStart), text, Buffer.from([0])]);
    header[3] = flags | FCOMMENT;
    const parts = [header];
    if (flags & FHCRC) {
      const crc = Buffer.alloc(2);
      crc.writeUInt16LE(crc32(header) & 0xffff);
      parts.push(crc);
    }
    return new Uint8Array(Buffer.concat([...parts, body]));
  } catch {
    return null;
  }
}

const EOCD = 0x06054b50;
const EOCD_SIZE = 22;

/** The archive with its comment set (replacing one), or null if no end-of-central-directory record is found. */
export function setZipComment(bytes: Uint8Array, comment: string): Uint8Array | null {
  const data = Buffer.from(bytes);
  const text = Buffer.from(comment, "utf8");
  if (text.length > 0xffff) return null;
  // The record is the last thing in the file but its own comment (at most 65,535 bytes).
  for (let at = data.length - EOCD_SIZE; at >= Math.max(0, data.length - EOCD_SIZE - 0xffff); at--) {
    if (data.readUInt32LE(at) !== EOCD) continue;
    if (at + EOCD_SIZE + data.readUInt16LE(at + 20) !== data.length) continue;
    const record = Buffer.from(data.subarray(at, at + EOCD_SIZE));
    record.writeUInt16LE(text.length, 20);
    return new Uint8Array(Buffer.concat([data.subarray(0, at), record, text]));
  }
  return null;
}
