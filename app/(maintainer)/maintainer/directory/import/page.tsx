import type { Metadata } from "next";
import Link from "next/link";
import { ImportForm } from "@/components/directory/import-form";
import { Card, PageHeader } from "@/components/ui/card";
import { DIRECTORY_COLUMNS } from "@/lib/directory/csv";
import { requireArea } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Import directory" };

export default async function ImportPage() {
  await requireArea("maintainer", "/maintainer/directory/import");
  return (
    <div className="space-y-6">
      <Link href="/maintainer/directory" className="text-sm text-indigo-700 underline">← Directory</Link>
      <PageHeader title="Import from CSV" description="Adds and updates organisations and their people. Every row is checked and previewed first; nothing is written or sent while any row has a problem." />
      <Card>
        <div className="mb-4 space-y-2 text-sm text-slate-700">
          <p>
            Columns: <code className="break-words font-mono">{DIRECTORY_COLUMNS.join(", ")}</code>. The first row names them; only <code>organisation</code> is required. The export&apos;s file imports as it is, OpenPGP keys included.
          </p>
          <p>
            One row per member; a row without <code>member_email</code> is just the organisation. An organisation&apos;s columns may be repeated on each of its rows or given once: the values given must agree. An empty cell leaves the current value as it is (import never deletes). Statuses: invited, active, suspended, removed (and pending for people); <code>member_admin</code>: yes or no. New people start as invited unless their status says otherwise.
          </p>
        </div>
        <ImportForm />
      </Card>
    </div>
  );
}
