import { expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { consumeAttempt, exhausted, sweepExpired } from "./data";
import { LIMITS } from "./policy";

describeEachDatabase("rate limits", (db) => {
  it("refuse the attempt after the limit, per key, with a retry time", async () => {
    const results = [];
    for (let i = 0; i < LIMITS.linkPerEmail.points + 2; i++) results.push(await consumeAttempt([["linkPerEmail", "a@example.org"]]));
    expect(results.filter((r) => r.allowed)).toHaveLength(LIMITS.linkPerEmail.points);
    expect(results.at(-1)).toMatchObject({ allowed: false });
    expect((results.at(-1) as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(60);
    expect(await consumeAttempt([["linkPerEmail", "b@example.org"]])).toEqual({ allowed: true });
  });

  it("count concurrent attempts (the counter lives in the database)", async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => consumeAttempt([["linkPerEmailPerIp", "c@example.org|192.0.2.9"]])));
    expect(results.filter((r) => r.allowed)).toHaveLength(LIMITS.linkPerEmailPerIp.points);
    const row = await db.client.rateLimit.findUniqueOrThrow({ where: { key: "linkPerEmailPerIp:c@example.org|192.0.2.9" } });
    expect(row.points).toBe(12);
  });

  it("any exhausted limit refuses; only the first refusal of a window is flagged (one audit event, not a flood)", async () => {
    for (let i = 0; i < LIMITS.secondFactorPerUser.points; i++) await consumeAttempt([["secondFactorPerUser", "u1"], ["secondFactorPerIp", "192.0.2.1"]]);
    expect(await consumeAttempt([["secondFactorPerUser", "u1"], ["secondFactorPerIp", "192.0.2.1"]])).toMatchObject({ allowed: false, firstRefusal: true });
    expect(await consumeAttempt([["secondFactorPerUser", "u1"], ["secondFactorPerIp", "192.0.2.1"]])).toMatchObject({ allowed: false, firstRefusal: false });
    expect((await consumeAttempt([["secondFactorPerUser", "u2"], ["secondFactorPerIp", "192.0.2.1"]])).allowed).toBe(true);
  });
});

describeEachDatabase("rate limits per client address", () => {
  it("cut off a flood from one address, whatever the email", async () => {
    const results = [];
    for (let i = 0; i < LIMITS.linkPerIp.points + 1; i++) results.push((await consumeAttempt([["linkPerEmail", `p${i}@example.org`], ["linkPerIp", "203.0.113.7"]])).allowed);
    expect(results.filter(Boolean)).toHaveLength(LIMITS.linkPerIp.points);
    expect(results.at(-1)).toBe(false);
    expect((await consumeAttempt([["linkPerEmail", "x@example.org"], ["linkPerIp", "203.0.113.8"]])).allowed).toBe(true);
  });
});

describeEachDatabase("rate limit bookkeeping", (db) => {
  it("stops at the first refusal: a client over its limit does not charge other keys", async () => {
    for (let i = 0; i < LIMITS.linkPerIp.points; i++) await consumeAttempt([["linkPerIp", "198.51.100.1"]]);
    const refused = await consumeAttempt([["linkPerIp", "198.51.100.1"], ["linkPerEmail", "victim@example.org"]]);
    expect(refused).toMatchObject({ allowed: false, limit: "linkPerIp" });
    expect(await db.client.rateLimit.count({ where: { key: { contains: "victim" } } })).toBe(0);
  });

  it("tells whether a key is exhausted without counting, and sweeps expired counters", async () => {
    expect(await exhausted("confirmPerIp", "198.51.100.2")).toBe(false);
    for (let i = 0; i < LIMITS.confirmPerIp.points; i++) await consumeAttempt([["confirmPerIp", "198.51.100.2"]]);
    expect(await exhausted("confirmPerIp", "198.51.100.2")).toBe(true);
    await db.client.rateLimit.updateMany({ data: { expire: new Date(Date.now() - 1000) } });
    expect(await sweepExpired()).toBeGreaterThan(0);
    expect(await db.client.rateLimit.count()).toBe(0);
  });
});
