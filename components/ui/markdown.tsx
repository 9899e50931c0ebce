// The one Markdown renderer: notices, previews and messages all go through it. Raw HTML is never passed through
// (react-markdown escapes it; there is no rehype-raw), the tree is sanitized with rehype-sanitize's GitHub schema,
// and only http(s) and mailto links survive — no javascript:, data: or other schemes, no event handlers.
import ReactMarkdown, { defaultUrlTransform, type Components, type Options } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import { rehypeCopyMark } from "@/lib/tracing/rehype-copy-mark";

const SAFE_SCHEMES = /^(https?:|mailto:|#|\/(?!\/))/i;

export function safeUrl(url: string): string {
  const cleaned = defaultUrlTransform(url);
  return SAFE_SCHEMES.test(cleaned) ? cleaned : "";
}

const COMPONENTS: Components = {
  // Links leave the portal without a referrer; images are never loaded (no tracking pixels, no leaks).
  // A link whose address was refused (javascript:, data:, …) stays as its text: no link to nowhere.
  a: ({ href, children }) =>
    href ? (
      <a href={href} rel="noopener noreferrer nofollow" target="_blank" className="text-indigo-700 underline">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  img: ({ alt }) => <span className="text-slate-600">[image: {alt || "no description"}]</span>,
  // A code block scrolls sideways rather than wrap: it must take keyboard focus to be read to the end (WCAG 2.1.1).
  pre: ({ children }) => (
    <pre tabIndex={0} role="region" aria-label="Code block">
      {children}
    </pre>
  ),
};

/**
 * The element tree of one text: a pure function of the text and of the copy's mark (no viewer, no time, no request in
 * it). The mark (leak tracing, lib/tracing) goes into the sanitized tree's prose, never into code or addresses.
 */
function render(text: string, mark?: string | null): React.ReactElement {
  const rehypePlugins: Options["rehypePlugins"] = mark ? [rehypeSanitize, [rehypeCopyMark, { code: mark }]] : [rehypeSanitize];
  return ReactMarkdown({ children: text, rehypePlugins, urlTransform: safeUrl, components: COMPONENTS });
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
  // notice sent to a few hundred of them; MAX_CHARS still bounds the memory.
  const MAX_ENTRIES = 2_000;
  const MAX_CHARS = 4_000_000;
  const entries = new Map<string, React.ReactElement>();
  let chars = 0;
  return {
    get(text: string, mark?: string | null): React.ReactElement {
      // The mark (hex digits, or nothing) up to the first NUL, then the text: no two (text, mark) pairs share a key.
      const key = `${mark ?? ""}\0${text}`;
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const element = render(text, mark);
      if (text.length > MAX_CHARS / 10) return element;
      entries.set(key, element);
      chars += key.length;
      for (const [oldest] of entries) {
        if (entries.size <= MAX_ENTRIES && chars <= MAX_CHARS) break;
        entries.delete(oldest);
        chars -= oldest.length;
      }
      return element;
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
  return (
    <div data-markdown="" className={`prose-forewarn ${className}`}>
      {shared ? renderedMarkdown.get(children, mark) : render(children, mark)}
    </div>
  );
}
