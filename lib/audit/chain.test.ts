import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { assertNoSecrets, canonicalJson, eventHash, hashTemplate, verifyEvents, type StoredEvent } from "./chain";

function chain(count: number): StoredEvent[] {
  const events: StoredEvent[] = [];
  let prev: string | null = null;
  for (let i = 1; i <= count; i++) {
    const fields = {
      occurredAt: new Date(Date.UTC(2026, 10, 22, 12, 0, i)),
      actorId: `u${i}`,
      actorEmail: `u${i}@example.org`,
      action: "directory.organisation.updated",
      targetType: "organisation",
      targetId: `o${i}`,
      ipAddress: "192.0.2.1",
      details: { changed: ["name"], i },
    };
    const hash = eventHash(prev, fields);
    events.push({ ...fields, seq: BigInt(i), prevHash: prev, hash });
    prev = hash;
  }
  return events;
}

describe("audit chain", () => {
  it("canonical JSON ignores key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
  });

  it("verifies an intact chain", () => {
    expect(verifyEvents(chain(5), null)).toEqual({ ok: true, checked: 5 });
  });

  it.each([
    ["an edited action", (e: StoredEvent[]) => (e[2]!.action = "directory.organisation.deleted"), 3n],
    ["edited details", (e: StoredEvent[]) => (e[3]!.details = { changed: [] }), 4n],
    ["a changed time", (e: StoredEvent[]) => (e[0]!.occurredAt = new Date(0)), 1n],
    ["a removed event", (e: StoredEvent[]) => e.splice(1, 1), 3n],
    ["swapped events", (e: StoredEvent[]) => e.splice(1, 2, e[2]!, e[1]!), 3n],
    ["a re-hashed edit (attacker recomputes one hash)", (e: StoredEvent[]) => {
      e[1]!.action = "forged";
      e[1]!.hash = eventHash(e[1]!.prevHash, e[1]!);
    }, 3n],
  ])("detects %s", (_label, tamper, brokenAt) => {
    const events = chain(5);
    tamper(events);
    const result = verifyEvents(events, null);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.brokenAt).toBe(brokenAt);
  });

  it("refuses secrets and links in details", () => {
    expect(() => assertNoSecrets({ email: "a@example.org", changed: ["status"] })).not.toThrow();
    expect(() => assertNoSecrets({ token: "abc" })).toThrow(/never go into the audit log/);
    expect(() => assertNoSecrets({ nested: { signInUrl: "x" } })).toThrow();
    expect(() => assertNoSecrets({ note: "https://portal.example/api/auth/callback/email?token=abc" })).toThrow();
  });

  it("a hash template finished with the predecessor's hash is the event's hash (what the database computes)", () => {
    const sha = (text: string) => createHash("sha256").update(text).digest("hex");
    for (const event of chain(3)) {
      const { before, after } = hashTemplate(event);
      expect(sha(`${before}${JSON.stringify(event.prevHash)}${after}`)).toBe(event.hash);
      expect(sha(`${before}${JSON.stringify(event.prevHash)}${after}`)).not.toBe(eventHash("0".repeat(64), event));
    }
    const [first] = chain(1);
    const { before, after } = hashTemplate(first!);
    expect(sha(`${before}null${after}`)).toBe(eventHash(null, first!));
  });

  it("refuses fields that contain the template's placeholder", () => {
    const [first] = chain(1);
    expect(() => hashTemplate({ ...first!, details: { note: "\u0000prev-hash\u0000" } })).toThrow(/placeholder/);
  });
});
