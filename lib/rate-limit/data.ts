import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { getDb } from "@/lib/server/db/client";
import { getConfig } from "@/lib/server/config";
import { LIMITS, type LimitName } from "./policy";

const limiters = new Map<string, RateLimiterPrisma>();

/** A limit as configured: sign-in links per client address and reports per network can be raised (a large NAT); the rest are fixed. */
function limitOf(name: LimitName): { points: number; duration: number } {
  if (name === "linkPerIp") return { ...LIMITS.linkPerIp, points: getConfig().signInLinksPerAddress };
  if (name === "reportPerNetwork") return { ...LIMITS.reportPerNetwork, points: getConfig().reportsPerNetwork };
  return LIMITS[name];
}

function limiter(name: LimitName): RateLimiterPrisma {
  const db = getDb();
  // One limiter per client instance (tests swap databases); the table is shared by all instances.
  const cacheKey = `${name}`;
  let l = limiters.get(cacheKey);
  if (!l || (l as unknown as { prismaClient: unknown }).prismaClient !== db) {
    l = new RateLimiterPrisma({ storeClient: db, tableName: "rateLimit", keyPrefix: name, ...limitOf(name), clearExpiredByTimeout: false });
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
      return { allowed: false, limit: name, retryAfterSeconds: Math.ceil(error.msBeforeNext / 1000), firstRefusal: error.consumedPoints === limitOf(name).points + 1 };
    }
  }
  return { allowed: true };
}

/** Seconds until the key has attempts again, or null while it has some left (without counting one). */
export async function blockedFor(name: LimitName, key: string | null): Promise<number | null> {
  if (!key) return null;
  const res = await limiter(name).get(key.toLowerCase());
  return res && res.consumedPoints >= limitOf(name).points ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : null;
}

/** Whether the key has no attempts left, without counting one. */
export async function exhausted(name: LimitName, key: string | null): Promise<boolean> {
  if (!key) return false;
  const res = await limiter(name).get(key.toLowerCase());
  return !!res && res.consumedPoints >= limitOf(name).points;
}

/** Expired counters are deleted now and then, so floods of new keys do not grow the table for ever. */
export async function sweepExpired(now = new Date()): Promise<number> {
  const { count } = await getDb().rateLimit.deleteMany({ where: { expire: { lt: now } } });
  return count;
}

const paceLimiters = new Map<string, RateLimiterPrisma>();

function paceLimiter(name: string, perSecond: number): RateLimiterPrisma {
  const db = getDb();
  const key = `${name}:${perSecond}`;
  let l = paceLimiters.get(key);
  if (!l || (l as unknown as { prismaClient: unknown }).prismaClient !== db) {
    // One call per 1/rate seconds (not N per calendar second): calls are spaced evenly, so no sliding one-second
    // window holds more than the rate, even across a window boundary. 10% slower than the rate, so that the
    // jitter between taking a slot and the request reaching the provider does not squeeze two calls together.
    l = new RateLimiterPrisma({ storeClient: db, tableName: "rateLimit", keyPrefix: `pace:${name}`, points: 1, duration: 1.1 / perSecond, clearExpiredByTimeout: false });
    paceLimiters.set(key, l);
  }
  return l;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits for a slot of an outgoing rate shared by every process on this database (e.g. calls to the mail
 * provider), then takes it. `perSecond` 0 means no limit.
 */
export async function takePaceSlot(name: string, perSecond: number, signal?: AbortSignal): Promise<void> {
  if (perSecond <= 0) {
    // No pace, but a hold (the provider said retry-after) still applies to everyone.
    const held = await paceLimiter(name, 1).get("all");
    if (held && held.consumedPoints > 1 && held.msBeforeNext > 0) await sleep(held.msBeforeNext);
    return;
  }
  for (;;) {
    signal?.throwIfAborted();
    try {
      await paceLimiter(name, perSecond).consume("all");
      return;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      // A little jitter so that waiting workers do not all wake in the same millisecond.
      await sleep(error.msBeforeNext + Math.floor(Math.random() * 50));
    }
  }
}

/** Holds every process back for `seconds` (the provider said retry-after). */
export async function holdPace(name: string, perSecond: number, seconds: number): Promise<void> {
  if (seconds <= 0) return;
  await paceLimiter(name, perSecond > 0 ? perSecond : 1).block("all", Math.ceil(seconds));
}
