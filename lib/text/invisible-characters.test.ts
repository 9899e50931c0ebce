import { describe, expect, it } from "vitest";
import { describeCodePoint, findInvisibleCharacter, invisibleCharacterProblem } from "./invisible-characters";

describe("findInvisibleCharacter", () => {
  it.each([
    ["\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"],
    ["\u202a", "U+202A LEFT-TO-RIGHT EMBEDDING"],
    ["\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"],
    ["\u2069", "U+2069 POP DIRECTIONAL ISOLATE"],
    ["\u200e", "U+200E LEFT-TO-RIGHT MARK"],
    ["\u200f", "U+200F RIGHT-TO-LEFT MARK"],
    ["\u061c", "U+061C ARABIC LETTER MARK"],
    ["\u200b", "U+200B ZERO WIDTH SPACE"],
    ["\u200c", "U+200C ZERO WIDTH NON-JOINER"],
    ["\u200d", "U+200D ZERO WIDTH JOINER"],
    ["\u2060", "U+2060 WORD JOINER"],
    ["\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"],
    ["\u00ad", "U+00AD SOFT HYPHEN"],
    ["\u3164", "U+3164 HANGUL FILLER"],
    ["\ufe0f", "U+FE0F VARIATION SELECTOR-16"],
    ["\u{e0041}", "U+E0041 TAG CHARACTER"],
    ["\u0007", "U+0007 CONTROL CHARACTER"],
    ["\u2028", "U+2028 LINE SEPARATOR"],
  ])("finds %j in the middle of a name: %s", (character, described) => {
    expect(findInvisibleCharacter(`Blue${character}fin OS`)).toBe(described);
  });

  it.each(["Bluefin OS", "Ærø Linux", "Ελληνικά", "Кириллица", "日本語", "עברית", "العربية", "Blue-fin (OS) & Co."])("accepts %s", (name) => {
    expect(findInvisibleCharacter(name)).toBeNull();
  });

  it("pads short code points to four digits", () => {
    expect(describeCodePoint(0x7f)).toBe("U+007F CONTROL CHARACTER");
  });

  it("says what to do", () => {
    expect(invisibleCharacterProblem("Bluefin\u202eSO")).toMatch(/^The name contains U\+202E RIGHT-TO-LEFT OVERRIDE, .*remove it/);
    expect(invisibleCharacterProblem("Bluefin OS")).toBeNull();
  });
});
