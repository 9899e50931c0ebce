import Link from "next/link";
import { SiteHeader } from "./site-header";
import { SignOutButton } from "@/components/auth/sign-out-button";

export type NavItem = { href: string; label: string };

export function AreaShell({ nav, who, project, children }: { nav: NavItem[]; who: string; project?: string; children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader {...(project ? { project } : {})}>
        {nav.map((item) => (
          <Link key={item.href} href={item.href as never} className="rounded-md px-2 py-1 font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900">
            {item.label}
          </Link>
        ))}
        <span className="hidden max-w-48 truncate text-slate-500 md:inline" title={who}>
          {who}
        </span>
        <SignOutButton />
      </SiteHeader>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6 outline-none">
        {children}
      </main>
    </div>
  );
}
