import { AreaShell } from "@/components/layout/area-shell";
import { homeFor, requireArea } from "@/lib/auth/guards";
import { getProjectName } from "@/lib/settings/data";

// The reporter area: one's own reports. A reporter's account has nothing else (no vendor or maintainer navigation,
// no account page); a vendor or maintainer who reported finds their way back to their own area from here.
export default async function ReporterLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireArea("reporter", "/reporter");
  const project = await getProjectName();
  const nav =
    viewer.kind === "reporter"
      ? [{ href: "/reporter", label: "Your reports" }]
      : [
          { href: homeFor(viewer), label: viewer.kind === "maintainer" ? "Maintainer area" : "Your notices" },
          { href: "/reporter", label: "Your reports" },
          { href: "/account", label: "Account" },
        ];
  return (
    <AreaShell project={project} who={viewer.email} nav={nav}>
      {children}
    </AreaShell>
  );
}
