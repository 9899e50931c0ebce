import type { Root } from "hast";
import { toHtml } from "hast-util-to-html";
import rehypeSanitize from "rehype-sanitize";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified, type PluggableList } from "unified";
import { describe, expect, it } from "vitest";
import { rehypeCopyMark } from "./rehype-copy-mark";
import { findTextMarks, stripMarks } from "./text-marks";

const CODE = "0123456789abcdef";
const MARKDOWN = [
  "The parser in libexample reads the length field before it checks the buffer, so a crafted message can read past the end.",
  "",
  "- Upgrade every host that runs the daemon and restart the service afterwards please.",
  "",
  "```sh",
  "the quick brown fox jumps over the lazy dog again and again and again",
  "```",
  "",
  "See [the upstream advisory for all the details here](https://example.org/advisory/one) and use `please do not mark this code span ever`.",
].join("\n");

function html(plugins: PluggableList): string {
  const processor = unified().use(remarkParse).use(remarkRehype).use(plugins);
  return toHtml(processor.runSync(processor.parse(MARKDOWN)) as Root);
}

describe("rehypeCopyMark", () => {
  const clean = html([rehypeSanitize]);
  const marked = html([rehypeSanitize, [rehypeCopyMark, { code: CODE }]]);

  it("marks each block of prose, and the page reads the same without the marks", () => {
    expect(stripMarks(marked)).toBe(clean);
    expect(findTextMarks(marked)).toEqual([{ code: CODE, count: 3 }]);
    for (const block of marked.split(/<\/(?:p|li)>/).slice(0, 3)) expect(findTextMarks(block)).toHaveLength(1);
  });

  it("never marks code, code blocks or link addresses", () => {
    for (const code of marked.match(/<code[^>]*>[\s\S]*?<\/code>/g)!) expect(findTextMarks(code)).toEqual([]);
    expect(marked).toContain('href="https://example.org/advisory/one"');
  });

  it("is idempotent on an already marked tree", () => {
    expect(html([rehypeSanitize, [rehypeCopyMark, { code: CODE }], [rehypeCopyMark, { code: CODE }]])).toBe(marked);
  });
});
