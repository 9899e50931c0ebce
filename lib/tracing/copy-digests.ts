// The SHA-256 and size of marked copies already made in this process, keyed by (file, code): the vendor notice page
// shows each member the hash of the copy they will download without reading the file's bytes on every view. An
// attachment's bytes never change once stored, so an entry never goes stale; least recently used entries go first.
export type CopyDigest = { sha256: string; size: number; marked: boolean };

const MAX_ENTRIES = 20_000;
const entries = new Map<string, CopyDigest>();

function key(attachmentId: string, code: string): string {
  return `${attachmentId}:${code}`;
}

export const copyDigests = {
  get(attachmentId: string, code: string): CopyDigest | undefined {
    const k = key(attachmentId, code);
    const hit = entries.get(k);
    if (hit) {
      entries.delete(k);
      entries.set(k, hit);
    }
    return hit;
  },
  set(attachmentId: string, code: string, digest: CopyDigest): void {
    const k = key(attachmentId, code);
    entries.delete(k);
    entries.set(k, digest);
    for (const [oldest] of entries) {
      if (entries.size <= MAX_ENTRIES) break;
      entries.delete(oldest);
    }
  },
  get size(): number {
    return entries.size;
  },
  /** Tests start from an empty cache. */
  clear(): void {
    entries.clear();
  },
};
