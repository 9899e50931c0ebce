// Marks in text: an invisible mark (mark-codec.ts) goes only between two plain words of prose — after the space, before
// the next word — early in every paragraph and again every few dozen words, so that copying any paragraph carries one.
// Never inside code (fenced or indented blocks, inline code), OpenPGP armour or signed text, URLs, e-mail addresses,
// identifiers or versions (a "word" here has letters only), or between words that read like a command.
import { MARK_PATTERN, encodeMark, findMarks } from "./mark-codec";

/** Words before the first mark of a paragraph, and between two marks. */
const FIRST_AFTER = 3;
const EVERY = 32;

/** Letters only (with an apostrophe or hyphen inside), optionally wrapped in quotes/brackets or followed by punctuation. */
const PROSE_WORD = /^[("'“‘]?\p{L}[\p{L}\p{M}'’-]*[.,;:!?)"'”’]?$/u;
/** Words that start commands a reader may copy from prose: never split them from their argument. */
const COMMAND_WORDS = new Set(
  "git patch diff apt dnf yum zypper pacman apk brew pip npm npx yarn pnpm cargo go make cmake sudo su cd ls cat curl wget ssh scp docker podman kubectl systemctl service gpg tar unzip gzip python perl ruby node java bash sh rpm dpkg".split(" "),
);
const INLINE_CODE = /(`+)[^`]*?\1/g;

export type ProseState = { words: number; marked: boolean };

export function newParagraph(): ProseState {
  return { words: 0, marked: false };
}

function bare(word: string): string {
  return word.replace(/^[("'“‘]+|[.,;:!?)"'”’]+$/gu, "").toLowerCase();
}

function eligible(previous: string, word: string): boolean {
  return PROSE_WORD.test(previous) && PROSE_WORD.test(word) && !COMMAND_WORDS.has(bare(previous)) && !COMMAND_WORDS.has(bare(word));
}

/**
 * Marks one run of prose (a line, or a text node of a rendered page), continuing the paragraph's count in `state`.
 * The run must hold no marks (stripMarks first).
 */
export function markProse(text: string, mark: string, state: ProseState): string {
  const code: Array<[number, number]> = [...text.matchAll(INLINE_CODE)].map((m) => [m.index, m.index + m[0].length]);
  const inCode = (at: number) => code.some(([start, end]) => at >= start && at < end);
  let out = "";
  let copied = 0;
  let previous: string | null = null;
  for (const match of text.matchAll(/\S+/g)) {
    const word = match[0];
    const at = match.index;
    state.words++;
    const due = state.words > (state.marked ? EVERY : FIRST_AFTER);
    if (due && previous !== null && text[at - 1] === " " && !inCode(at) && eligible(previous, word)) {
      out += text.slice(copied, at) + mark;
      copied = at;
      state.words = 0;
      state.marked = true;
    }
    previous = word;
  }
  return out + text.slice(copied);
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const INDENTED = /^( {4}|\t)/;
const SHELL_PROMPT = /^\s*[$#%] /;
/** Commit trailers (Signed-off-by: Name <address>) are identities that tools parse. */
const TRAILER = /^([A-Z][\w-]*-by|Cc|Fixes|Link|Closes|Change-Id|CVE): /i;
const ARMOUR_BEGIN = /^-----BEGIN PGP /;
const ARMOUR_END = /^-----END PGP /;

/**
 * Marks a plain text (an e-mail body, a JSON string value, a text file). Existing marks are removed first, so marking
 * twice gives the same text as marking once, and a text marked for one copy and re-marked for another carries only
 * the second. Line endings are kept as they are.
 */
export function markPlainText(text: string, code: string): string {
  const mark = encodeMark(code);
  const lines = stripMarks(text).split(/(?<=\n)/);
  let state = newParagraph();
  let fence: string | null = null;
  let armour = false;
  return lines
    .map((line) => {
      const content = line.replace(/\r?\n$/, "");
      if (armour) {
        if (ARMOUR_END.test(content)) armour = false;
        return line;
      }
      if (ARMOUR_BEGIN.test(content)) {
        armour = true;
        return line;
      }
      const opening = FENCE.exec(content);
      if (fence !== null) {
        if (opening && opening[1]!.startsWith(fence)) fence = null;
        return line;
      }
      if (opening) {
        fence = opening[1]!;
        state = newParagraph();
        return line;
      }
      if (content.trim() === "") {
        state = newParagraph();
        return line;
      }
      if (INDENTED.test(content) || SHELL_PROMPT.test(content) || TRAILER.test(content)) return line;
      return markProse(content, mark, state) + line.slice(content.length);
    })
    .join("");
}

/** Intact marks in a text, by code, most frequent first. Damaged marks are not counted. */
export function findTextMarks(text: string): Array<{ code: string; count: number }> {
  return findMarks(text);
}

/** The text without its marks (other zero-width characters, e.g. in emoji sequences, are kept). */
export function stripMarks(text: string): string {
  return text.replace(MARK_PATTERN, "");
}
