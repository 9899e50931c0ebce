// The outbox end to end inside one process: real pg-boss workers, the real Resend SDK, the fake Resend server.
import { expect, it } from "vitest";
import { decrypt, generateKey, readMessage, readPrivateKey } from "openpgp";
import { describeEachDatabase } from "@/test/db";
import { OUTBOX_SETTINGS, withFakeResend, waitFor } from "@/test/outbox-harness";
import { maintainer } from "@/test/viewers";
import { resetConfigForTests } from "@/lib/server/config";
import { getJobEngine, stopJobEngine } from "@/lib/jobs/engine";
import { startAllWorkers } from "@/lib/composition/job-handlers";
import { deliverBatch, getDispatch, prepareDispatch, queueEmails, recordDeliveryEvent, retryFailedEmails, setMailTransportForTests, sweepOutbox } from "./data";
import { EncryptionRefusedError } from "./pgp";
import { resendTransport } from "./transport";

const SETTINGS = OUTBOX_SETTINGS;
const request = { ip: "192.0.2.40", userAgent: "vitest" };
const fakeResend = withFakeResend();

/** Runs `body` with one setting changed (the engine restarts: it reads its queue settings when it starts). */
async function withSetting(name: keyof typeof SETTINGS, value: string, body: () => Promise<void>): Promise<void> {
  const restart = async (v: string) => {
    process.env[name] = v;
    resetConfigForTests();
    await stopJobEngine(1_000);
  };
  await restart(value);
  try {
    await body();
  } finally {
    await restart(SETTINGS[name]);
  }
}


const emails = (n: number, subject = "[EMBARGOED] FW-2026-0001") =>
  Array.from({ length: n }, (_, i) => ({ to: `person${i}@org${Math.floor(i / 3)}.example`, subject, text: "A notice is waiting for you: https://portal.example/n/1" }));

