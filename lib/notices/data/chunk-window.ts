import "server-only";
// The window of a frozen list of organisations that one chunk writes emails for (a send, ./send-chunks.ts, or a
// whole-list notification, ./notification-chunks.ts): the emails composed for the window, less those the dispatch
// already has (an organisation the last chunk began, an address two organisations share), cut where they fill whole
// provider batches within the byte budget (../send-chunking.ts).
import type { getDb } from "@/lib/server/db/client";
import type { QueuedEmail } from "@/lib/mail/data";
import { chunkCut, storedBytes } from "../send-chunking";

type Db = ReturnType<typeof getDb>;
type Reader = Db | Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type WindowCut<E> = {
  /** The emails this chunk writes, in order. */
  writing: E[];
  /** How many organisations of the window are done with this chunk (every email of theirs written or none due). */
  organisations: number;
  /** The organisations this chunk writes emails to. */
  emailed: string[];
};

/** `all`: the window's emails in the window's order (each with its organisation). `rest`: the window ends the list. */
export async function cutWindow<E extends QueuedEmail>(db: Reader, dispatchId: string, ids: readonly string[], all: readonly E[], opts: { rest: boolean; maxBytes: number }): Promise<WindowCut<E>> {
  const position = new Map(ids.map((id, i) => [id, i]));
  const addresses = all.map((e) => e.to.trim().toLowerCase());
  const taken = new Set(
    all.length === 0
      ? []
      : (await db.$queryRaw<Array<{ toAddress: string }>>`SELECT "toAddress" FROM "OutboxEmail" WHERE "dispatchId" = ${dispatchId} AND "toAddress" = ANY(${addresses}::text[])`).map((r) => r.toAddress),
  );
  const fresh = all.filter((_, i) => {
    const to = addresses[i]!;
    if (taken.has(to)) return false;
    taken.add(to);
    return true;
  });
  const cut = chunkCut(fresh.map((e) => ({ alone: !!e.attachments?.length, bytes: storedBytes(e) })), opts);
  const writing = fresh.slice(0, cut);
  // The first organisation with an email left for the next chunk; the ones before it are done.
  const organisations = Math.min(ids.length, ...fresh.slice(cut).map((e) => position.get(e.organisationId!)!));
  return { writing, organisations, emailed: [...new Set(writing.map((e) => e.organisationId!))] };
}
