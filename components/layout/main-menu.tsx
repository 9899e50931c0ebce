"use client";
// An area's main menu: one row of links on a wide screen; on a narrow one a "Menu" button (a native <details>, so it
// opens and closes by keyboard and is announced as expanded or collapsed without any script) that drops the same
// links down. The current page is marked for screen readers; the menu closes when a link leads elsewhere.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";

export type NavItem = { href: string; label: string };

/** The item for the page shown: the longest href the path starts with ("/maintainer/notices/x" is under Notices). */
function currentOf(items: NavItem[], path: string): string | null {
  const matches = items.filter((i) => !i.href.includes("#") && (path === i.href || path.startsWith(`${i.href}/`)));
  return matches.sort((a, b) => b.href.length - a.href.length)[0]?.href ?? null;
}

const focus = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

export function MainMenu({ items, who }: { items: NavItem[]; who: string }) {
  const path = usePathname();
  const current = currentOf(items, path);
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (details.current) details.current.open = false;
  }, [path]);
  const links = (className: string) =>
    items.map((item) => (
      <li key={item.href}>
        <Link href={item.href as never} aria-current={item.href === current ? "page" : undefined} className={`${className} ${focus} ${item.href === current ? "bg-slate-100 text-slate-900" : "text-slate-700"}`}>
          {item.label}
        </Link>
      </li>
    ));
  return (
    <nav aria-label="Main" className="text-sm">
      <ul className="hidden items-center gap-x-0.5 xl:flex">
        {links("block rounded-md px-2 py-1 font-medium whitespace-nowrap hover:bg-slate-100 hover:text-slate-900")}
        <li className="hidden max-w-40 truncate pl-2 text-slate-600 2xl:block" title={who}>
          {who}
        </li>
        <li>
          <SignOutButton className={`whitespace-nowrap ${focus}`} />
        </li>
      </ul>
      <details ref={details} className="relative xl:hidden">
        <summary className={`flex cursor-pointer list-none items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-900 hover:bg-slate-50 [&::-webkit-details-marker]:hidden ${focus}`}>
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4 fill-current">
            <path d="M2 3.5h12v1.5H2zm0 3.75h12v1.5H2zM2 11h12v1.5H2z" />
          </svg>
          Menu
        </summary>
        <div className="absolute right-0 z-30 mt-2 w-64 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
          <ul className="space-y-0.5">{links("block rounded-md px-3 py-2 font-medium hover:bg-slate-100 hover:text-slate-900")}</ul>
          <div className="mt-2 border-t border-slate-200 px-3 pt-2">
            <p className="truncate text-slate-600" title={who}>
              {who}
            </p>
            <SignOutButton className={`-mx-2 mt-1 ${focus}`} />
          </div>
        </div>
      </details>
    </nav>
  );
}
