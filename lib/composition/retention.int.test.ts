// Retention (the hourly "retention.sweep" job): what is deleted and what is kept, at each boundary, on both databases.
import { afterEach, expect, it } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { resetConfigForTests } from "@/lib/server/config";
import { queueDefinitions } from "@/lib/jobs/queues";
import { JOB_HANDLERS, sweepRetention } from "./job-handlers";

const NOW = new Date("2026-12-03T12:00:00.000Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

afterEach(() => {
  delete process.env.FOREWARN_MAILBOX_KEEP_DAYS;
  resetConfigForTests();
});

describeEachDatabase("retention", (db) => {
  async function session(name: string, role: "MAINTAINER" | "VENDOR", at: { createdAt: Date; lastSeenAt: Date; absoluteExpiresAt: Date }) {
    const user = await db.client.user.upsert({ where: { email: `${role.toLowerCase()}@example.org` }, create: { email: `${role.toLowerCase()}@example.org`, role, status: "ACTIVE" }, update: {} });
    await db.client.session.create({ data: { sessionToken: name, userId: user.id, expires: at.absoluteExpiresAt, ...at } });
  }
  const sessionsLeft = async () => (await db.client.session.findMany({ select: { sessionToken: true }, orderBy: { sessionToken: "asc" } })).map((s) => s.sessionToken);

  it("deletes sessions that ended (absolute end, idle or maximum age for their role) and keeps those still usable", async () => {
    // Defaults: maintainers idle 120 minutes / at most 12 hours; vendors idle 24 hours / at most 7 days.
    const fresh = { createdAt: ago(MINUTE), lastSeenAt: ago(MINUTE), absoluteExpiresAt: new Date(NOW.getTime() + HOUR) };
    await session("absolute-end-now", "VENDOR", { ...fresh, absoluteExpiresAt: NOW });
    await session("absolute-end-later", "VENDOR", { ...fresh, absoluteExpiresAt: new Date(NOW.getTime() + 1) });
    await session("maintainer-idle-120m", "MAINTAINER", { ...fresh, lastSeenAt: ago(120 * MINUTE) });
    await session("maintainer-idle-119m", "MAINTAINER", { ...fresh, lastSeenAt: ago(119 * MINUTE) });
    await session("maintainer-open-12h", "MAINTAINER", { ...fresh, createdAt: ago(12 * HOUR) });
    await session("vendor-idle-3h", "VENDOR", { ...fresh, lastSeenAt: ago(3 * HOUR) });
    await session("vendor-idle-24h", "VENDOR", { ...fresh, lastSeenAt: ago(DAY) });
    await session("vendor-open-6d", "VENDOR", { ...fresh, createdAt: ago(6 * DAY) });

    const swept = await sweepRetention(NOW);
    expect(swept.sessions).toBe(4);
    expect(await sessionsLeft()).toEqual(["absolute-end-later", "maintainer-idle-119m", "vendor-idle-3h", "vendor-open-6d"]);
  });

  it("deletes sign-in links at their expiry and keeps the ones still valid", async () => {
    await db.client.verificationToken.createMany({
      data: [
        { identifier: "a@example.org", token: "expired-an-hour-ago", expires: ago(HOUR) },
        { identifier: "a@example.org", token: "expires-now", expires: NOW },
        { identifier: "b@example.org", token: "valid-one-more-second", expires: new Date(NOW.getTime() + 1_000) },
      ],
    });
    expect((await sweepRetention(NOW))["sign-in links"]).toBe(2);
    expect((await db.client.verificationToken.findMany()).map((t) => t.token)).toEqual(["valid-one-more-second"]);
  });

  it("keeps the Mailbox's records for FOREWARN_MAILBOX_KEEP_DAYS (30 by default)", async () => {
    const mail = (subject: string, createdAt: Date) => ({ toAddress: "a@example.org", subject, textBody: "body", transport: "outbox", createdAt });
    await db.client.mailMessage.createMany({
      data: [mail("31 days old", ago(31 * DAY)), mail("30 days and a second", ago(30 * DAY + 1_000)), mail("29 days old", ago(29 * DAY)), mail("8 days old", ago(8 * DAY))],
    });
    expect((await sweepRetention(NOW))["mail records"]).toBe(2);
    expect((await db.client.mailMessage.findMany({ orderBy: { createdAt: "asc" } })).map((m) => m.subject)).toEqual(["29 days old", "8 days old"]);

    process.env.FOREWARN_MAILBOX_KEEP_DAYS = "7";
    resetConfigForTests();
    expect((await sweepRetention(NOW))["mail records"]).toBe(2);
    expect(await db.client.mailMessage.count()).toBe(0);
  });

  it("sweeps spent rate-limit counters and keeps running and permanent ones", async () => {
    await db.client.rateLimit.createMany({
      data: [
        { key: "sign-in:spent", points: 3, expire: ago(1) },
        { key: "sign-in:running", points: 1, expire: new Date(NOW.getTime() + 1_000) },
        { key: "block:permanent", points: 9, expire: null },
      ],
    });
    expect((await sweepRetention(NOW))["rate-limit counters"]).toBe(1);
    expect((await db.client.rateLimit.findMany({ orderBy: { key: "asc" } })).map((r) => r.key)).toEqual(["block:permanent", "sign-in:running"]);
  });

  it("keeps the audit log, and runs hourly as the retention.sweep job", async () => {
    await db.client.auditEvent.create({ data: { occurredAt: ago(400 * DAY), action: "directory.organisation.created", hash: "h1", details: {} } });
    await db.client.verificationToken.create({ data: { identifier: "a@example.org", token: "old", expires: ago(DAY) } });
    await JOB_HANDLERS["retention.sweep"]({} as never);
    expect(await db.client.verificationToken.count()).toBe(0); // the handler swept with the real clock
    expect(await db.client.auditEvent.count()).toBe(1);
    expect(queueDefinitions({ retryDelaySeconds: 5, maxAttempts: 3 })["retention.sweep"].cron).toBe("41 * * * *");
  });
});
