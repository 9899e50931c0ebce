import { describe, expect, it } from "vitest";
import { advances, batchesOf, canFollowDeliveries, chunk, ENCRYPTED_ATTACHMENTS_MAX_BYTES, encryptedAttachmentsFit, retryAfterWait, statusForEvent, type OutboxStatus } from "./policy";
import { ANONYMOUS, type MaintainerViewer, type VendorViewer } from "@/lib/server/viewer-types";

const base = { userId: "u", email: "e@x.example", name: null, sessionId: "s", totpEnrolled: true };
const maintainer: MaintainerViewer = { ...base, kind: "maintainer", secondFactor: true };
const vendor: VendorViewer = { ...base, kind: "vendor", secondFactor: true, organisationId: "o", organisationName: "Acme", orgAdmin: false };

describe("who follows deliveries (every recipient's address is on the page)", () => {
  it.each([
    ["maintainer with second factor", maintainer, true],
    ["maintainer without second factor", { ...maintainer, secondFactor: false }, false],
    ["vendor member", vendor, false],
    ["anonymous", ANONYMOUS, false],
  ] as const)("%s → %s", (_, viewer, expected) => expect(canFollowDeliveries(viewer)).toBe(expected));
});

describe("delivery events only move a row forward", () => {
  const table: Array<[OutboxStatus, string, boolean]> = [
    ["SENT", "email.delivered", true],
    ["QUEUED", "email.delivered", true],
    ["DELIVERED", "email.delivered", false],
    ["DELIVERED", "email.bounced", true],
    ["BOUNCED", "email.delivered", false],
    ["SENT", "email.complained", true],
    ["COMPLAINED", "email.bounced", false],
    ["COMPLAINED", "email.delivered", false],
    ["SENT", "email.failed", true],
    ["DELIVERED", "email.failed", false],
    ["FAILED", "email.delivered", true],
  ];
  it.each(table)("%s + %s → moves: %s", (current, type, expected) => {
    const next = statusForEvent(type);
    expect(next).not.toBeNull();
    expect(advances(current, next!)).toBe(expected);
  });
  it("events that change nothing are recognised as such", () => {
    for (const type of ["email.sent", "email.opened", "email.clicked", "email.delivery_delayed", "contact.created"]) expect(statusForEvent(type)).toBeNull();
  });
});

describe("batches and waits", () => {
  it("splits into provider calls of at most 100", () => {
    expect(chunk(Array.from({ length: 250 }, (_, i) => i), 100).map((c) => c.length)).toEqual([100, 100, 50]);
    expect(chunk([], 100)).toEqual([]);
  });
  it("honours retry-after within bounds", () => {
    expect(retryAfterWait(null)).toBe(0);
    expect(retryAfterWait(2)).toBe(2);
    expect(retryAfterWait(3600)).toBe(60);
    expect(retryAfterWait(-5)).toBe(0);
  });
});

describe("batchesOf", () => {
  const rows = (n: number, withFiles: number[] = []) => Array.from({ length: n }, (_, i) => ({ i, files: withFiles.includes(i) }));

  it("fills batches of up to 100 and puts every email with attachments in a batch of its own", () => {
    const batches = batchesOf(rows(203, [5, 150]), (r) => r.files);
    expect(batches.map((b) => b.length)).toEqual([100, 100, 1, 1, 1]);
    expect(batches.slice(-2).map((b) => b[0]!.i)).toEqual([5, 150]);
    expect(batches.flat().map((r) => r.i).sort((a, b) => a - b)).toEqual(rows(203).map((r) => r.i));
  });

  it("without attachments it is the plain chunking", () => {
    expect(batchesOf(rows(100), (r) => r.files)).toHaveLength(1);
    expect(batchesOf([], () => false)).toEqual([]);
  });
});

describe("encryptedAttachmentsFit", () => {
  it("counts the armour's growth and each file's overhead against the limit", () => {
    expect(encryptedAttachmentsFit([])).toBe(true);
    expect(encryptedAttachmentsFit([1_000])).toBe(true);
    expect(encryptedAttachmentsFit([3 * 1024 * 1024])).toBe(true);
    // 4 MB of patches is over 5 MB once armored.
    expect(encryptedAttachmentsFit([4 * 1024 * 1024])).toBe(false);
    const justUnder = Math.floor((ENCRYPTED_ATTACHMENTS_MAX_BYTES - 4096) / 1.4);
    expect(encryptedAttachmentsFit([justUnder])).toBe(true);
    expect(encryptedAttachmentsFit([justUnder, 1])).toBe(false);
  });
});
