import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { XSS_CORPUS } from "@/test/fixtures/xss-corpus";
import { Markdown, renderedMarkdown, safeUrl } from "./markdown";

const render = (md: string) => renderToStaticMarkup(<Markdown>{md}</Markdown>);

describe("the Markdown renderer", () => {
  it("renders ordinary Markdown", () => {
    expect(render("**bold** and `code`\n\n- a\n- b")).toContain("<strong>bold</strong>");
    expect(render("[docs](https://example.org/x)")).toContain('href="https://example.org/x"');
  });
  it.each(XSS_CORPUS.map((md) => [md]))("neutralises %s", (md) => {
    const html = render(md);
    // Whatever survives as text is escaped (&lt;…), so every "<" left opens a tag the renderer made: only plain
    // formatting tags, with no handler, style or dangerous URL among their attributes.
    const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
    for (const tag of tags) {
      expect(tag).toMatch(/^<(div|p|a|code|pre|span|strong|em|ul|ol|li|h[1-6]|blockquote|del|hr|br|table|thead|tbody|tr|th|td|sup|section)\b/);
      expect(tag).not.toMatch(/\s(on\w+|style|srcdoc)=/i);
      expect(tag).not.toMatch(/(href|src)="\s*(javascript|vbscript|data):/i);
      expect(tag).not.toMatch(/(href|src)="(\/\/|https?:\/\/tracker)/i);
    }
  });
  it("keeps only safe link schemes", () => {
    expect(safeUrl("https://a.example")).toBe("https://a.example");
    expect(safeUrl("mailto:sec@a.example")).toBe("mailto:sec@a.example");
    expect(safeUrl("/vendor")).toBe("/vendor");
    expect(safeUrl("javascript:alert(1)")).toBe("");
    expect(safeUrl("ftp://a.example")).toBe("");
  });

  it("renders a shared (notice) text exactly as an unshared one, once per text", () => {
    const text = `## Impact ${Math.random()}\n\n[docs](https://example.org/x) and <script>alert(1)</script>`;
    const before = renderedMarkdown.size;
    const shared = renderToStaticMarkup(<Markdown shared>{text}</Markdown>);
    expect(shared).toBe(render(text));
    expect(renderedMarkdown.size).toBe(before + 1);
    expect(renderedMarkdown.get(text)).toBe(renderedMarkdown.get(text));
    expect(renderedMarkdown.size).toBe(before + 1);
  });

  it("never serves one text's rendering for another, however alike", () => {
    const a = `Organisation A's notice ${Math.random()}`;
    const b = `${a} `; // Differs by one trailing space: its own entry.
    const c = a.replace("A's", "B's");
    const html = [a, b, c, a].map((t) => renderToStaticMarkup(<Markdown shared>{t}</Markdown>));
    expect(html[0]).toContain("Organisation A");
    expect(html[2]).toContain("Organisation B");
    expect(html[2]).not.toContain("Organisation A");
    expect(html[3]).toBe(html[0]);
    expect(renderedMarkdown.get(b)).not.toBe(renderedMarkdown.get(a));
  });
});
