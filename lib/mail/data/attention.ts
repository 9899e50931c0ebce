import "server-only";
// Emails that did not arrive, for the maintainer's home: the sends of the last days with failed, bounced or
// complained-about emails, each linking to its delivery page where they are retried or looked into. Two queries,
// whatever the number of emails.
import { getDb } from "@/lib/server/db/client";
import { NotFoundError } from "@/lib/server/errors";
import type { Viewer } from "@/lib/server/viewer-types";
import { canFollowDeliveries, UNDELIVERED_LOOKBACK_DAYS } from "../policy";
import { RETRYABLE_FAILED } from "./outbox";

export type UndeliveredSend = { dispatchId: string; label: string; createdAt: Date; failed: number; bounced: number };

/** Newest send first; `total`: how many sends have such emails in the window (at most `take` are listed). */
export async function listUndeliveredSends(viewer: Viewer, opts: { now?: Date; take?: number } = {}): Promise<{ days: number; total: number; items: UndeliveredSend[] }> {
  if (!canFollowDeliveries(viewer)) throw new NotFoundError();
  const db = getDb();
  const since = new Date((opts.now ?? new Date()).getTime() - UNDELIVERED_LOOKBACK_DAYS * 24 * 3_600_000);
  const groups = await db.outboxEmail.groupBy({
    by: ["dispatchId", "status"],
    // What a maintainer can act on: bounced and complained addresses, and failures that can be retried. An email set
    // aside because nobody may receive it any more (the notice withdrawn, the organisation suspended) did what it
    // should; its text is gone, so it can never be retried and would stay here for good.
    where: { OR: [{ status: { in: ["BOUNCED", "COMPLAINED"] } }, RETRYABLE_FAILED], dispatch: { createdAt: { gte: since } } },
    _count: { _all: true },
  });
  const byDispatch = new Map<string, { failed: number; bounced: number }>();
  for (const g of groups) {
    const c = byDispatch.get(g.dispatchId) ?? { failed: 0, bounced: 0 };
    if (g.status === "FAILED") c.failed += g._count._all;
    else c.bounced += g._count._all;
    byDispatch.set(g.dispatchId, c);
  }
  const dispatches = await db.mailDispatch.findMany({
    where: { id: { in: [...byDispatch.keys()] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.take ?? 20,
    select: { id: true, label: true, createdAt: true },
  });
  return {
    days: UNDELIVERED_LOOKBACK_DAYS,
    total: byDispatch.size,
    items: dispatches.map((d) => ({ dispatchId: d.id, label: d.label, createdAt: d.createdAt, ...byDispatch.get(d.id)! })),
  };
}
