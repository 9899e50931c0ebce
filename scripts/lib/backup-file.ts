// The backup file: one file, readable without the database, checked whole before a restore touches anything.
//
//   FOREWARN-BACKUP 1\n
//   {header, one line of JSON}\n
//   <payload: the database's own dump, payloadBytes long>
//   \nFOREWARN-BACKUP-END {"payloadBytes":N,"sha256":"…"}\n
//
// The sha256 covers everything before the end line. A file cut short (full disk, interrupted copy) has no end line;
// a damaged one fails the checksum. Written to a private temporary name and linked into place only when complete,
// with mode 0600 from the start: the header holds the instance secret and the payload every row of the database.
import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { link, open, rm, stat, chmod, type FileHandle } from "node:fs/promises";
import path from "node:path";

export const MAGIC = "FOREWARN-BACKUP";
export const FORMAT_VERSION = 1;
const END = `\n${MAGIC}-END `;
const MAX_HEADER_BYTES = 1 << 20;

export type Engine = "pglite" | "postgresql";

export type BackupHeader = {
  format: "forewarn-backup";
  version: number;
  createdAt: string;
  engine: Engine;
  /** "pglite-datadir-tar-gzip" (PGlite's dumpDataDir) or "pg_dump-custom" (pg_dump --format=custom). */
  payload: "pglite-datadir-tar-gzip" | "pg_dump-custom";
  /** PostgreSQL server version of the source (PGlite reports the PostgreSQL it embeds). */
  serverVersion: string;
  pgliteVersion?: string;
  pgDumpVersion?: string;
  /** Prisma migrations applied in the source, oldest first. */
  migrations: string[];
  /** <FOREWARN_DATA_DIR>/instance-secret of the source, when there was one. */
  instanceSecret: string | null;
  /** Where it came from, password redacted (for the operator's eyes only). */
  source: string;
  /** Rows per table ("schema.table": count) at backup time. */
  rows: Record<string, number>;
};

/** What a database engine hands the backup: the header's facts, then the payload. */
export type Source = {
  header: Pick<BackupHeader, "engine" | "payload" | "serverVersion" | "pgliteVersion" | "pgDumpVersion" | "migrations" | "source" | "rows">;
  writePayload(sink: PayloadSink): Promise<void>;
  close(): Promise<void>;
};

/** What a restore is about to replace; the restore script decides whether it may (throws BackupError if not). */
export type RestorePlan = { target: string; replaces: string[] };

/** A backup or restore that cannot go on; the message is for the operator and says what (not) happened. */
export class BackupError extends Error {}

