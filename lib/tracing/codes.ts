// Per-copy codes for leak tracing. A code is the first 64 bits of HMAC-SHA256 over the copy's canonical identity, under
// a key derived (HKDF-SHA256) from the instance secret with its own label: nothing is stored per view, and the same
// copy always carries the same code, so a trace recomputes the candidates instead of looking codes up. Codes and the
// key are secrets: never logged, never in audit details, never shown.
import { createHash, hkdfSync, type Hash } from "node:crypto";
import { getInstanceSecret } from "@/lib/server/config";

export type CopyForm = "page" | "email" | "api" | "csaf" | "download";

export const COPY_FORMS: readonly CopyForm[] = ["page", "email", "api", "csaf", "download"];

export type CopyIdentity = { form: CopyForm; noticeId: string; organisationId: string; userId?: string; attachmentId?: string };

const KEY_LABEL = "forewarn/copy-marks/v1";

/**
 * HMAC-SHA256 under the derived key, with the inner and outer key blocks hashed once (RFC 2104) and copied per
 * message: the same result as createHmac, about three times faster — a trace computes tens of thousands of codes.
 */
type Hmac = { inner: Hash; outer: Hash };

/** Codes already computed in this process, by canonical identity (a trace recomputes the same tens of thousands). */
const MEMO_ENTRIES = 200_000;
let cached: { secret: string; hmac: Hmac; memo: Map<string, string> } | undefined;

function markHmac(): NonNullable<typeof cached> {
  const secret = getInstanceSecret();
  if (cached?.secret !== secret) {
    const key = Buffer.from(hkdfSync("sha256", secret, "forewarn", KEY_LABEL, 32));
    const pad = (byte: number) => Buffer.from(Array.from({ length: 64 }, (_, i) => (key[i] ?? 0) ^ byte));
    cached = { secret, hmac: { inner: createHash("sha256").update(pad(0x36)), outer: createHash("sha256").update(pad(0x5c)) }, memo: new Map() };
  }
  return cached;
}

/**
 * One line per identity, fields in a fixed order: a download names its member and file; a file attached to the
 * encrypted email names the file (the email's text names none); the other forms are the same for every member of the
 * organisation (they must not carry member fields, so a stray one is left out).
 */
function canonical(copy: CopyIdentity): string {
  const perMember = copy.form === "download";
  const perFile = perMember || copy.form === "email";
  return JSON.stringify(["v1", copy.form, copy.noticeId, copy.organisationId, perMember ? (copy.userId ?? "") : "", perFile ? (copy.attachmentId ?? "") : ""]);
}

/** Codes of many copies under one key read (a trace computes thousands). */
export function copyCoder(): (copy: CopyIdentity) => string {
  const { hmac, memo } = markHmac();
  return (copy) => {
    const identity = canonical(copy);
    let code = memo.get(identity);
    if (code === undefined) {
      code = hmac.outer.copy().update(hmac.inner.copy().update(identity).digest()).digest().subarray(0, 8).toString("hex");
      if (memo.size >= MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
      memo.set(identity, code);
    }
    return code;
  };
}

/** 16 lowercase hex characters. */
export function copyCode(copy: CopyIdentity): string {
  return copyCoder()(copy);
}

export function isCopyCode(value: string): boolean {
  return /^[0-9a-f]{16}$/.test(value);
}
