// The jobs page's data against real databases: who may see and retry jobs, what a queued send job looks like, and a
// retry of a failed job through pg-boss with its audit event.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { describeEachDatabase } from "@/test/db";
import { maintainer, vendor } from "@/test/viewers";
import { resetConfigForTests } from "@/lib/server/config";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/server/errors";
import { ANONYMOUS } from "@/lib/server/viewer-types";
import { queueEmails } from "@/lib/mail/data";
import { enqueue, getJobEngine } from "./engine";
import { gaveUpJobsIfReadable, getQueueCounts, listGaveUpJobs, listJobs, retryJob } from "./data";
import { getDb } from "@/lib/server/db/client";

const request = { ip: "192.0.2.40", userAgent: "vitest" };

// One attempt per send job, so that one failure is final (the job ends "failed", not "waiting to retry").
beforeAll(() => {
  process.env.FOREWARN_MAIL_MAX_ATTEMPTS = "1";
  resetConfigForTests();
});
afterAll(() => {
  delete process.env.FOREWARN_MAIL_MAX_ATTEMPTS;
  resetConfigForTests();
});

describeEachDatabase("jobs", (db) => {
  async function world() {
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    const org = await db.client.organisation.create({ data: { name: "Acme", status: "ACTIVE" } });
    const v = vendor(await db.client.user.create({ data: { email: "v@acme.example", role: "VENDOR", status: "ACTIVE" } }), org);
    const { dispatchId } = await queueEmails({ purpose: "test.jobs", label: "Jobs test", createdById: m.userId, emails: [{ to: "a@acme.example", subject: "Hi", text: "Hello" }] });
    const batch = await db.client.mailBatch.findFirstOrThrow({ where: { dispatchId }, select: { id: true } });
    return { m, v, dispatchId, jobId: batch.id };
  }

  it("is for maintainers with their second factor: everyone else gets 404, and nothing changes", async () => {
    const { m, v, jobId } = await world();
    for (const viewer of [ANONYMOUS, v, { ...v, secondFactor: true, totpEnrolled: true }, { ...m, secondFactor: false }]) {
      await expect(listJobs(viewer, {})).rejects.toBeInstanceOf(NotFoundError);
      await expect(getQueueCounts(viewer)).rejects.toBeInstanceOf(NotFoundError);
      await expect(listGaveUpJobs(viewer)).rejects.toBeInstanceOf(NotFoundError);
      await expect(retryJob(viewer, { queue: "mail.send-batch", jobId }, request)).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await db.client.auditEvent.count({ where: { action: "jobs.job.retried" } })).toBe(0);
  });

  it("a maintainer sees the queued send job of a send: ids only, linked to its send, counted per queue", async () => {
    const { m, dispatchId, jobId } = await world();
    const jobs = await listJobs(m, {});
    const job = jobs.find((j) => j.id === jobId);
    expect(job).toMatchObject({
      queue: "mail.send-batch",
      queueLabel: "Send an email batch",
      state: "created",
      attempts: { made: 0, allowed: 1 },
      data: { batchId: jobId },
      dispatchId,
      batch: "QUEUED",
      startedOn: null,
      completedOn: null,
      failure: null,
      waitsUntil: null,
      retry: { ok: false },
    });
    expect(job!.createdOn).toBeInstanceOf(Date);
    // Newest first.
    const created = jobs.map((j) => j.createdOn.getTime());
    expect(created).toEqual([...created].sort((a, b) => b - a));
    // Filters.
    expect((await listJobs(m, { queue: "mail.send-batch", state: "created" })).map((j) => j.id)).toContain(jobId);
    expect((await listJobs(m, { state: "failed" })).map((j) => j.id)).not.toContain(jobId);
    expect((await listJobs(m, { queue: "mail.sweep" })).every((j) => j.queue === "mail.sweep")).toBe(true);
    const counts = await getQueueCounts(m);
    expect(counts.map((c) => c.queue)).toEqual(["mail.send-batch", "mail.sweep", "notice.disclose", "notice.send-chunk", "notice.notify-chunk", "notice.remind", "report.sweep-unconfirmed", "report.remind", "csaf.publish", "csaf.reconcile", "retention.sweep"]);
    expect(counts[0]!.queued).toBeGreaterThanOrEqual(1);
    expect(counts[0]!.total).toBe(counts[0]!.queued + counts[0]!.active + counts[0]!.completed + counts[0]!.failed + counts[0]!.cancelled);
  });

  it("retries a failed job once: back to the queue with one more attempt, and an audit event", async () => {
    const { m, jobId } = await world();
    const boss = await getJobEngine();
    // Not failed yet: nothing to retry.
    await expect(retryJob(m, { queue: "mail.send-batch", jobId }, request)).rejects.toBeInstanceOf(ValidationError);
    // A worker takes the job and fails it (its only attempt).
    const fetched = await boss.fetch("mail.send-batch", { batchSize: 100 });
    expect(fetched.map((j) => j.id)).toContain(jobId);
    await boss.fail("mail.send-batch", jobId, new Error("provider unreachable"));
    const failed = (await listJobs(m, { state: "failed" })).find((j) => j.id === jobId);
    expect(failed).toMatchObject({ state: "failed", attempts: { made: 1, allowed: 1 }, failure: "provider unreachable", retry: { ok: true } });
    expect(failed!.completedOn).toBeInstanceOf(Date);

    // Two maintainers press "Retry" at once: it is retried once, and the other is told.
    const both = await Promise.allSettled([retryJob(m, { queue: "mail.send-batch", jobId }, request), retryJob(m, { queue: "mail.send-batch", jobId }, request)]);
    expect(both.filter((r) => r.status === "fulfilled").map((r) => r.value)).toEqual([{ jobId }]);
    const refused = both.find((r) => r.status === "rejected")?.reason;
    expect(refused instanceof ConflictError || refused instanceof ValidationError, String(refused)).toBe(true);
    const [after] = await boss.findJobs("mail.send-batch", { id: jobId });
    expect(after).toMatchObject({ state: "retry", retryLimit: 1 });
    expect((await listJobs(m, {})).find((j) => j.id === jobId)).toMatchObject({ state: "retry", attempts: { made: 1, allowed: 2 }, retry: { ok: false } });
    const events = await db.client.auditEvent.findMany({ where: { action: "jobs.job.retried" } });
    expect(events).toMatchObject([{ actorEmail: "m@project.example", targetType: "job", targetId: jobId, ipAddress: "192.0.2.40", details: { queue: "mail.send-batch", attempts: 1 } }]);

    // Pressing "Retry" again (a second tab) changes nothing more.
    await expect(retryJob(m, { queue: "mail.send-batch", jobId }, request)).rejects.toBeInstanceOf(ValidationError);
    expect(await db.client.auditEvent.count({ where: { action: "jobs.job.retried" } })).toBe(1);
  });

  it("refuses a send job whose batch is settled, an unknown job, and a job named under another queue", async () => {
    const { m, jobId } = await world();
    const boss = await getJobEngine();
    await boss.fetch("mail.send-batch", { batchSize: 100 });
    await boss.fail("mail.send-batch", jobId, new Error("gave up"));
    await db.client.mailBatch.update({ where: { id: jobId }, data: { status: "FAILED" } });
    await expect(retryJob(m, { queue: "mail.send-batch", jobId }, request)).rejects.toThrow(/delivery page/);
    await expect(retryJob(m, { queue: "mail.send-batch", jobId: "00000000-0000-4000-8000-000000000000" }, request)).rejects.toBeInstanceOf(NotFoundError);
    await expect(retryJob(m, { queue: "mail.sweep", jobId }, request)).rejects.toBeInstanceOf(NotFoundError);
    expect((await boss.findJobs("mail.send-batch", { id: jobId }))[0]?.state).toBe("failed");
    expect(await db.client.auditEvent.count({ where: { action: "jobs.job.retried" } })).toBe(0);
  });
  it("lists a disclosure job only while it can still disclose: not once its notice is disclosed, withdrawn or moved", async () => {
    const { m } = await world();
    const boss = await getJobEngine();
    const at = new Date(Date.now() + 3 * 86_400_000);
    const notice = await db.client.notice.create({ data: { reference: "FW-2026-0950", title: "t", state: "EMBARGOED", disclosureAt: at, createdById: m.userId } });
    const schedule = (when: Date) => db.client.$transaction((tx) => enqueue(boss, tx, "notice.disclose", [{ data: { noticeId: notice.id }, startAfter: when }]));
    const disclosures = async () => (await listJobs(m, { queue: "notice.disclose" })).map((j) => j.waitsUntil?.getTime());
    const queued = async () => (await getQueueCounts(m)).find((c) => c.queue === "notice.disclose")!.queued;
    await schedule(at);
    expect(await disclosures()).toEqual([at.getTime()]);
    expect(await queued()).toBe(1);

    // The date moves a day later: the new time's job is listed, the old one (which would do nothing) is not.
    const later = new Date(at.getTime() + 86_400_000);
    await db.client.notice.update({ where: { id: notice.id }, data: { disclosureAt: later } });
    await schedule(later);
    expect(await disclosures()).toEqual([later.getTime()]);
    expect(await queued()).toBe(1);

    // Disclosed early, then withdrawn: no disclosure waits any more.
    for (const state of ["DISCLOSED", "WITHDRAWN"] as const) {
      await db.client.notice.update({ where: { id: notice.id }, data: { state } });
      expect(await disclosures()).toEqual([]);
      expect(await queued()).toBe(0);
    }
    // The jobs themselves are still pg-boss's: they run, find nothing to do, and are pruned in time.
    expect(await boss.findJobs("notice.disclose", { data: { noticeId: notice.id } })).toHaveLength(2);
  });
  it("puts jobs that gave up on the overview, per queue, until retried, settled by the outbox or moot; a scheduled queue's failure until a later run succeeds", async () => {
    const { m, jobId } = await world();
    const boss = await getJobEngine();
    // Only this test's jobs (pg-boss's tables are not emptied between tests).
    await db.client.$executeRaw`DELETE FROM pgboss.job WHERE id <> ${jobId}::uuid`;
    expect(await listGaveUpJobs(m)).toEqual([]);

    // A send's batch fails its only attempt: it gave up.
    await boss.fetch("mail.send-batch", { batchSize: 100 });
    await boss.fail("mail.send-batch", jobId, new Error("provider unreachable"));
    // A scheduled upkeep fails for good too (no retries allowed for this one job).
    const sweep = await boss.send("retention.sweep", {}, { retryLimit: 0 });
    await boss.fetch("retention.sweep", { batchSize: 10 });
    await boss.fail("retention.sweep", sweep!, new Error("disk full"));
    const listed = await listGaveUpJobs(m);
    expect(listed.map((q) => q.queue).sort()).toEqual(["mail.send-batch", "retention.sweep"]);
    expect(listed.find((q) => q.queue === "mail.send-batch")).toMatchObject({ failed: 1, lastFailure: "provider unreachable", label: "Send an email batch" });
    expect(listed.find((q) => q.queue === "retention.sweep")).toMatchObject({ failed: 1, lastFailure: "disk full" });
    expect(listed.every((q) => q.lastFailedAt instanceof Date)).toBe(true);
    // Two weeks on, they are no longer "now" (the jobs page still lists them).
    expect(await listGaveUpJobs(m, new Date(Date.now() + 15 * 86_400_000))).toEqual([]);

    // A run that started before the failure and succeeds after it settles nothing (runs overlap); the next run does.
    const before = await boss.send("retention.sweep", {});
    await boss.fetch("retention.sweep", { batchSize: 10 });
    const failing = await boss.send("retention.sweep", {}, { retryLimit: 0 });
    await boss.fetch("retention.sweep", { batchSize: 10 });
    await boss.fail("retention.sweep", failing!, new Error("disk still full"));
    await boss.complete("retention.sweep", before!);
    // (That run started after the first failure, so it settled that one.)
    expect((await listGaveUpJobs(m)).find((q) => q.queue === "retention.sweep")).toMatchObject({ failed: 1, lastFailure: "disk still full" });
    const next = await boss.send("retention.sweep", {});
    await boss.fetch("retention.sweep", { batchSize: 10 });
    await boss.complete("retention.sweep", next!);
    expect((await listGaveUpJobs(m)).map((q) => q.queue)).toEqual(["mail.send-batch"]);

    // A batch the outbox settled (its emails failed: retried from the send's page) is not work left undone here.
    const { status } = await db.client.mailBatch.findUniqueOrThrow({ where: { id: jobId }, select: { status: true } });
    await db.client.mailBatch.update({ where: { id: jobId }, data: { status: "FAILED" } });
    expect(await listGaveUpJobs(m)).toEqual([]);
    await db.client.mailBatch.update({ where: { id: jobId }, data: { status } });

    // A disclosure that gave up stays while its notice is still under embargo, past the 14 days; not once it is moot.
    const notice = await db.client.notice.create({ data: { reference: "FW-2026-0951", title: "t", state: "EMBARGOED", disclosureAt: new Date(), createdById: m.userId } });
    const disclose = await boss.send("notice.disclose", { noticeId: notice.id }, { retryLimit: 0 });
    await boss.fetch("notice.disclose", { batchSize: 10 });
    await boss.fail("notice.disclose", disclose!, new Error("lock timeout"));
    expect((await listGaveUpJobs(m, new Date(Date.now() + 15 * 86_400_000))).map((q) => q.queue)).toEqual(["notice.disclose"]);
    await db.client.notice.update({ where: { id: notice.id }, data: { state: "DISCLOSED", disclosedAt: new Date() } });
    expect((await listGaveUpJobs(m)).map((q) => q.queue)).toEqual(["mail.send-batch"]);

    // Retried: back in its queue, off the overview.
    await retryJob(m, { queue: "mail.send-batch", jobId }, request);
    expect(await listGaveUpJobs(m)).toEqual([]);
  });

  it("for the Overview: null when the jobs cannot be read (the rest of the page still answers); refusals stay refusals", async () => {
    const { m, v } = await world();
    expect(await gaveUpJobsIfReadable(m)).toEqual([]);
    const read = vi.spyOn(getDb(), "$queryRaw").mockRejectedValueOnce(new Error('relation "pgboss.job" does not exist'));
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(await gaveUpJobsIfReadable(m)).toBeNull();
      expect(quiet).toHaveBeenCalledWith(expect.stringContaining("could not be read"), 'relation "pgboss.job" does not exist');
    } finally {
      read.mockRestore();
      quiet.mockRestore();
    }
    await expect(gaveUpJobsIfReadable(v)).rejects.toBeInstanceOf(NotFoundError);
    await expect(gaveUpJobsIfReadable({ ...m, secondFactor: false })).rejects.toBeInstanceOf(NotFoundError);
  });
});
