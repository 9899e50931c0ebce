// The one Markdown renderer: notices, previews, reports and messages all go through it. Raw HTML is never passed
// through (it is dropped from the tree; there is no rehype-raw), the tree is sanitized with rehype-sanitize's GitHub
// schema, and only http(s) and mailto links, fragments and paths on this site survive — no javascript:, data: or other
// schemes, no event handlers. The sanitized tree is serialized to HTML by hast-util-to-html (which escapes every text
// and attribute value) once per text, and the page sends that string: the browser gets the same markup as from a React
// element tree, without React building, serializing and rendering one element per paragraph, link and code span on
// every view (issue 15: the page's cost per view).
import type { Element, ElementContent, Root, RootContent } from "hast";
import { toHtml } from "hast-util-to-html";
import { urlAttributes } from "html-url-attributes";
import rehypeSanitize from "rehype-sanitize";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { rehypeCopyMark } from "@/lib/tracing/rehype-copy-mark";

const SAFE_URL = /^(https?:|mailto:|#|\/(?![/\\]))/i;
/** Backslashes, whitespace and control characters: browsers drop or rewrite them (a path "/\x" or "/<tab>/x" leads off-site). */
const UNSAFE_CHARACTERS = /[\\\s\u0000-\u001f\u007f]/;

/** An address as rendered: http(s), mailto, a fragment or a path on this site; anything else becomes "". */
export function safeUrl(url: string): string {
  return SAFE_URL.test(url) && !UNSAFE_CHARACTERS.test(url) ? url : "";
}

/** The node's properties that hold an address, as html-url-attributes lists them (per element, or on any). */
function urlProperties(node: Element): string[] {
  return Object.entries(urlAttributes)
    .filter(([name, elements]) => name in node.properties && (elements === null || elements.includes(node.tagName)))
    .map(([name]) => name);
}

/**
 * What the page makes of the sanitized tree, element by element (added after sanitizing, so only these fixed values
 * are ever added): every address through safeUrl; links leave the portal without a referrer, in a new tab, and a link
 * whose address was refused stays as its text; images are never loaded (no tracking pixels, no leaks) — their
 * description is shown instead; a code block scrolls sideways rather than wrap, so it takes keyboard focus to be read
 * to the end (WCAG 2.1.1).
 */
function shape(node: Element): ElementContent {
  for (const name of urlProperties(node)) {
    const url = safeUrl(String(node.properties[name] ?? ""));
    if (url) node.properties[name] = url;
    else delete node.properties[name];
  }
  node.children = node.children.map((child) => (child.type === "element" ? shape(child) : child));
  switch (node.tagName) {
    case "a":
      return node.properties.href
        ? { ...node, properties: { href: node.properties.href, rel: ["noopener", "noreferrer", "nofollow"], target: "_blank", className: ["text-indigo-700", "underline"] } }
        : { type: "element", tagName: "span", properties: {}, children: node.children };
    case "img": {
      const alt = typeof node.properties.alt === "string" && node.properties.alt ? node.properties.alt : "no description";
      return { type: "element", tagName: "span", properties: { className: ["text-slate-600"] }, children: [{ type: "text", value: `[image: ${alt}]` }] };
    }
    case "pre":
      return { ...node, properties: { tabIndex: 0, role: "region", ariaLabel: "Code block" } };
    default:
      return node;
  }
}

/** A scheme as RFC 3986 (3.1) writes it, before the first ":" (the sanitizer compares schemes case by case). */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Before sanitizing: every address's scheme in lower case, so "HTTPS://…" is judged (and kept) as the https link it
 * is — schemes are case-insensitive — and "JAVASCRIPT:…" is refused as javascript: is. Nothing else of the address
 * changes.
 */
function rehypeLowerCaseSchemes() {
  const visit = (node: Element): void => {
    for (const name of urlProperties(node)) {
      const value = node.properties[name];
      if (typeof value === "string") node.properties[name] = value.replace(SCHEME, (scheme) => scheme.toLowerCase());
    }
    for (const child of node.children) if (child.type === "element") visit(child);
  };
  return (tree: Root): void => {
    for (const child of tree.children) if (child.type === "element") visit(child);
  };
}

function rehypeShape() {
  return (tree: Root): void => {
    tree.children = tree.children.map((child: RootContent) => (child.type === "element" ? shape(child) : child));
  };
}

/** Markdown → sanitized tree → (the copy's mark) → the page's shape. */
const pipeline = (mark?: string | null) =>
  unified()
    .use(remarkParse)
    .use(remarkRehype)
    .use(rehypeLowerCaseSchemes)
    .use(rehypeSanitize)
    .use(mark ? [[rehypeCopyMark, { code: mark }]] : [])
    .use(rehypeShape)
    .freeze();

const unmarked = pipeline();

/**
 * The HTML of one text: a pure function of the text and of the copy's mark (no viewer, no time, no request in it).
 * The mark (leak tracing, lib/tracing) goes into the sanitized tree's prose, never into code or addresses.
 */
export function renderMarkdown(text: string, mark?: string | null): string {
  const processor = mark ? pipeline(mark) : unmarked;
  const tree = processor.runSync(processor.parse(text));
  return toHtml(tree, { characterReferences: { useNamedReferences: true }, closeSelfClosing: true, tightSelfClosing: true });
}

/**
 * Rendered texts of notices, by the text itself: a notice's revision is immutable, and every member of every
 * addressed organisation reads the same one, so parsing and sanitizing it once per process serves them all. The key is
 * the whole text (not an id), so an entry can only ever be served for exactly the text it was made from, to a page
 * that already holds that text: nothing of one viewer reaches another. A marked copy is keyed by its mark too, so an
 * organisation is only ever served its own mark (and the clean original only where nothing is marked). Least recently
 * used entries go first.
 */
export const renderedMarkdown = (() => {
  // Marked copies multiply the entries by the organisations reading a notice (five Markdown fields each): room for a
  // notice sent to a few hundred of them; MAX_CHARS still bounds the memory (keys and HTML).
  const MAX_ENTRIES = 2_000;
  const MAX_CHARS = 8_000_000;
  const entries = new Map<string, string>();
  let chars = 0;
  return {
    get(text: string, mark?: string | null): string {
      // The mark (hex digits, or nothing) up to the first NUL, then the text: no two (text, mark) pairs share a key.
      const key = `${mark ?? ""}\0${text}`;
      const hit = entries.get(key);
      if (hit !== undefined) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const html = renderMarkdown(text, mark);
      if (text.length > MAX_CHARS / 20) return html;
      entries.set(key, html);
      chars += key.length + html.length;
      for (const [oldest, value] of entries) {
        if (entries.size <= MAX_ENTRIES && chars <= MAX_CHARS) break;
        entries.delete(oldest);
        chars -= oldest.length + value.length;
      }
      return html;
    },
    get size() {
      return entries.size;
    },
  };
})();

/**
 * `shared`: the text is a notice's, the same for everyone who may read it — rendered once per process
 * (renderedMarkdown). Leave it off for per-viewer texts (a thread's messages, a preview being typed): they are
 * rendered each time, so how fast a page answers says nothing about what others wrote. `mark`: the code of the
 * reader's copy of an embargoed notice (lib/notices/copy-marks.ts), woven invisibly into its prose.
 */
export function Markdown({ children, className = "", shared = false, mark }: { children: string; className?: string; shared?: boolean; mark?: string | null }) {
  const html = shared ? renderedMarkdown.get(children, mark) : renderMarkdown(children, mark);
  // Only ever the sanitized tree's serialization above (never the text itself, never anything else).
  return <div data-markdown="" className={`prose-forewarn ${className}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
