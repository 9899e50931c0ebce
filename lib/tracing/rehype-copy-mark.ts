// A rehype plugin that marks the prose of a rendered (already sanitized) Markdown tree for one copy: text nodes only,
// never inside pre/code/kbd/samp (or anything a reader copies as code), never attributes (so link addresses stay
// clean; a link's text is prose like any other). Each block (paragraph, list item, cell, heading, quote) starts its own
// count, so a copied paragraph carries a mark.
import type { Root } from "hast";
import { encodeMark } from "./mark-codec";
import { markProse, newParagraph, stripMarks, type ProseState } from "./text-marks";

type HastText = { type: "text"; value: string };
type HastElement = { type: "element"; tagName: string; children: HastNode[] };
type HastNode = HastText | HastElement | { type: string; children?: HastNode[] };
type HastParent = { children?: HastNode[] };

const SKIPPED = new Set(["pre", "code", "kbd", "samp", "var", "script", "style", "textarea"]);
const BLOCKS = new Set(["p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dd", "dt", "figcaption", "summary", "div", "section"]);

function walk(parent: HastParent, mark: string, state: ProseState): void {
  for (const node of parent.children ?? []) {
    if (node.type === "text") {
      const text = node as HastText;
      text.value = markProse(stripMarks(text.value), mark, state);
    } else if (node.type === "element") {
      const element = node as HastElement;
      if (SKIPPED.has(element.tagName)) continue;
      walk(element, mark, BLOCKS.has(element.tagName) ? newParagraph() : state);
    } else if ("children" in node) {
      walk(node, mark, state);
    }
  }
}

export function rehypeCopyMark(options: { code: string }) {
  const mark = encodeMark(options.code);
  return (tree: Root): void => {
    walk(tree as HastParent, mark, newParagraph());
  };
}
