// The one Markdown renderer: notices, previews and messages all go through it. Raw HTML is never passed through
// (react-markdown escapes it; there is no rehype-raw), the tree is sanitized with rehype-sanitize's GitHub schema,
// and only http(s) and mailto links survive — no javascript:, data: or other schemes, no event handlers.
import ReactMarkdown, { defaultUrlTransform } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";

const SAFE_SCHEMES = /^(https?:|mailto:|#|\/(?!\/))/i;

export function safeUrl(url: string): string {
  const cleaned = defaultUrlTransform(url);
  return SAFE_SCHEMES.test(cleaned) ? cleaned : "";
}

export function Markdown({ children, className = "" }: { children: string; className?: string }) {
  return (
    <div data-markdown="" className={`prose-forewarn ${className}`}>
      <ReactMarkdown
        rehypePlugins={[rehypeSanitize]}
        urlTransform={safeUrl}
        components={{
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
        }}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
