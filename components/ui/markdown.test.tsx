import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { XSS_CORPUS } from "@/test/fixtures/xss-corpus";
import { findTextMarks, stripMarks } from "@/lib/tracing/text-marks";
import { Markdown, renderMarkdown, renderedMarkdown, safeUrl } from "./markdown";

const render = (md: string) => renderToStaticMarkup(<Markdown>{md}</Markdown>);

describe("the Markdown renderer", () => {
  it("renders ordinary Markdown", () => {
    expect(render("**bold** and `code`\n\n- a\n- b")).toContain("<strong>bold</strong>");
    expect(render("[docs](https://example.org/x)")).toContain('href="https://example.org/x"');
  });
  it.each(XSS_CORPUS.flatMap((md) => [[md, null], [md, "0123456789abcdef"]]))("neutralises %s (mark %s)", (md, mark) => {
    const html = renderToStaticMarkup(<Markdown mark={mark}>{md}</Markdown>);
    // Whatever survives as text is escaped (&lt;…), so every "<" left opens a tag the renderer made: only plain
    // formatting tags, with no handler, style or dangerous URL among their attributes.
    const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
    for (const tag of tags) {
      expect(tag).toMatch(/^<(div|p|a|code|pre|span|strong|em|ul|ol|li|h[1-6]|blockquote|del|hr|br|table|thead|tbody|tr|th|td|sup|section)\b/);
      expect(tag).not.toMatch(/\s(on\w+|style|srcdoc|id|name|form\w*)=/i);
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
    // Browsers read these as "//evil.example": off the site, though they look like paths on it.
    for (const url of ["/\\evil.example", "/\t/evil.example", "//evil.example", " /x", "/x\u0000y"]) expect(safeUrl(url)).toBe("");
  });
  it("reads a link's scheme in any case, as browsers do: HTTPS: is a link, JAVASCRIPT: is not", () => {
    const link = (href: string, text = "x") => `<p><a href="${href}" rel="noopener noreferrer nofollow" target="_blank" class="text-indigo-700 underline">${text}</a></p>`;
    expect(renderMarkdown("[x](HTTPS://a.example/Path:B?Q=C)")).toBe(link("https://a.example/Path:B?Q=C"));
    expect(renderMarkdown("[x](Http://a.example)")).toBe(link("http://a.example"));
    expect(renderMarkdown("[x](MAILTO:Sec@a.example)")).toBe(link("mailto:Sec@a.example"));
    expect(renderMarkdown("<HTTPS://a.example>")).toBe(link("https://a.example", "HTTPS://a.example"));
    // Only the scheme changes: a path with colons and a fragment stay as written.
    expect(renderMarkdown("[x](/notes:v2#Top)")).toBe(link("/notes:v2#Top"));
    for (const text of ["[x](JAVASCRIPT:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](DATA:text/html,hi)", "[x](VBScript:x)", "[x](FTP://a.example)"]) {
      expect(renderMarkdown(text), text).toBe("<p><span>x</span></p>");
    }
    // Images stay unloaded, whatever the case of their address.
    expect(renderMarkdown("![logo](HTTPS://a.example/i.png)")).toBe('<p><span class="text-slate-600">[image: logo]</span></p>');
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
    // b renders as a does (Markdown drops the trailing space) yet has its own entry; so does any other new text.
    const before = renderedMarkdown.size;
    const d = `${c} `;
    renderedMarkdown.get(d);
    expect(renderedMarkdown.size).toBe(before + 1);
  });

  describe("a marked copy (leak tracing)", () => {
    const ORG_A = "0123456789abcdef";
    const ORG_B = "fedcba9876543210";
    const prose = (salt: string) =>
      [
        `## Impact of the overflow ${salt}`,
        "A crafted archive header that is longer than the buffer overflows it and lets an attacker who sends the file run code as the user who opens it.",
        "Upgrade as soon as the fixed release is out; until then refuse archives that come from sources you do not trust, see [the release notes](https://example.org/releases/4.2.7) for details.",
        "```sh\ngit apply fix.patch then make install with the new buffer size\n```",
        "Run `archiver --version check the installed release against the fixed one` to tell.",
      ].join("\n\n");
    const html = (text: string, mark?: string) => renderToStaticMarkup(<Markdown shared mark={mark}>{text}</Markdown>);

    it("serves each organisation its own mark only, one rendering per (text, mark), and the clean text without one", () => {
      const text = prose(String(Math.random()));
      const before = renderedMarkdown.size;
      const [a, b, clean, a2, b2] = [html(text, ORG_A), html(text, ORG_B), html(text), html(text, ORG_A), html(text, ORG_B)];
      expect(renderedMarkdown.size).toBe(before + 3);
      expect(findTextMarks(a).map((m) => m.code)).toEqual([ORG_A]);
      expect(findTextMarks(b).map((m) => m.code)).toEqual([ORG_B]);
      expect(findTextMarks(clean)).toEqual([]);
      expect([a2, b2]).toEqual([a, b]);
      expect(renderedMarkdown.get(text, ORG_A)).toBe(renderedMarkdown.get(text, ORG_A));
      expect(renderedMarkdown.get(text, ORG_A)).not.toBe(renderedMarkdown.get(text, ORG_B));
      expect(renderedMarkdown.get(text, ORG_A)).not.toBe(renderedMarkdown.get(text));
      // The same page, mark for mark: every paragraph of prose carries one.
      expect(stripMarks(a)).toBe(clean);
      expect(findTextMarks(a)[0]!.count).toBeGreaterThanOrEqual(3);
    });

    it("never marks code, commands or link addresses", () => {
      const a = html(prose(String(Math.random())), ORG_A);
      for (const code of a.match(/<code[^>]*>[\s\S]*?<\/code>/g) ?? []) expect(findTextMarks(code)).toEqual([]);
      expect(a).toContain("git apply fix.patch then make install with the new buffer size");
      expect(a).toContain("archiver --version check the installed release against the fixed one");
      expect(a).toContain('href="https://example.org/releases/4.2.7"');
    });
  });
});
