// Web addresses that leave the portal in machine-readable records (a notice's references and repositories, the
// project's repository and CSAF publisher namespace, a Maven registry): CVE JSON 5, OSV and CSAF each require a valid
// URI (RFC 3986), and people follow them from the announcement email and the advisory page. A prefix check let through
// text that is no address at all ('https://x/"><script>', "https://[::1", a NUL) and invisible characters that make a
// link read as another (U+202E RIGHT-TO-LEFT OVERRIDE shows "https://a" + U+202E + "gnp.exe" as "https://aexe.png").
// Here an address is read the way browsers read it (WHATWG URL), and kept only in its normal form, which must then be
// a URI as RFC 3986 writes it. Pure; lib/text is the bottom layer (packages, settings and notices check addresses here).
import { findInvisibleCharacter } from "./invisible-characters";

/** Bidi controls, default-ignorable (zero-width…) and control characters, line/paragraph separators, any space. */
const UNSEEN = /[\p{Bidi_Control}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Z}]/u;

/** RFC 3986's pchar (section 3.3): unreserved, sub-delims, ":" and "@", and "%" only as the start of two hex digits. */
const PCHAR = "(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})";
/** What follows the host (sections 3.3-3.5): a path, then a query, then a fragment — one "#" at most, no brackets. */
const AFTER_HOST = new RegExp(`^(?:${PCHAR}|/)*(?:\\?(?:${PCHAR}|[/?])*)?(?:#(?:${PCHAR}|[/?])*)?$`);

/** A host as DNS names one (URL has already lower-cased it and written an international one as "xn--…"), or IPv6. */
const HOST = /^(?:[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*\.?|\[[0-9a-f:.]+\])$/;

export type WebAddressProblem = "not-an-address" | "scheme" | "credentials" | "unseen-character" | "too-long";

/** CVE JSON 5's uriType allows 2,048 characters; OSV and CSAF carry the same links. */
export const WEB_ADDRESS_MAX = 2_048;

/**
 * The address in normal form (scheme and host in lower case, an international host in its ASCII form, characters a
 * URI may not hold percent-encoded), or why it is refused: anything but http(s) — https only with `httpsOnly` — written
 * with its "//"; no host; a user name or password (they end up in logs and in others' address bars); an invisible
 * or control character anywhere; or a result that is still not an RFC 3986 URI (e.g. "|" or "^" in the path).
 * A bare origin keeps its form ("https://example.org" stays so, without the "/" URL adds).
 */
export function checkWebAddress(value: string, { httpsOnly = false }: { httpsOnly?: boolean } = {}): { ok: true; url: string } | { ok: false; problem: WebAddressProblem } {
  if (UNSEEN.test(value) || !value.isWellFormed()) return { ok: false, problem: "unseen-character" };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (scheme !== "https" && (httpsOnly || scheme !== "http")) return { ok: false, problem: scheme ? "scheme" : "not-an-address" };
  // A backslash is read as "/" by browsers: whatever it was meant to say, it is not what the text says.
  if (value.includes("\\")) return { ok: false, problem: "not-an-address" };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, problem: "not-an-address" };
  }
  if (!HOST.test(url.hostname)) return { ok: false, problem: "not-an-address" };
  if (url.username || url.password) return { ok: false, problem: "credentials" };
  // The bare origin URL writes as "https://example.org/": kept without the "/" when it was typed without one.
  const origin = `${url.protocol}//${url.host}`;
  const normal = url.href === `${origin}/` && !value.endsWith("/") ? origin : url.href;
  if (normal.length > WEB_ADDRESS_MAX) return { ok: false, problem: "too-long" };
  // The host is URL's own (ASCII, an IPv6 one in brackets); what follows it must be URI characters, without brackets.
  const rest = normal.slice(origin.length);
  if (!normal.startsWith(origin) || !AFTER_HOST.test(rest)) return { ok: false, problem: "not-an-address" };
  return { ok: true, url: normal };
}

/** The address in normal form, or null (what checkWebAddress refuses). For reading stored values back. */
export function webAddress(value: string, options: { httpsOnly?: boolean } = {}): string | null {
  const checked = checkWebAddress(value, options);
  return checked.ok ? checked.url : null;
}

/** The first character no address may hold, named ("U+202E RIGHT-TO-LEFT OVERRIDE", "U+00A0, a space character"). */
function unseenIn(value: string): string {
  for (const character of value) {
    const codePoint = character.codePointAt(0)!;
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) return `U+${codePoint.toString(16).toUpperCase()}, half of a character without its other half`;
    const named = findInvisibleCharacter(character);
    if (named) return named;
    if (/\p{Z}/u.test(character)) return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}, a space character`;
  }
  return "a character no address has";
}

/** What to tell the person who typed `value`. */
export function webAddressMessage(problem: WebAddressProblem, value: string, { httpsOnly = false }: { httpsOnly?: boolean } = {}): string {
  switch (problem) {
    case "scheme":
      return httpsOnly ? "only an https:// address is accepted." : "only http:// and https:// addresses are accepted.";
    case "credentials":
      return "leave the user name and password out of the address.";
    case "unseen-character":
      return `the address holds ${unseenIn(value)}, which no address has (perhaps pasted along with it): remove it.`;
    case "too-long":
      return `the address is longer than the ${WEB_ADDRESS_MAX.toLocaleString("en")} characters the advisory records allow (written as a URI, with its non-ASCII characters percent-encoded).`;
    case "not-an-address":
      return `this is not a valid web address (write it as ${httpsOnly ? "https" : "http(s)"}://host/path, with any “|”, “^” or “[ ]” in it percent-encoded).`;
  }
}
