// The leak corpus of issue 14: how a copy of an embargoed notice turns up in public (verbatim, one paragraph, quoted
// in a reply, re-flowed by a mail client or a forum, retyped), and what its marks then say. Shared by the integration
// corpus (lib/notices/copy-marks.int.test.tsx) and the browser's (e2e/copy-marks.spec.ts). The resolver recomputes the
// candidates' codes, as the maintainers' trace does: no table of marks.
import { findTextMarks, stripMarks } from "../lib/tracing/text-marks";

export const TRANSFORMATIONS = ["verbatim", "paragraph", "quoted", "reflowed", "retyped"] as const;
export type Transformation = (typeof TRANSFORMATIONS)[number];

/** The prose of a JSON copy (every string value), or the text itself: what a leaker pastes from it. */
function proseOf(text: string): string {
  if (!text.trimStart().startsWith("{")) return text;
  const strings: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === "string") strings.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  walk(JSON.parse(text));
  return strings.join("\n\n");
}

/** The one paragraph (block between blank lines, or line of a page) whose words contain `phrase`. */
function paragraph(text: string, phrase: string): string {
  const blocks = proseOf(text).split(/\n\s*\n|\n/);
  const found = blocks.find((b) => stripMarks(b).includes(phrase));
  if (!found) throw new Error(`no paragraph holds "${phrase}"`);
  return found;
}

/** Words re-wrapped to 60 columns, as a mail client or a forum re-flows a pasted text. */
function reflow(text: string): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > 60) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line].join("\n");
}

/** The leaked text after one transformation; `phrase` picks the paragraph copied alone. */
export function transform(text: string, how: Transformation, phrase: string): string {
  switch (how) {
    case "verbatim":
      return text;
    case "paragraph":
      return paragraph(text, phrase);
    case "quoted":
      return text
        .split("\n")
        .map((l) => `> ${l}`)
        .join("\n");
    case "reflowed":
      return reflow(text);
    case "retyped":
      return stripMarks(text);
  }
}

export type Candidate<T> = { code: string; copy: T };

/** What a leaked text says: the copies whose codes it carries (intact marks counted), or that it carries no known mark. */
export function resolve<T>(text: string, candidates: ReadonlyArray<Candidate<T>>): { marks: number; unknown: number; copies: Array<{ copy: T; count: number }> } {
  const byCode = new Map(candidates.map((c) => [c.code, c.copy]));
  const found = findTextMarks(text);
  const copies = found.flatMap((m) => (byCode.has(m.code) ? [{ copy: byCode.get(m.code)!, count: m.count }] : []));
  return { marks: found.reduce((n, m) => n + m.count, 0), unknown: found.filter((m) => !byCode.has(m.code)).length, copies };
}

/** The survival table: one row per form, one column per transformation, "traced/copies (marks min–max)". */
export function survivalTable(rows: ReadonlyArray<{ form: string; how: Transformation; right: boolean; marks: number }>): string {
  const forms = [...new Set(rows.map((r) => r.form))];
  const cell = (form: string, how: Transformation) => {
    const these = rows.filter((r) => r.form === form && r.how === how);
    const marks = these.map((r) => r.marks);
    return `${these.filter((r) => r.right).length}/${these.length} (${Math.min(...marks)}–${Math.max(...marks)})`;
  };
  const header = ["form", ...TRANSFORMATIONS];
  const lines = [header, ...forms.map((f) => [f, ...TRANSFORMATIONS.map((h) => cell(f, h))])];
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines.map((l) => l.map((c, i) => c.padEnd(widths[i]!)).join(" | ")).join("\n");
}
