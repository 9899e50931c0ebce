// Per-copy codes for leak tracing. A code is the first 64 bits of HMAC-SHA256 over the copy's canonical identity, under
// a key derived (HKDF-SHA256) from the instance secret with its own label: nothing is stored per view, and the same
// copy always carries the same code, so a trace recomputes the candidates instead of looking codes up. Codes and the
// key are secrets: never logged, never in audit details, never shown.
import { createHmac, hkdfSync } from "node:crypto";
import { getInstanceSecret } from "@/lib/server/config";

export type CopyForm = "page" | "email" | "api" | "csaf" | "download";

export const COPY_FORMS: readonly CopyForm[] = ["page", "email", "api", "csaf", "download"];

export type CopyIdentity = { form: CopyForm; noticeId: string; organisationId: string; userId?: string; attachmentId?: string };

const KEY_LABEL = "forewarn/copy-marks/v1";

let cachedKey: { secret: string; key: Buffer } | undefined;

function markKey(): Buffer {
  const secret = getInstanceSecret();
  if (cachedKey?.secret !== secret) cachedKey = { secret, key: Buffer.from(hkdfSync("sha256", secret, "forewarn", KEY_LABEL, 32)) };
  return cachedKey.key;
}

/**
 * One line per identity, fields in a fixed order: a download names its member and file; the other forms are the same
 * for every member of the organisation (they must not carry member fields, so a stray one is left out).
 */
function canonical(copy: CopyIdentity): string {
  const perMember = copy.form === "download";
  return JSON.stringify(["v1", copy.form, copy.noticeId, copy.organisationId, perMember ? (copy.userId ?? "") : "", perMember ? (copy.attachmentId ?? "") : ""]);
}

/** Codes of many copies under one key read (a trace computes thousands). */
export function copyCoder(): (copy: CopyIdentity) => string {
  const key = markKey();
  return (copy) => createHmac("sha256", key).update(canonical(copy)).digest().subarray(0, 8).toString("hex");
}

/** 16 lowercase hex characters. */
export function copyCode(copy: CopyIdentity): string {
  return copyCoder()(copy);
}

export function isCopyCode(value: string): boolean {
  return /^[0-9a-f]{16}$/.test(value);
}
