import { SiteHeader } from "./site-header";
import { MainMenu, type NavItem } from "./main-menu";

export type { NavItem };

export function AreaShell({ nav, who, project, children }: { nav: NavItem[]; who: string; project?: string; children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader {...(project ? { project } : {})} menu={<MainMenu items={nav} who={who} />} />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6 outline-none">
        {children}
      </main>
    </div>
  );
}
