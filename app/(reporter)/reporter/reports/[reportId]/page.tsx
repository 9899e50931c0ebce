import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ReporterReportView } from "@/components/reports/reporter-report-view";
import { requireArea } from "@/lib/auth/guards";
import { getViewer } from "@/lib/auth/viewer";
import { getOwnReport } from "@/lib/reports/data";
import { NotFoundError } from "@/lib/server/errors";

// Every request reads the report again: a new message, status or date shows at once.
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ reportId: string }> };

// One scoped read per request, shared by the metadata and the page. null: not found or not the viewer's own (the
// metadata then says nothing; the page answers 404).
const loadReport = cache(async (reportId: string) => {
  try {
    return await getOwnReport(await getViewer(), reportId);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
});

// The reference only: the summary is the reporter's own words about an undisclosed vulnerability and stays out of
// window titles, history and bookmarks.
export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const report = await loadReport((await params).reportId);
  return { title: report ? report.reference : "Not found" };
}

export default async function ReporterReportPage({ params }: Params) {
  const { reportId } = await params;
  await requireArea("reporter", `/reporter/reports/${encodeURIComponent(reportId)}`);
  const report = await loadReport(reportId);
  if (!report) notFound();
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <Link href="/reporter" className="text-sm text-indigo-700 underline">
        ← Your reports
      </Link>
      <ReporterReportView report={report} />
    </div>
  );
}