/** Writes a backup to `file`: refuses to replace an existing file; the result appears only when complete. */
export async function writeBackup(file: string, header: BackupHeader, writePayload: (out: PayloadSink) => Promise<void>): Promise<{ bytes: number; sha256: string }> {
  const partial = path.join(path.dirname(file), `.${path.basename(file)}.partial-${process.pid}`);
  const handle = await open(partial, "wx", 0o600);
  try {
    await chmod(partial, 0o600); // whatever the umask
    const hash = createHash("sha256");
    const sink = new PayloadSink(handle, hash);
    await sink.write(Buffer.from(`${MAGIC} ${FORMAT_VERSION}\n${JSON.stringify(header)}\n`));
    const start = sink.written;
    await writePayload(sink);
    const payloadBytes = sink.written - start;
    const sha256 = hash.digest("hex");
    await handle.write(Buffer.from(`${END}${JSON.stringify({ payloadBytes, sha256 })}\n`));
    await handle.sync();
    await handle.close();
    // link() never replaces an existing file (rename would).
    await link(partial, file).catch((error: NodeJS.ErrnoException) => {
      throw error.code === "EEXIST" ? new BackupError(`${file} already exists; choose another file name (nothing was overwritten).`) : error;
    });
    await rm(partial, { force: true });
    return { bytes: (await stat(file)).size, sha256 };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}

export class PayloadSink {
  written = 0;
  private readonly handle: FileHandle;
  private readonly hash: Hash;
  constructor(handle: FileHandle, hash: Hash) {
    this.handle = handle;
    this.hash = hash;
  }
  async write(chunk: Uint8Array): Promise<void> {
    this.hash.update(chunk);
    let offset = 0;
    while (offset < chunk.length) {
      const { bytesWritten } = await this.handle.write(chunk, offset, chunk.length - offset);
      offset += bytesWritten;
    }
    this.written += chunk.length;
  }
  async writeStream(stream: AsyncIterable<Uint8Array>): Promise<void> {
    for await (const chunk of stream) await this.write(chunk);
  }
}

export type VerifiedBackup = { file: string; header: BackupHeader; payloadStart: number; payloadBytes: number; sha256: string };

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** Reads and checks the whole file: format, version, end marker, length and checksum. Throws BackupError. */
export async function verifyBackup(file: string): Promise<VerifiedBackup> {
  const handle = await open(file, "r").catch((error: NodeJS.ErrnoException) => {
    throw new BackupError(`Cannot read ${file} (${error.code ?? error.message}).`);
  });
  let header: BackupHeader;
  let payloadStart: number;
  let end: { payloadBytes: number; sha256: string };
  let size: number;
  try {
    size = (await handle.stat()).size;
    const head = await readAt(handle, 0, Math.min(size, MAX_HEADER_BYTES));
    const firstLine = head.indexOf(0x0a);
    const magic = head.subarray(0, firstLine < 0 ? 64 : firstLine).toString("latin1");
    if (!magic.startsWith(`${MAGIC} `)) {
      throw new BackupError(`${file} is not a Forewarn backup (it does not start with "${MAGIC}"). Use a file written by npm run backup.`);
    }
    const version = Number(magic.slice(MAGIC.length + 1));
    if (version !== FORMAT_VERSION) {
      throw new BackupError(`${file} is backup format "${magic.slice(MAGIC.length + 1)}"; this Forewarn reads format ${FORMAT_VERSION}. Restore it with the Forewarn version that wrote it.`);
    }
    const secondLine = head.indexOf(0x0a, firstLine + 1);
    if (secondLine < 0) throw new BackupError(`${file} is incomplete: it ends inside its header (the file was cut short).`);
    try {
      header = JSON.parse(head.subarray(firstLine + 1, secondLine).toString("utf8")) as BackupHeader;
    } catch {
      throw new BackupError(`${file} is damaged: its header is not readable.`);
    }
    if (header.format !== "forewarn-backup" || header.version !== FORMAT_VERSION || (header.engine !== "pglite" && header.engine !== "postgresql")) {
      throw new BackupError(`${file} is damaged: its header does not describe a Forewarn backup.`);
    }
    payloadStart = secondLine + 1;
    const tail = await readAt(handle, Math.max(payloadStart, size - 4096), Math.min(4096, size - payloadStart));
    const at = tail.lastIndexOf(END);
    const parsed = at < 0 ? null : parseEnd(tail.subarray(at + END.length).toString("utf8"));
    if (!parsed) {
      throw new BackupError(`${file} is incomplete: its end marker is missing (the file was cut short, e.g. by a full disk or an interrupted copy).`);
    }
    end = parsed;
    const trailerStart = size - (tail.length - at);
    if (trailerStart - payloadStart !== end.payloadBytes) {
      throw new BackupError(`${file} is damaged: it holds ${trailerStart - payloadStart} bytes of data where its end marker says ${end.payloadBytes}.`);
    }
  } finally {
    await handle.close();
  }
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file, { start: 0, end: payloadStart + end.payloadBytes - 1 })) hash.update(chunk as Buffer);
  const actual = hash.digest("hex");
  if (actual !== end.sha256) {
    throw new BackupError(`${file} is damaged: its checksum does not match (sha256 ${actual}, expected ${end.sha256}).`);
  }
  return { file, header, payloadStart, payloadBytes: end.payloadBytes, sha256: actual };
}

function parseEnd(text: string): { payloadBytes: number; sha256: string } | null {
  if (!text.endsWith("\n")) return null;
  try {
    const value = JSON.parse(text) as { payloadBytes?: unknown; sha256?: unknown };
    if (typeof value.payloadBytes !== "number" || typeof value.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(value.sha256)) return null;
    return { payloadBytes: value.payloadBytes, sha256: value.sha256 };
  } catch {
    return null;
  }
}

/** The payload of a verified backup as a stream (PostgreSQL) — see also openAsBlob for PGlite. */
export function payloadStream(backup: VerifiedBackup): NodeJS.ReadableStream {
  return createReadStream(backup.file, { start: backup.payloadStart, end: backup.payloadStart + backup.payloadBytes - 1 });
}