describeEachDatabase("outbox", (db) => {
  const queued = () => db.client.outboxEmail.count({ where: { status: "QUEUED" } });

  it("250 recipients: one email each, one recipient per email, in three batch calls with stable keys", async () => {
    await startAllWorkers();
    const callsBefore = fakeResend().calls;
    const { dispatchId } = await queueEmails({ purpose: "test", label: "Fan-out", emails: [...emails(250), { to: "PERSON0@org0.example", subject: "dup", text: "x" }] });
    await waitFor(async () => (await queued()) === 0);
    expect(fakeResend().messages).toHaveLength(250);
    expect(fakeResend().messages.every((m) => m.to.length === 1)).toBe(true);
    expect(new Set(fakeResend().messages.map((m) => m.to[0])).size).toBe(250);
    expect(fakeResend().calls - callsBefore).toBe(3);
    expect(new Set(fakeResend().messages.map((m) => m.idempotencyKey)).size).toBe(3);
    const rows = await db.client.outboxEmail.findMany({ where: { dispatchId } });
    expect(rows.every((r) => r.status === "SENT" && r.providerId && r.textBody === null)).toBe(true);
    // The tag lets delivery events find the row even when the provider id was never recorded.
    expect(fakeResend().messages[0]!.tags).toEqual([{ name: "outbox_id", value: expect.any(String) }]);
  });

  it("429 with retry-after, 500, a dropped connection and an answer lost after acceptance: nothing lost, nothing twice", async () => {
    fakeResend().script("429", "500", "drop", "accept-drop");
    const { dispatchId } = await queueEmails({ purpose: "test", label: "Flaky", emails: emails(120) });
    await startAllWorkers();
    await waitFor(async () => (await queued()) === 0);
    expect(fakeResend().messages).toHaveLength(120);
    expect(fakeResend().duplicates()).toEqual([]);
    const detail = await getDispatch(maintainer({ id: "m", email: "m@project.example" }), dispatchId);
    expect(detail.counts).toMatchObject({ total: 120, sent: 120, failed: 0 });
    expect(Math.max(...detail.batches.map((b) => b.attempts))).toBeGreaterThan(1);
  });

  it("a refused address fails alone, with the reason; a refused key fails the batch at once, without retrying for ever", async () => {
    await startAllWorkers();
    const { dispatchId } = await queueEmails({ purpose: "test", label: "Partly invalid", emails: [...emails(3), { to: "invalid@nowhere.example", subject: "s", text: "t" }] });
    await waitFor(async () => (await queued()) === 0);
    const rows = await db.client.outboxEmail.findMany({ where: { dispatchId }, orderBy: { toAddress: "asc" } });
    expect(rows.filter((r) => r.status === "SENT")).toHaveLength(3);
    expect(rows.find((r) => r.toAddress === "invalid@nowhere.example")).toMatchObject({ status: "FAILED", failureReason: expect.stringMatching(/Invalid `to`/), textBody: "t" });
    // Its text is kept: "Retry failed emails" offers it.
    expect((await getDispatch(maintainer({ id: "m", email: "m@project.example" }), dispatchId)).retryable).toBe(1);

    fakeResend().script("invalid");
    const second = await queueEmails({ purpose: "test", label: "Refused", emails: emails(2, "other") });
    await waitFor(async () => (await queued()) === 0);
    const batch = await db.client.mailBatch.findFirstOrThrow({ where: { dispatchId: second.dispatchId } });
    expect(batch).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(await db.client.outboxEmail.count({ where: { dispatchId: second.dispatchId, status: "FAILED" } })).toBe(2);

    // A maintainer retries the failed ones: new batch, new key, sent this time.
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    expect(await retryFailedEmails(m, second.dispatchId, request)).toEqual({ retried: 2, notEntitled: 0 });
    await waitFor(async () => (await queued()) === 0);
    expect(await db.client.outboxEmail.count({ where: { dispatchId: second.dispatchId, status: "SENT" } })).toBe(2);
    expect(await db.client.auditEvent.count({ where: { action: "mail.dispatch.retried" } })).toBe(1);
    await expect(retryFailedEmails(m, second.dispatchId, request)).rejects.toThrow(/no failed emails/);
  });

  it("a retry reaches only addresses that still belong to an active organisation", async () => {
    const org = await db.client.organisation.create({ data: { name: "Retry Org", status: "ACTIVE", roleAddress: "security@retry.example" } });
    const gone = await db.client.organisation.create({ data: { name: "Gone Org", status: "ACTIVE" } });
    const member = async (email: string, organisationId: string) => {
      const user = await db.client.user.create({ data: { email, role: "VENDOR", status: "ACTIVE" } });
      await db.client.membership.create({ data: { userId: user.id, organisationId } });
      return user;
    };
    await member("active@retry.example", org.id);
    const suspended = await member("suspended@retry.example", org.id);
    const removed = await member("removed@retry.example", org.id);
    await member("member@gone.example", gone.id);
    await startAllWorkers();
    fakeResend().script("invalid");
    const mail = (to: string, organisationId?: string) => ({ to, organisationId, subject: "[EMBARGOED] FW-2026-0009", text: "https://portal.example/n/9" });
    const { dispatchId } = await queueEmails({
      purpose: "test",
      label: "Retry after changes",
      emails: [mail("active@retry.example", org.id), mail("security@retry.example", org.id), mail("suspended@retry.example", org.id), mail("removed@retry.example", org.id), mail("member@gone.example", gone.id), mail("list@project.example")],
    });
    await waitFor(async () => (await queued()) === 0);
    expect(await db.client.outboxEmail.count({ where: { dispatchId, status: "FAILED" } })).toBe(6);
    fakeResend().messages.length = 0;

    // Before the retry: one member suspended, one taken off the organisation, one organisation suspended.
    await db.client.user.update({ where: { id: suspended.id }, data: { status: "SUSPENDED" } });
    await db.client.membership.delete({ where: { userId: removed.id } });
    await db.client.organisation.update({ where: { id: gone.id }, data: { status: "SUSPENDED" } });
    const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
    expect(await retryFailedEmails(m, dispatchId, request)).toEqual({ retried: 3, notEntitled: 3 });
    await waitFor(async () => (await queued()) === 0);
    expect(fakeResend().messages.flatMap((msg) => msg.to).sort()).toEqual(["active@retry.example", "list@project.example", "security@retry.example"]);
    const stillFailed = await db.client.outboxEmail.findMany({ where: { dispatchId, status: "FAILED" }, select: { toAddress: true } });
    expect(stillFailed.map((e) => e.toAddress).sort()).toEqual(["member@gone.example", "removed@retry.example", "suspended@retry.example"]);
    await expect(retryFailedEmails(m, dispatchId, request)).rejects.toThrow(/None of the 3 failed email\(s\) can be retried/);
    expect(await db.client.auditEvent.findFirstOrThrow({ where: { action: "mail.dispatch.retried" }, select: { details: true } })).toMatchObject({ details: { emails: 3, notEntitled: 3 } });
  });

  it("gives up after the configured attempts and says so", async () => {
    // Three attempts for this case (the engine re-reads its queue settings when it starts).
    await withSetting("FOREWARN_MAIL_MAX_ATTEMPTS", "3", async () => {
      fakeResend().script("500", "500", "500");
      const { dispatchId } = await queueEmails({ purpose: "test", label: "Down", emails: emails(1) });
      await startAllWorkers();
      await waitFor(async () => (await queued()) === 0);
      const row = await db.client.outboxEmail.findFirstOrThrow({ where: { dispatchId } });
      expect(row).toMatchObject({ status: "FAILED", failureReason: expect.stringMatching(/^Gave up after 3 attempts: Resend refused the batch: Internal error \(500\)/) });
      expect(fakeResend().messages).toHaveLength(0);
    });
  });

  it("a batch that failed without an answer is retried under its own key: accepted once, never sent twice", async () => {
    await withSetting("FOREWARN_MAIL_MAX_ATTEMPTS", "3", async () => {
      // Attempt 1 is accepted but its answer is lost; attempts 2 and 3 meet a failing provider: nobody knows.
      fakeResend().script("accept-drop", "500", "500");
      const { dispatchId } = await queueEmails({ purpose: "test", label: "Unknown", emails: emails(2) });
      await startAllWorkers();
      await waitFor(async () => (await queued()) === 0);
      expect(await db.client.mailBatch.findFirstOrThrow({ where: { dispatchId } })).toMatchObject({ status: "FAILED", outcomeUnknown: true });
      expect(fakeResend().messages).toHaveLength(2);
      const m = maintainer(await db.client.user.create({ data: { email: "m@project.example", role: "MAINTAINER", status: "ACTIVE" } }));
      await retryFailedEmails(m, dispatchId, request);
      await waitFor(async () => (await queued()) === 0);
      // The provider recognised the key and answered the first call: the two emails exist once, now recorded.
      expect(fakeResend().messages).toHaveLength(2);
      const rows = await db.client.outboxEmail.findMany({ where: { dispatchId } });
      expect(rows.map((r) => [r.status, r.providerId])).toEqual(expect.arrayContaining(fakeResend().messages.map((msg) => ["SENT", msg.id])));
      expect(await db.client.mailBatch.count({ where: { dispatchId } })).toBe(1);
    });
  });

  it("a delivery event that overtakes the worker's answer is kept, and the answer is still recorded", async () => {
    const { dispatchId } = await queueEmails({ purpose: "test", label: "Overtaken", emails: emails(1) });
    const row = await db.client.outboxEmail.findFirstOrThrow({ where: { dispatchId } });
    const batch = await db.client.mailBatch.findFirstOrThrow({ where: { dispatchId } });
    setMailTransportForTests({
      kind: "resend",
      send: async () => ({ transport: "resend", providerId: null }),
      sendBatch: async () => {
        await recordDeliveryEvent({ eventId: "evt-early", type: "email.delivered", providerId: "re-1", outboxId: row.id, reason: null, occurredAt: new Date() });
        return [{ ok: true, providerId: "re-1" }];
      },
    });
    try {
      await deliverBatch(batch.id, { attempt: 1, lastAttempt: false });
    } finally {
      setMailTransportForTests(resendTransport("re_test", "Forewarn <forewarn@project.example>"));
    }
    expect(await db.client.outboxEmail.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "DELIVERED", providerId: "re-1", textBody: null, sentAt: expect.any(Date) });
    expect(await db.client.mailBatch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({ status: "DONE" });
  });

  it("stays under the configured send rate with several batches in flight (the counter is in the database, shared by every process)", async () => {
    await withSetting("FOREWARN_MAIL_RATE_PER_SECOND", "2", async () => {
      // When each call leaves (the pace is the product's to keep), not when it reaches the fake provider: that server
      // shares this process's event loop with the workers (and PGlite's synchronous queries), so on a busy machine a
      // request sat hundreds of ms before being seen — 250 ms apart at a 550 ms pace (two CPU hogs, issue 15).
      const left: number[] = [];
      const resend = resendTransport("re_test", "Forewarn <forewarn@project.example>");
      setMailTransportForTests({ ...resend, sendBatch: (batch, opts) => (left.push(Date.now()), resend.sendBatch(batch, opts)) });
      try {
        await queueEmails({ purpose: "test", label: "Paced", emails: emails(500) });
        await startAllWorkers();
        await waitFor(async () => (await queued()) === 0);
      } finally {
        setMailTransportForTests(resend);
      }
      expect(left).toHaveLength(5);
      expect(fakeResend().messages).toHaveLength(500);
      // Calls leave 550 ms apart (590 ms and more under two hogs, measured); the limiter's database round trips between
      // reading the clock and handing the slot over could shorten a gap on a loaded machine, so one extra call in a
      // window is still tolerated — without pacing all five leave within a few dozen ms.
      const busiest = Math.max(...left.map((t) => left.filter((u) => u >= t && u < t + 1_000).length));
      expect(busiest).toBeLessThanOrEqual(3);
      expect(left.at(-1)! - left[0]!).toBeGreaterThanOrEqual(4 * 500);
    });
  });

  it("written with its change or not at all; sent no earlier than asked", async () => {
    const prepared = await prepareDispatch({ purpose: "test", label: "Rolled back", emails: emails(2) });
    await expect(
      db.client.$transaction(async (tx) => {
        await prepared.write(tx);
        throw new Error("the domain change failed");
      }),
    ).rejects.toThrow(/domain change failed/);
    expect(await db.client.outboxEmail.count()).toBe(0);
    const boss = await getJobEngine();
    expect(await boss.findJobs("mail.send-batch", { data: { batchId: "none" } })).toEqual([]);

    await startAllWorkers();
    const at = new Date(Date.now() + 3_000);
    await queueEmails({ purpose: "test", label: "Later", emails: emails(1), notBefore: at });
    // Nothing before its time: checked while there is time left (a loaded machine may sleep past it).
    await new Promise((r) => setTimeout(r, 1_500));
    if (Date.now() < at.getTime() - 200) expect(fakeResend().messages).toHaveLength(0);
    await waitFor(async () => (await queued()) === 0);
    expect(new Date(fakeResend().messages[0]!.receivedAt).getTime()).toBeGreaterThanOrEqual(at.getTime());
  });

  it("upkeep puts back a batch whose job went missing; the upkeep itself is a recurring job", async () => {
    const { dispatchId } = await queueEmails({ purpose: "test", label: "Orphan", emails: emails(2) });
    const boss = await getJobEngine();
    const batch = await db.client.mailBatch.findFirstOrThrow({ where: { dispatchId } });
    await boss.deleteJob("mail.send-batch", batch.id);
    await db.client.mailBatch.update({ where: { id: batch.id }, data: { updatedAt: new Date(Date.now() - 10 * 60_000) } });
    expect(await sweepOutbox(boss)).toEqual({ requeued: 1, failed: 0 });
    await startAllWorkers();
    await waitFor(async () => (await queued()) === 0);
    expect(fakeResend().messages).toHaveLength(2);
    expect((await boss.getSchedules("mail.sweep")).map((s) => s.cron)).toEqual(["* * * * *"]);
  });

  it("OpenPGP: the body travels encrypted to the organisation's key; an expired key stops the send before anything is written", async () => {
    const key = await generateKey({ type: "curve25519", userIDs: [{ email: "security@acme.example" }], format: "armored" });
    await startAllWorkers();
    await queueEmails({ purpose: "test", label: "Encrypted", emails: [{ to: "security@acme.example", subject: "[EMBARGOED] FW-2026-0002", text: "Heap overflow in parse_header()", encryptTo: { armoredKey: key.publicKey, owner: "Acme" } }] });
    await waitFor(async () => (await queued()) === 0);
    const text = fakeResend().messages[0]!.text!;
    expect(text).toMatch(/^-----BEGIN PGP MESSAGE-----/);
    expect(text).not.toContain("parse_header");
    const { data } = await decrypt({ message: await readMessage({ armoredMessage: text }), decryptionKeys: await readPrivateKey({ armoredKey: key.privateKey }) });
    expect(data).toBe("Heap overflow in parse_header()");

    const expired = await generateKey({ type: "curve25519", userIDs: [{ email: "old@acme.example" }], format: "armored", keyExpirationTime: 3600, date: new Date(Date.now() - 7_200_000) });
    const before = await db.client.outboxEmail.count();
    await expect(queueEmails({ purpose: "test", label: "Expired", emails: [{ to: "old@acme.example", subject: "s", text: "secret", encryptTo: { armoredKey: expired.publicKey, owner: "Acme" } }] })).rejects.toThrow(EncryptionRefusedError);
    await expect(queueEmails({ purpose: "test", label: "Expired", emails: [{ to: "old@acme.example", subject: "s", text: "secret", encryptTo: { armoredKey: expired.publicKey, owner: "Acme" } }] })).rejects.toThrow(/Cannot encrypt for Acme: .*expired/);
    expect(await db.client.outboxEmail.count()).toBe(before);
  });
});
