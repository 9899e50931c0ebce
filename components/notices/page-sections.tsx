// The maintainer's notice page in sections: an in-page navigation of plain anchors (works without scripts, one Tab
// stop per section, the browser's own scrolling and focus) with the section that needs attention named first, and
// each section a landmark with its own heading.
import Link from "next/link";

export type SectionLink = { id: string; label: string; /** Why this section needs the maintainer now (shown beside it). */ attention?: string | undefined };

export function SectionNav({ sections, first }: { sections: SectionLink[]; first: SectionLink | null }) {
  return (
    // A fragment: the navigation sticks only inside its parent, which must be the whole page.
    <>
      {first?.attention ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          <span className="font-semibold">Needs attention first:</span> {first.attention} —{" "}
          <a href={`#${first.id}`} className="font-medium underline decoration-amber-600 underline-offset-2">
            go to {first.label}
          </a>
        </p>
      ) : null}
      <nav aria-label="Sections of this notice" className="-mx-4 lg:sticky lg:top-0 lg:z-10 border-b border-slate-200 bg-slate-50/95 px-4 py-2 backdrop-blur sm:-mx-6 sm:px-6">
        <ul className="flex flex-wrap gap-x-1 gap-y-1 text-sm">
          {sections.map((s) => (
            <li key={s.id}>
              <a
                href={`#${s.id}`}
                className={`inline-flex items-center gap-1.5 rounded-md px-2.5 py-1.5 font-medium hover:bg-white focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 ${s.id === "danger" ? "text-red-800" : "text-slate-800"}`}
              >
                {s.attention ? <span aria-hidden="true" className="size-2 rounded-full bg-amber-500" /> : null}
                {s.label}
                {s.attention ? <span className="sr-only"> (needs attention: {s.attention})</span> : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}

/** One section of the page: an anchor target below the sticky navigation, with its heading and an optional link. */
export function PageSection({ id, title, intro, action, children }: { id: string; title: string; intro?: React.ReactNode; action?: { href: string; label: string } | undefined; children: React.ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="space-y-4 lg:scroll-mt-16">
      <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-1 border-b border-slate-200 pb-2">
        <div className="min-w-0">
          <h2 id={`${id}-heading`} className="text-xl font-semibold tracking-tight text-slate-900">
            {title}
          </h2>
          {intro ? <p className="mt-1 text-sm text-slate-700">{intro}</p> : null}
        </div>
        {action ? (
          <Link href={action.href as never} className="text-sm font-medium text-indigo-700 underline">
            {action.label}
          </Link>
        ) : null}
      </div>
      {children}
    </section>
  );
}
