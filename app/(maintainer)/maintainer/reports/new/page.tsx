import type { Metadata } from "next";
import Link from "next/link";
import { QueueNewForm } from "@/components/reports/queue-new-form";
import { PageHeader } from "@/components/ui/card";
import { requireArea } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Enter a report" };

export default async function NewReportPage() {
  await requireArea("maintainer", "/maintainer/reports/new");
  return (
    <div className="max-w-3xl space-y-6">
      <Link href="/maintainer/reports" className="text-sm text-indigo-700 underline">
        ← Reports
      </Link>
      <PageHeader title="Enter a report by hand" description="For a report that reached you another way (email). The reporter gets the portal: they follow the report there, write to you privately, choose their credit and are told the disclosure date." />
      <QueueNewForm />
    </div>
  );
}
