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
export type Consumed = { allowed: true } | { allowed: false; limit: LimitName; retryAfterSeconds: number; firstRefusal: boolean };

/**
 * Counts one attempt against each (limit, key) in order and stops at the first refusal, so later keys are not
 * charged for an attempt that was refused anyway. Keys that are null are skipped.
 */
export async function consumeAttempt(checks: Array<[LimitName, string | null]>): Promise<Consumed> {
  if (Math.random() < 0.01) void sweepExpired();
  for (const [name, key] of checks) {
    if (!key) continue;
    try {
      await limiter(name).consume(key.toLowerCase());
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      return { allowed: false, limit: name, retryAfterSeconds: Math.ceil(error.msBeforeNext / 1000), firstRefusal: error.consumedPoints === LIMITS[name].points + 1 };
    }
  }
  return { allowed: true };
}

/** Whether the key has no attempts left, without counting one. */
export async function exhausted(name: LimitName, key: string | null): Promise<boolean> {
  if (!key) return false;
  const res = await limiter(name).get(key.toLowerCase());
  return !!res && res.consumedPoints >= LIMITS[name].points;
}

/** Expired counters are deleted now and then, so floods of new keys do not grow the table for ever. */
export async function sweepExpired(): Promise<number> {
  const { count } = await getDb().rateLimit.deleteMany({ where: { expire: { lt: new Date() } } });
  return count;
}
