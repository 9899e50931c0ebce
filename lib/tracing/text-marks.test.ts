import { describe, expect, it } from "vitest";
import { encodeMark } from "./mark-codec";
import { findTextMarks, markPlainText, stripMarks } from "./text-marks";

const A = "0123456789abcdef";
const B = "fedcba9876543210";
const PROSE =
  "The parser in libexample reads the length field before it checks the buffer, so a crafted message can read past the end of the heap.";
const ZW = /[\u200B\u200C\u200D\u2060]/;

describe("the mark codec", () => {
  it.each([A, B, "0000000000000000", "ffffffffffffffff"])("round-trips %s", (code) => {
    expect(findTextMarks(`x ${encodeMark(code)}y`)).toEqual([{ code, count: 1 }]);
  });

  it("is invisible: only zero-width characters, never U+FEFF or the invisible math operators", () => {
    const mark = encodeMark(A);
    expect(mark).toMatch(/^[\u200B\u200C\u200D\u2060]{53}$/);
    expect(mark).not.toMatch(/[\uFEFF\u2061-\u2064]/);
  });

  it("rejects a damaged mark (a digit changed, lost or added) instead of reading another code", () => {
    const mark = encodeMark(A);
    const digits = [...mark];
    let rejected = 0;
    for (let i = 1; i < digits.length - 1; i++) {
      for (const other of ["\u200B", "\u200C", "\u200D"]) {
        if (other === digits[i]) continue;
        const changed = [...digits];
        changed[i] = other;
        const found = findTextMarks(changed.join(""));
        expect(found.every((f) => f.code !== A)).toBe(true);
        if (found.length === 0) rejected++;
      }
      expect(findTextMarks(digits.filter((_, j) => j !== i).join(""))).toEqual([]);
      expect(findTextMarks([...digits.slice(0, i), "\u200B", ...digits.slice(i)].join(""))).toEqual([]);
    }
    // 16 checksum bits: a changed digit passes it about once in 65,536 times; over 102 changes, none should.
    expect(rejected).toBe(102);
  });

  it("refuses a code that is not 16 lowercase hex characters", () => {
    expect(() => encodeMark("ABC")).toThrow();
  });
});

describe("markPlainText", () => {
  it("marks prose invisibly: stripped, the text is the original", () => {
    const marked = markPlainText(PROSE, A);
    expect(marked).not.toBe(PROSE);
    expect(stripMarks(marked)).toBe(PROSE);
    expect(findTextMarks(marked)).toEqual([{ code: A, count: 1 }]);
  });

  it("puts a mark only after a space, before a word", () => {
    const marked = markPlainText(PROSE, A);
    const at = marked.indexOf("\u2060");
    expect(marked[at - 1]).toBe(" ");
    expect(marked[at + 53]).toMatch(/\p{L}/u);
  });

  it("marks every paragraph long enough, and long ones every few dozen words", () => {
    const long = Array.from({ length: 10 }, () => PROSE).join(" ");
    const text = `${PROSE}\n\nShort one.\n\n${long}\n`;
    const marked = markPlainText(text, A);
    const paragraphs = marked.split("\n\n");
    expect(findTextMarks(paragraphs[0]!)).toHaveLength(1);
    expect(findTextMarks(paragraphs[1]!)).toEqual([]);
    expect(findTextMarks(paragraphs[2]!)[0]!.count).toBeGreaterThanOrEqual(7);
    // Any run of 45 words of the long paragraph carries at least one intact mark.
    const words = paragraphs[2]!.split(" ");
    for (let i = 0; i + 45 <= words.length; i += 7) expect(findTextMarks(words.slice(i, i + 45).join(" ")).length).toBe(1);
  });

  it("is idempotent, and re-marking for another copy leaves only the new mark", () => {
    const once = markPlainText(PROSE, A);
    expect(markPlainText(once, A)).toBe(once);
    expect(findTextMarks(markPlainText(once, B))).toEqual([{ code: B, count: 1 }]);
  });

  it("never marks code, commands, URLs, addresses, CVE ids or versions", () => {
    const text = [
      "Upgrade now to the fixed release of the library, then restart every service that links against it.",
      "",
      "```",
      "the quick brown fox jumps over the lazy dog again and again and again",
      "```",
      "",
      "    indented code block with plenty of plain words in it for sure",
      "",
      "$ please do run this command with all these words here now",
      "Run `make all install check now please` and git apply fix.patch before https://example.org/a b c d e f g h or mail security@example.org about CVE-2026-12345 in 1.2.3 today.",
      "Signed-off-by: Jane Q Developer <jane@example.org>",
    ].join("\n");
    const marked = markPlainText(text, A);
    const lines = marked.split("\n");
    expect(findTextMarks(lines[0]!)).toHaveLength(1);
    for (const i of [3, 6, 8, 10]) expect(lines[i]).toBe(text.split("\n")[i]);
    for (const protectedText of ["`make all install check now please`", "git apply fix.patch", "https://example.org/a", "security@example.org", "CVE-2026-12345", "1.2.3"]) {
      expect(lines[9]).toContain(protectedText);
    }
  });

  it("leaves OpenPGP signed or armoured text untouched", () => {
    const signed = `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n${PROSE}\n-----BEGIN PGP SIGNATURE-----\n\nabc\n-----END PGP SIGNATURE-----\n`;
    expect(markPlainText(signed, A)).toBe(signed);
  });

  it("keeps CRLF line endings and a missing final newline", () => {
    const text = `${PROSE}\r\n\r\n${PROSE}`;
    const marked = markPlainText(text, A);
    expect(stripMarks(marked)).toBe(text);
    expect(findTextMarks(marked)).toEqual([{ code: A, count: 2 }]);
  });

  it("names both codes of a mixed text, most frequent first", () => {
    const mixed = `${markPlainText(`${PROSE}\n\n${PROSE}`, B)}\n\n${markPlainText(PROSE, A)}`;
    expect(findTextMarks(mixed)).toEqual([
      { code: B, count: 2 },
      { code: A, count: 1 },
    ]);
  });

  it("handles long texts quickly", () => {
    const text = Array.from({ length: 2000 }, () => PROSE).join("\n\n");
    const started = performance.now();
    const marked = markPlainText(text, A);
    expect(findTextMarks(marked)[0]!.count).toBe(2000);
    expect(stripMarks(marked)).toBe(text);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("leaves text without prose alone", () => {
    expect(markPlainText("1.2.3 → 1.2.4", A)).toBe("1.2.3 → 1.2.4");
    expect(ZW.test(markPlainText("Hi there.", A))).toBe(false);
  });
});
