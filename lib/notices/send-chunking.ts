// Where one chunk of a send stops (issue 15), decided on the emails it composed, in order, before they are encrypted:
//  - in whole provider batches: the mail worker sends each batch of at most BATCH_SIZE emails in one call, and a
//    chunk's emails are batched on their own, so a chunk that stopped at 150 would cost two calls for 150 emails; a
//    chunk therefore ends where its clear-text emails fill whole batches, and what is left (the rest of the last
//    organisation it reached, and the ones after) is composed again by the next chunk;
//  - within a byte budget: an email with encrypted attachments (sent alone, one per call) can weigh megabytes, and a
//    chunk is one transaction: it takes emails until the next would pass the budget (always at least one);
//  - the last chunk of a send takes everything left (its last batch may be partial).
import { BATCH_SIZE } from "@/lib/mail/policy";

/** A chunk's byte budget: its transaction stays short however heavy the files (one email always fits). */
export const CHUNK_MAX_BYTES = 8 * 1024 * 1024;

/** One composed email as the cut sees it: whether it travels alone (it has attachments) and about how many bytes it stores. */
export type ChunkEmail = { alone: boolean; bytes: number };

/**
 * How many of `emails` (in order) one chunk writes. `rest`: these are all the emails the send has left, so a partial
 * last batch is fine. Without a whole-batch cut within the budget (fewer than a batch composed), everything that fits.
 */
export function chunkCut(emails: readonly ChunkEmail[], opts: { maxBytes: number; rest: boolean; batchSize?: number }): number {
  const batchSize = opts.batchSize ?? BATCH_SIZE;
  let [plain, bytes, whole, fit] = [0, 0, 0, 0];
  for (const [i, email] of emails.entries()) {
    if (i > 0 && bytes + email.bytes > opts.maxBytes) break;
    bytes += email.bytes;
    if (!email.alone) plain += 1;
    fit = i + 1;
    if (plain % batchSize === 0) whole = fit;
  }
  if (opts.rest && fit === emails.length) return fit;
  return whole > 0 ? whole : fit;
}

/** About how many bytes an email stores in the outbox: its text, and its files once encrypted and armored. */
export function storedBytes(email: { text: string; html?: string | undefined; encryptTo?: unknown; attachments?: ReadonlyArray<{ data: Uint8Array }> | undefined }): number {
  const body = email.text.length + (email.html?.length ?? 0);
  const files = (email.attachments ?? []).reduce((n, a) => n + Math.ceil(a.data.byteLength * 1.4) + 4096, 0);
  return (email.encryptTo ? Math.ceil(body * 1.4) + 4096 : body) + files;
}
