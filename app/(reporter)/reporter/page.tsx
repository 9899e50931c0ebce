import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/card";
import { ReporterReportList } from "@/components/reports/reporter-report-list";
import { requireArea } from "@/lib/auth/guards";
import { listOwnReports } from "@/lib/reports/data";

export const metadata: Metadata = { title: "Your reports" };
export const dynamic = "force-dynamic";

export default async function ReporterHome() {
  const viewer = await requireArea("reporter", "/reporter");
  const reports = await listOwnReports(viewer);
  return (
    <div className="space-y-6">
      <PageHeader title="Your reports" description="The vulnerabilities you reported to this project's security team, and where each one stands." />
      <Card>
        {reports.length === 0 ? (
          <p className="text-sm text-slate-700">You have no confirmed reports. A report shows here once you confirm your address from the email you received.</p>
        ) : (
          <ReporterReportList reports={reports} />
        )}
      </Card>
      <p className="text-sm text-slate-700">Only you and the project&apos;s security team see your reports and your messages with them.</p>
    </div>
  );
}
