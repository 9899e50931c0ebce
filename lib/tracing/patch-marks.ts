// Marks in a patch, placed where no tool reads them as part of the diff: the message of a `git format-patch` mail
// (its prose) or, when there is no prose to carry it, one short line of prose before the first file's header (after
// the "---" separator of a mail, where `git am` ignores text). No diff line, hunk or header is ever touched, so the
// patch applies with `git apply` and `patch -p1` exactly as the original does.
import { MARK_PATTERN, encodeMark, findMarks } from "./mark-codec";
import { markPlainText } from "./text-marks";

/** The first line of the diff proper: a git or traditional header, or a context diff. */
const DIFF_START = /^(diff |--- |\+\+\+ |Index: |\*\*\* |@@ |GIT binary patch)/;
const MAIL_START = /^(From [0-9a-f]{7,} |From: |Subject: |Date: )/;
/** One short line of prose that carries a mark where a file has no prose of its own (also archive comments). */
export const NEUTRAL_LINE = (mark: string) => `Shared under embargo; ${mark}please keep it private until disclosure.`;

export function isPatch(filename: string, text: string): boolean {
  return /\.(patch|diff)$/i.test(filename) || /^(diff --git |--- |From [0-9a-f]{40} )/m.test(text);
}

function removeNeutralLines(lines: string[]): string[] {
  const neutral = NEUTRAL_LINE("");
  return lines.filter((line) => line.replace(MARK_PATTERN, "").replace(/\r?\n$/, "") !== neutral);
}

/** The marked patch, or null when it has no diff in it (then it is not a patch). */
export function markPatch(text: string, code: string): string | null {
  const lines = text.split(/(?<=\n)/);
  const start = lines.findIndex((line) => DIFF_START.test(line));
  if (start < 0) return null;
  const eol = (lines[0] ?? "").endsWith("\r\n") ? "\r\n" : "\n";
  const preamble = removeNeutralLines(lines.slice(0, start));
  const rest = lines.slice(start).join("");
  const mail = preamble.length > 0 && MAIL_START.test(preamble[0]!);
  // A mail's headers stay as they are; its message (up to the "---" separator) is prose.
  const headerEnd = mail ? preamble.findIndex((line) => line.trim() === "") : -1;
  const separator = preamble.findIndex((line, i) => i > headerEnd && /^---\r?$/.test(line.replace(/\n$/, "")));
  const messageEnd = separator >= 0 ? separator : preamble.length;
  const head = preamble.slice(0, headerEnd + 1).join("");
  const message = markPlainText(preamble.slice(headerEnd + 1, messageEnd).join(""), code);
  const tail = preamble.slice(messageEnd);
  if (findMarks(message).length > 0) return head + message + tail.join("") + rest;
  const line = NEUTRAL_LINE(encodeMark(code)) + eol;
  // After a mail's "---" separator (git am drops what follows it up to the diff); otherwise just before the diff.
  if (separator >= 0) return head + message + tail[0] + line + tail.slice(1).join("") + rest;
  return head + message + tail.join("") + line + rest;
}
