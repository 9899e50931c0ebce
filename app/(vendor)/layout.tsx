import { AreaShell } from "@/components/layout/area-shell";
import { requireArea } from "@/lib/auth/guards";
import { getProjectName } from "@/lib/settings/data";
import { hasOwnReports } from "@/lib/reports/data";

export default async function VendorLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireArea("vendor", "/vendor");
  // Whose notices these are (a vendor on several projects' lists tells the portals apart), and whether this member
  // reported a vulnerability themselves (their own reports are in the reporter area): two reads, sent together.
  const [project, reported] = await Promise.all([getProjectName(), hasOwnReports(viewer)]);
  return (
    <AreaShell project={project} who={`${viewer.email} · ${viewer.organisationName}`} nav={[
        { href: "/vendor", label: "Home" },
        { href: "/vendor#notices", label: "Notices" },
        ...(viewer.orgAdmin ? [{ href: "/vendor/organisation", label: "Your organisation" }] : []),
        { href: "/vendor/integrations", label: "API and calendar" },
        ...(reported ? [{ href: "/reporter", label: "Your reports" }] : []),
        { href: "/account", label: "Account" },
      ]}>
      {children}
    </AreaShell>
  );
}
