// The project's OpenPGP key: who may manage it, when signing is on, what a verifier is shown. Pure rules.
//
// Signing is "on" from the moment the project has (or had) a key: from then on nothing goes out unsigned. When it is
// on but no key can sign (none active, the active one expired), senders stop with `problem`, a sentence a maintainer
// can act on. It never carries key material.
import { AppError } from "@/lib/server/errors";
import type { Viewer } from "@/lib/server/viewer-types";

/** Generate, import, rotate, revoke: maintainers who passed their second factor in this session. */
export function canManageProjectKey(viewer: Viewer): boolean {
  return viewer.kind === "maintainer" && viewer.secondFactor;
}

export type KeyStatus = "ACTIVE" | "RETIRED" | "REVOKED";

/** Thrown by signing when the project signs but cannot now: its publicMessage names the cause and what to do. */
export class SigningUnavailableError extends AppError {
  constructor(problem: string) {
    super(problem);
  }
}

const FIX = "A maintainer can generate or import a key in Settings → OpenPGP key; until then nothing is sent or published unsigned.";

export type SigningState = { on: boolean; fingerprint: string | null; problem: string | null };

/**
 * From the active key (if any), whether any key ever existed, and the latest revocation: the signing state.
 * `formatDay` renders a date for the sentence (UTC).
 */
export function signingState(input: { active: { fingerprint: string; expiresAt: Date | null } | null; anyKey: boolean; lastRevokedAt: Date | null }, now: Date): SigningState {
  const { active } = input;
  if (active) {
    if (active.expiresAt && active.expiresAt <= now) {
      return { on: true, fingerprint: active.fingerprint, problem: `The project's OpenPGP key expired on ${utcDay(active.expiresAt)} (UTC). ${FIX}` };
    }
    return { on: true, fingerprint: active.fingerprint, problem: null };
  }
  if (!input.anyKey) return { on: false, fingerprint: null, problem: null };
  const why = input.lastRevokedAt ? `The project's OpenPGP key was revoked on ${utcDay(input.lastRevokedAt)} (UTC) and no new key is active.` : "The project has no active OpenPGP key.";
  return { on: true, fingerprint: null, problem: `${why} ${FIX}` };
}

function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Published: the active key, retired keys until the end of their overlap, revoked keys (with their revocation). */
export function isPublished(key: { status: KeyStatus; publishUntil: Date | null }, now: Date): boolean {
  if (key.status !== "RETIRED") return true;
  return key.publishUntil === null || key.publishUntil > now;
}

/**
 * What a new key (generated or imported) changes, said before a maintainer confirms; null when nothing but "the
 * project signs from now on". Fingerprints are shown in groups of four.
 */
export function replacementNotice(input: { activeFingerprint: string | null; reportKeyFingerprint: string | null; importing: boolean }): string | null {
  const group = (f: string) => f.replace(/(.{4})/g, "$1 ").trim();
  const parts: string[] = [];
  if (input.activeFingerprint) {
    parts.push(`The current key ${group(input.activeFingerprint)} will be retired: it stops signing and stays published for the overlap, so what it signed can still be verified. Reports will be encrypted to the new key from then on.`);
  } else if (input.reportKeyFingerprint) {
    const next = input.importing
      ? "From now on they will be encrypted to the imported key instead (unless it is that key's private key), and the maintainers decrypt them with its private key."
      : "From now on they will be encrypted to the new key instead, whose private key stays sealed on this server: the maintainers cannot decrypt those reports with the key they hold. To keep it, import that key's private key instead of generating one.";
    parts.push(`Reports are encrypted today to the report key in Settings, ${group(input.reportKeyFingerprint)}. ${next} Reports already received stay encrypted to the old key.`);
  }
  return parts.length ? parts.join(" ") : null;
}
