import Link from "next/link";

/**
 * `project`: the project whose notices these are (Settings), shown beside the product's name. `menu`: an area's own
 * navigation (it brings its <nav>); `children`: plain links, put in a "Main" <nav> here.
 */
export function SiteHeader({ children, project, menu }: { children?: React.ReactNode; project?: string; menu?: React.ReactNode }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 rounded font-semibold tracking-tight text-slate-900">
          <span aria-hidden="true" className="inline-block size-6 rounded bg-indigo-600" />
          Forewarn
          {project && project !== "Forewarn" ? <span className="font-normal text-slate-600">for {project}</span> : null}
        </Link>
        {menu}
        {children ? <nav aria-label="Main" className="flex flex-wrap items-center justify-end gap-x-2 gap-y-1 text-sm">{children}</nav> : null}
      </div>
    </header>
  );
}
