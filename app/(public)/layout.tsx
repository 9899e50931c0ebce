import Link from "next/link";
import { SiteHeader } from "@/components/layout/site-header";
import { SiteFooter } from "@/components/layout/site-footer";

const navLink = "rounded-md px-2 py-1 font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900";

export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader>
        <Link href="/advisories" className={navLink}>
          Advisories
        </Link>
        <Link href="/report" className={navLink}>
          Report a vulnerability
        </Link>
        <Link href="/sign-in" className={navLink}>
          Sign in
        </Link>
      </SiteHeader>
      <main id="main" tabIndex={-1} className="flex-1 outline-none">
        {children}
      </main>
      <SiteFooter />
    </div>
  );
}
