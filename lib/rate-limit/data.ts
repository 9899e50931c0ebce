import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { getDb } from "@/lib/server/db/client";
import { LIMITS, type LimitName } from "./policy";

const limiters = new Map<string, RateLimiterPrisma>();

function limiter(name: LimitName): RateLimiterPrisma {
  const db = getDb();
  // One limiter per client instance (tests swap databases); the table is shared by all instances.
  const cacheKey = `${name}`;
  let l = limiters.get(cacheKey);
  if (!l || (l as unknown as { prismaClient: unknown }).prismaClient !== db) {
    l = new RateLimiterPrisma({ storeClient: db, tableName: "rateLimit", keyPrefix: name, ...LIMITS[name], clearExpiredByTimeout: false });
    limiters.set(cacheKey, l);
  }
  return l;
}

/** `firstRefusal`: the first refused attempt of its window, the one worth an audit event (not every one of a flood). */
export type Consumed = { allowed: true } | { allowed: false; retryAfterSeconds: number; firstRefusal: boolean };

/** Counts one attempt against every (limit, key) pair; refused if any is exhausted. Keys that are null are skipped. */
export async function consumeAttempt(checks: Array<[LimitName, string | null]>): Promise<Consumed> {
  let retryAfterMs = 0;
  let firstRefusal = false;
  for (const [name, key] of checks) {
    if (!key) continue;
    try {
      await limiter(name).consume(key.toLowerCase());
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      retryAfterMs = Math.max(retryAfterMs, error.msBeforeNext);
      if (error.consumedPoints === LIMITS[name].points + 1) firstRefusal = true;
    }
  }
  return retryAfterMs > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(retryAfterMs / 1000), firstRefusal } : { allowed: true };
}
