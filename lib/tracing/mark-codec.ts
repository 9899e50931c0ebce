// The invisible form of a code. A mark is U+2060 (word joiner), 51 base-3 digits written with U+200B, U+200C and
// U+200D (zero-width space, non-joiner, joiner), and U+2060 again: 80 bits = the 64-bit code and a 16-bit checksum.
// The digits never include U+2060, so the sentinels cannot occur inside a mark; a mark with a lost, added or changed
// digit fails the length or the checksum and is rejected, never read as another code. None of these characters is
// U+FEFF (dropped as a byte-order mark) or an invisible mathematical operator (screen readers announce those).
import { createHash } from "node:crypto";

const DIGITS = ["\u200B", "\u200C", "\u200D"] as const;
const EDGE = "\u2060";
const LENGTH = 51; // 3^51 > 2^80
const CHECKSUM_LABEL = "forewarn/copy-mark-checksum/v1";

/** Every intact-looking mark (sentinels and the right number of digits); the checksum is checked when decoding. */
export const MARK_PATTERN = /\u2060([\u200B\u200C\u200D]{51})\u2060/g;

function checksum(code: Buffer): Buffer {
  return createHash("sha256").update(CHECKSUM_LABEL).update(code).digest().subarray(0, 2);
}

/** The mark that carries `code` (16 lowercase hex characters). */
export function encodeMark(code: string): string {
  if (!/^[0-9a-f]{16}$/.test(code)) throw new Error("a copy code is 16 lowercase hex characters");
  const bytes = Buffer.from(code, "hex");
  let value = BigInt(`0x${Buffer.concat([bytes, checksum(bytes)]).toString("hex")}`);
  const digits: string[] = [];
  for (let i = 0; i < LENGTH; i++) {
    digits.push(DIGITS[Number(value % 3n)]!);
    value /= 3n;
  }
  return EDGE + digits.reverse().join("") + EDGE;
}

/** The code of a mark's digits (the capture of MARK_PATTERN), or null when the checksum does not hold. */
export function decodeMarkDigits(digits: string): string | null {
  if (digits.length !== LENGTH) return null;
  let value = 0n;
  for (const ch of digits) {
    const digit = DIGITS.indexOf(ch as (typeof DIGITS)[number]);
    if (digit < 0) return null;
    value = value * 3n + BigInt(digit);
  }
  if (value >= 1n << 80n) return null;
  const bytes = Buffer.from(value.toString(16).padStart(20, "0"), "hex");
  const code = bytes.subarray(0, 8);
  return checksum(code).equals(bytes.subarray(8)) ? code.toString("hex") : null;
}

/** Intact marks in a text, by code, most frequent first. */
export function findMarks(text: string): Array<{ code: string; count: number }> {
  const counts = new Map<string, number>();
  for (const match of text.matchAll(MARK_PATTERN)) {
    const code = decodeMarkDigits(match[1]!);
    if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}
