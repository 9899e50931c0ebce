import { describe, expect, it } from "vitest";
import { maintainer, vendor } from "@/test/viewers";
import { ANONYMOUS } from "@/lib/server/viewer-types";
import { canRetryJobs, canViewJobs, failureMessage, jobAttempts, jobRetry, type BatchState, type JobState } from "./policy";
import type { QueueName } from "./queues";

const m = maintainer({ id: "m1", email: "m@p.example" });
const v = vendor({ id: "v1", email: "v@a.example" }, { id: "o1", name: "Acme" });

describe("who sees and retries jobs: role × second factor", () => {
  it.each([
    ["anonymous", ANONYMOUS, false],
    ["vendor", v, false],
    ["vendor with 2FA", { ...v, secondFactor: true, totpEnrolled: true }, false],
    ["maintainer without 2FA", { ...m, secondFactor: false }, false],
    ["maintainer", m, true],
  ] as const)("%s → %s", (_l, viewer, expected) => {
    expect(canViewJobs(viewer)).toBe(expected);
    expect(canRetryJobs(viewer)).toBe(expected);
  });
});

describe("attempts made, of those allowed (pg-boss counts retries, not attempts)", () => {
  const started = new Date("2030-01-01T00:00:00Z");
  it.each<[JobState, number, number, Date | null, string]>([
    ["created", 0, 9, null, "0 of 10"],
    ["active", 0, 9, started, "1 of 10"],
    ["retry", 0, 9, started, "1 of 10"],
    ["active", 3, 9, started, "4 of 10"],
    ["completed", 0, 9, started, "1 of 10"],
    ["failed", 9, 9, started, "10 of 10"],
    // A manual retry gives one more attempt.
    ["retry", 9, 10, started, "10 of 11"],
  ])("%s, retryCount %s, retryLimit %s → %s", (state, retryCount, retryLimit, startedOn, expected) => {
    const { made, allowed } = jobAttempts({ state, retryCount, retryLimit, startedOn });
    expect(`${made} of ${allowed}`).toBe(expected);
  });
});

describe("retry: only failed jobs, and a send job only while its batch is unsettled", () => {
  const table: Array<[QueueName, JobState, BatchState, boolean]> = [
    ["mail.sweep", "failed", null, true],
    ["mail.sweep", "completed", null, false],
    ["mail.sweep", "active", null, false],
    ["mail.sweep", "retry", null, false],
    ["mail.sweep", "cancelled", null, false],
    ["mail.send-batch", "failed", "QUEUED", true],
    ["mail.send-batch", "failed", "SENDING", true],
    ["mail.send-batch", "failed", "FAILED", false],
    ["mail.send-batch", "failed", "DONE", false],
    ["mail.send-batch", "failed", null, false],
    ["mail.send-batch", "created", "QUEUED", false],
    ["mail.send-batch", "completed", "DONE", false],
  ];
  it.each(table)("%s %s (batch %s) → %s", (queue, state, batch, expected) => {
    const verdict = jobRetry({ queue, state, batch });
    expect(verdict.ok).toBe(expected);
    if (!verdict.ok) expect(verdict.reason).toMatch(/failed/);
  });
});

describe("failure reason: the message pg-boss kept, never the stack", () => {
  it.each<[unknown, string | null]>([
    [null, null],
    [{}, null],
    [{ name: "MailError", message: "Sending failed: 500", stack: "MailError: Sending failed\n    at deliverBatch (delivery.ts:1)" }, "Sending failed: 500"],
    [{ value: { message: "job timed out" } }, "job timed out"],
    [{ value: "gave up" }, "gave up"],
    [{ value: 42 }, null],
    [{ message: "x".repeat(600) }, "x".repeat(500)],
  ])("%j → %s", (output, expected) => expect(failureMessage(output)).toBe(expected));
});
