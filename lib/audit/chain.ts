// The audit hash chain: each event's hash covers its content and its predecessor's hash, so editing, deleting or
// reordering any stored event breaks verification from that point on. Pure functions, unit-tested.
import { createHash } from "node:crypto";

export type ChainedFields = {
  occurredAt: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ipAddress: string | null;
  details: unknown;
};

/** JSON with object keys sorted at every level: the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

function hashedPayload(prevHash: unknown, event: ChainedFields): string {
  return canonicalJson({
    prevHash,
    occurredAt: event.occurredAt.toISOString(),
    actorId: event.actorId,
    actorEmail: event.actorEmail,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    ipAddress: event.ipAddress,
    details: event.details,
  });
}

export function eventHash(prevHash: string | null, event: ChainedFields): string {
  return createHash("sha256").update(hashedPayload(prevHash, event)).digest("hex");
}

/** Stands for the predecessor's hash in a template: no field of an event can contain it (see hashTemplate). */
const PREV_MARK = "\u0000prev-hash\u0000";

/**
 * What eventHash hashes, cut where the predecessor's hash goes: `before + JSON.stringify(prevHash) + after` (or
 * `before + "null" + after` for the first event) is exactly eventHash's payload. The database finishes the hash with
 * the predecessor it holds (lib/audit/data.ts), so an event is chained in the one statement that appends it.
 */
export function hashTemplate(event: ChainedFields): { before: string; after: string } {
  const payload = hashedPayload(PREV_MARK, event);
  const mark = JSON.stringify(PREV_MARK);
  const at = payload.indexOf(mark);
  // A field that contains the mark would make the cut ambiguous: refused (it cannot come from a real event).
  if (at < 0 || payload.indexOf(mark, at + 1) >= 0) throw new Error("audit event fields contain the chain's placeholder");
  return { before: payload.slice(0, at), after: payload.slice(at + mark.length) };
}

export type StoredEvent = ChainedFields & { seq: bigint; prevHash: string | null; hash: string };
export type ChainCheck = { ok: true; checked: number } | { ok: false; checked: number; brokenAt: bigint; reason: string };

/** Verifies events in sequence order, continuing from `prevHash` (the hash before the first event, or null). */
export function verifyEvents(events: StoredEvent[], prevHash: string | null, checkedBefore = 0): ChainCheck {
  let previous = prevHash;
  let checked = checkedBefore;
  for (const event of events) {
    if (event.prevHash !== previous) {
      return { ok: false, checked, brokenAt: event.seq, reason: "the link to the previous event does not match (an event was removed or reordered)" };
    }
    if (eventHash(previous, event) !== event.hash) {
      return { ok: false, checked, brokenAt: event.seq, reason: "the event's content does not match its hash (it was edited)" };
    }
    previous = event.hash;
    checked += 1;
  }
  return { ok: true, checked };
}

/** One archived event: every field its hash covers, as JSON. */
export type ArchivedEvent = Omit<ChainedFields, "occurredAt"> & { seq: string; occurredAt: string; prevHash: string | null; hash: string };

/**
 * A date range of the audit log that can be verified on its own: `proof.prevHash` is the hash the first event links
 * to (null at the very start of the log) and `proof.lastHash` the one the next range's first event links to.
 */
export type AuditArchive = {
  format: "forewarn-audit-archive";
  version: 1;
  range: { from: string; to: string; timeZone: "UTC" };
  exportedAt: string;
  proof: { prevHash: string | null; lastHash: string | null; events: number };
  events: ArchivedEvent[];
};

/** Checks an archive alone: each event's hash, each link, from the proof's first link to its last hash. */
export function verifyArchive(archive: AuditArchive): ChainCheck {
  if (archive.format !== "forewarn-audit-archive" || archive.version !== 1 || !Array.isArray(archive.events)) {
    return { ok: false, checked: 0, brokenAt: 0n, reason: "this is not a Forewarn audit archive (format 1)" };
  }
  const events = archive.events.map((e) => ({ ...e, seq: BigInt(e.seq), occurredAt: new Date(e.occurredAt) }));
  const result = verifyEvents(events, archive.proof.prevHash);
  if (!result.ok) return result;
  const last = archive.events.at(-1)?.hash ?? archive.proof.prevHash;
  if (archive.proof.events !== events.length || archive.proof.lastHash !== last) {
    return { ok: false, checked: result.checked, brokenAt: events.at(-1)?.seq ?? 0n, reason: "the proof does not match the events (events were added or removed at the end)" };
  }
  return result;
}

const SECRET_KEY = /token|secret|password|passcode|otp|code|url|link|cookie|authorization/i;
const SECRET_VALUE = /[?&](token|code|secret)=|\/api\/auth\/callback|bearer\s/i;

/** Audit details must never carry tokens, links or secrets: a developer error, refused loudly. */
export function assertNoSecrets(details: unknown, path = "details"): void {
  if (typeof details === "string") {
    if (SECRET_VALUE.test(details)) throw new Error(`audit ${path} looks like it contains a secret or sign-in link`);
    return;
  }
  if (details === null || typeof details !== "object") return;
  for (const [key, value] of Object.entries(details as Record<string, unknown>)) {
    if (SECRET_KEY.test(key)) throw new Error(`audit ${path}.${key}: secrets and links never go into the audit log`);
    assertNoSecrets(value, `${path}.${key}`);
  }
}
