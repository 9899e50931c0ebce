// The first thing a keyboard reaches on every page: past the header and its menu, straight to the page's content
// (WCAG 2.4.1). Hidden until focused. Every layout's <main id="main" tabIndex={-1}> is the target; the tabIndex lets
// the browser move focus there (not only scroll), so the next Tab continues inside the content.
const MAIN_ID = "main";

export function SkipLink() {
  return (
    <a
      href={`#${MAIN_ID}`}
      className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:font-medium focus:text-indigo-800 focus:shadow-lg focus:outline-2 focus:outline-indigo-600"
    >
      Skip to main content
    </a>
  );
}
