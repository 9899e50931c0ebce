import { SiteHeader } from "@/components/layout/site-header";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader />
      <main id="main" tabIndex={-1} className="flex flex-1 items-start justify-center px-4 py-12 sm:py-20 outline-none">
        <div className="w-full max-w-md">{children}</div>
      </main>
    </div>
  );
}
