// The OpenPGP Web Key Directory, direct method (draft-koch-openpgp-webkey-service): a client looking for the key of
// local@domain fetches https://domain/.well-known/openpgpkey/hu/<hash>, where <hash> is the z-base-32 encoding of the
// SHA-1 of the local part mapped to lower case (ASCII A-Z only); the answer is the key in binary. The site must also
// serve /.well-known/openpgpkey/policy (an empty file will do). Pure helpers.
import { createHash } from "node:crypto";

const ZBASE32 = "ybndrfg8ejkmcpqxot1uwisza345h769";

/** z-base-32 (RFC 6189 §5.1.6) of whole bytes, most significant bit first. */
export function zbase32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ZBASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ZBASE32[(buffer << (5 - bits)) & 31];
  return out;
}

function localPart(address: string): string {
  const at = address.lastIndexOf("@");
  return at < 0 ? address : address.slice(0, at);
}

/** The WKD hash of an address's local part ("Joe.Doe@Example.ORG" → "iy9q119eutrkn8s1mk4r39qejnbu3n5q"). */
export function wkdHash(address: string): string {
  const lowered = localPart(address).replace(/[A-Z]/g, (c) => c.toLowerCase());
  return zbase32(createHash("sha1").update(lowered, "utf8").digest());
}

/** The direct-method path for an address, as a client builds it. */
export function wkdPath(address: string): string {
  return `/.well-known/openpgpkey/hu/${wkdHash(address)}?l=${encodeURIComponent(localPart(address))}`;
}

/** Does the key carry a user id with exactly this address (case-insensitive)? WKD clients refuse keys that do not. */
export function hasAddress(userIds: string[], address: string): boolean {
  const wanted = address.toLowerCase();
  return userIds.some((uid) => (/<([^>]+)>\s*$/.exec(uid)?.[1] ?? uid).trim().toLowerCase() === wanted);
}
