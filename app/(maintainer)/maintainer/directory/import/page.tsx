import type { Metadata } from "next";
import Link from "next/link";
import { ImportForm } from "@/components/directory/import-form";
import { Card, PageHeader } from "@/components/ui/card";
import { IMPORT_COLUMNS } from "@/lib/directory/csv";
import { requireArea } from "@/lib/server/guards";

export const metadata: Metadata = { title: "Import directory" };

export default async function ImportPage() {
  await requireArea("maintainer", "/maintainer/directory/import");
  return (
    <div className="space-y-6">
      <Link href="/maintainer/directory" className="text-sm text-indigo-700 underline">← Directory</Link>
      <PageHeader title="Import from CSV" description="Adds organisations and invited members. Every row is checked first; nothing is imported while any row has a problem." />
      <Card>
        <p className="mb-4 text-sm text-slate-700">
          Columns: <code className="font-mono">{IMPORT_COLUMNS.join(", ")}</code> (the first line names them; only <code>organisation</code> is required). One row per member; a row without a member adds just the organisation. The export&apos;s file can be imported as it is.
        </p>
        <ImportForm />
      </Card>
    </div>
  );
}
