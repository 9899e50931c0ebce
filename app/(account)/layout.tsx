import { AreaShell } from "@/components/layout/area-shell";
import { homeFor, requireArea } from "@/lib/auth/guards";

export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireArea("account", "/account");
  return (
    <AreaShell who={viewer.email} nav={[{ href: homeFor(viewer), label: "Home" }, { href: "/account", label: "Account" }]}>
      {children}
    </AreaShell>
  );
}
