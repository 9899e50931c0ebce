import { AreaShell } from "@/components/layout/area-shell";
import { requireArea } from "@/lib/auth/guards";
import { hasOwnReports } from "@/lib/reports/data";

export default async function MaintainerLayout({ children }: { children: React.ReactNode }) {
  const viewer = await requireArea("maintainer", "/maintainer");
  // A maintainer who reported a vulnerability themselves reads their own reports in the reporter area.
  const reported = await hasOwnReports(viewer);
  return (
    <AreaShell
      who={viewer.email}
      nav={[
        { href: "/maintainer", label: "Overview" },
        { href: "/maintainer/notices", label: "Notices" },
        { href: "/maintainer/reports", label: "Reports" },
        { href: "/maintainer/directory", label: "Directory" },
        { href: "/maintainer/maintainers", label: "Maintainers" },
        { href: "/maintainer/audit", label: "Audit log" },
        { href: "/maintainer/trace", label: "Trace a leak" },
        { href: "/maintainer/deliveries", label: "Deliveries" },
        { href: "/maintainer/jobs", label: "Jobs" },
        { href: "/maintainer/mailbox", label: "Mailbox" },
        { href: "/maintainer/settings", label: "Settings" },
        ...(reported ? [{ href: "/reporter", label: "Your reports" }] : []),
        { href: "/account", label: "Account" },
      ]}
    >
      {children}
    </AreaShell>
  );
}
