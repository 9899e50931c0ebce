// Characters that are not seen but change what a name looks like: bidirectional controls reorder what follows them
// (a name that reads "Bluefin OS" on screen can be "SO nifeulB" underneath, or hide a different name), and zero-width
// and other default-ignorable characters make two names that look the same compare as different. Names are what
// people recognise each other by here, so any of these in a name is refused, with the character named, rather than
// silently removed (a silent removal would store something other than what was typed).
import type { z } from "zod";

/** Bidi_Control and Default_Ignorable_Code_Point (Unicode properties), control characters, line/paragraph separators. */
const INVISIBLE = /[\p{Bidi_Control}\p{Default_Ignorable_Code_Point}\p{Cc}\u2028\u2029]/u;

// Names as in Unicode's UnicodeData.txt for the ones people meet; ranges are named below, the rest by a description.
const NAMES: Record<number, string> = {
  0x00ad: "SOFT HYPHEN",
  0x034f: "COMBINING GRAPHEME JOINER",
  0x061c: "ARABIC LETTER MARK",
  0x115f: "HANGUL CHOSEONG FILLER",
  0x1160: "HANGUL JUNGSEONG FILLER",
  0x17b4: "KHMER VOWEL INHERENT AQ",
  0x17b5: "KHMER VOWEL INHERENT AA",
  0x180e: "MONGOLIAN VOWEL SEPARATOR",
  0x200b: "ZERO WIDTH SPACE",
  0x200c: "ZERO WIDTH NON-JOINER",
  0x200d: "ZERO WIDTH JOINER",
  0x200e: "LEFT-TO-RIGHT MARK",
  0x200f: "RIGHT-TO-LEFT MARK",
  0x2028: "LINE SEPARATOR",
  0x2029: "PARAGRAPH SEPARATOR",
  0x202a: "LEFT-TO-RIGHT EMBEDDING",
  0x202b: "RIGHT-TO-LEFT EMBEDDING",
  0x202c: "POP DIRECTIONAL FORMATTING",
  0x202d: "LEFT-TO-RIGHT OVERRIDE",
  0x202e: "RIGHT-TO-LEFT OVERRIDE",
  0x2060: "WORD JOINER",
  0x2061: "FUNCTION APPLICATION",
  0x2062: "INVISIBLE TIMES",
  0x2063: "INVISIBLE SEPARATOR",
  0x2064: "INVISIBLE PLUS",
  0x2066: "LEFT-TO-RIGHT ISOLATE",
  0x2067: "RIGHT-TO-LEFT ISOLATE",
  0x2068: "FIRST STRONG ISOLATE",
  0x2069: "POP DIRECTIONAL ISOLATE",
  0x3164: "HANGUL FILLER",
  0xfeff: "ZERO WIDTH NO-BREAK SPACE",
  0xffa0: "HALFWIDTH HANGUL FILLER",
};

function nameOf(codePoint: number): string {
  const known = NAMES[codePoint];
  if (known) return known;
  if (codePoint >= 0xfe00 && codePoint <= 0xfe0f) return `VARIATION SELECTOR-${codePoint - 0xfe00 + 1}`;
  if (codePoint >= 0xe0100 && codePoint <= 0xe01ef) return `VARIATION SELECTOR-${codePoint - 0xe0100 + 17}`;
  if (codePoint >= 0x180b && codePoint <= 0x180f) return "MONGOLIAN FREE VARIATION SELECTOR";
  if (codePoint >= 0xe0000 && codePoint <= 0xe007f) return "TAG CHARACTER";
  if (codePoint <= 0x1f || (codePoint >= 0x7f && codePoint <= 0x9f)) return "CONTROL CHARACTER";
  return "INVISIBLE CHARACTER";
}

/** "U+202E RIGHT-TO-LEFT OVERRIDE" */
export function describeCodePoint(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")} ${nameOf(codePoint)}`;
}

/** The first invisible character in `text`, described, or null when there is none. */
export function findInvisibleCharacter(text: string): string | null {
  const match = INVISIBLE.exec(text);
  return match ? describeCodePoint(match[0].codePointAt(0)!) : null;
}

/** The message a form shows for a name with an invisible character (null: the name is fine). */
export function invisibleCharacterProblem(text: string, what = "The name"): string | null {
  const found = findInvisibleCharacter(text);
  return found ? `${what} contains ${found}, an invisible character that can make it read differently from what is stored: remove it (retype it if you pasted it).` : null;
}

/** For a zod schema of a name: `.superRefine(refuseInvisibleCharacters)`. */
export function refuseInvisibleCharacters(value: string, ctx: z.RefinementCtx): void {
  const problem = invisibleCharacterProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
}

/**
 * A search or filter text without its NULs (U+0000): PostgreSQL takes none in a text value, so one in a query string
 * would fail the page instead of finding nothing. Nothing stored can contain one (parseForm refuses them).
 */
export const withoutNul = (text: string): string => text.replaceAll("\u0000", "");
