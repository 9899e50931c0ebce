import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { Markdown, safeUrl } from "./markdown";

const render = (md: string) => renderToStaticMarkup(<Markdown>{md}</Markdown>);

describe("the Markdown renderer", () => {
  it("renders ordinary Markdown", () => {
    expect(render("**bold** and `code`\n\n- a\n- b")).toContain("<strong>bold</strong>");
    expect(render("[docs](https://example.org/x)")).toContain('href="https://example.org/x"');
  });
  it.each([
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    "![x](https://tracker.example/pixel.gif)",
    '<svg onload="alert(1)"></svg>',
    "[x](//evil.example/path)",
  ])("neutralises %s", (md) => {
    const html = render(md);
    expect(html).not.toMatch(/<script|<iframe|<svg|onerror|onload|javascript:|vbscript:|data:text|tracker\.example|\/\/evil/i);
  });
  it("keeps only safe link schemes", () => {
    expect(safeUrl("https://a.example")).toBe("https://a.example");
    expect(safeUrl("mailto:sec@a.example")).toBe("mailto:sec@a.example");
    expect(safeUrl("/vendor")).toBe("/vendor");
    expect(safeUrl("javascript:alert(1)")).toBe("");
    expect(safeUrl("ftp://a.example")).toBe("");
  });
});
