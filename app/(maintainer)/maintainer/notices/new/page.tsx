import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { defaultDisclosure } from "@/lib/time/zones";
import { NoticeForm } from "@/components/notices/notice-form";
import { EMPTY_NOTICE } from "@/components/notices/notice-form-values";
import { PageHeader } from "@/components/ui/card";
import { listOrganisations } from "@/lib/directory/data";
import { NotFoundError } from "@/lib/server/errors";
import { requireArea } from "@/lib/auth/guards";
import { getProjectSettings } from "@/lib/settings/data";

export const metadata: Metadata = { title: "New notice" };

export default async function NewNoticePage() {
  const viewer = await requireArea("maintainer", "/maintainer/notices/new");
  const organisations = await listOrganisations(viewer, { status: "ACTIVE" }).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const settings = await getProjectSettings();
  return (
    <div className="space-y-6">
      <Link href="/maintainer/notices" className="text-sm text-indigo-700 underline">
        ← Notices
      </Link>
      <PageHeader title="New notice" description="A draft is for maintainers only. It gets its reference when saved; you review the recipients and send it from its page." />
      <NoticeForm
        initial={{ ...EMPTY_NOTICE, disclosureAt: defaultDisclosure(new Date(), 7, settings.defaultDisclosureTime, settings.defaultDisclosureZone) }}
        packages={settings.packages}
        organisations={organisations.map((o) => ({ id: o.id, name: o.name, status: o.status, hasKey: !!o.pgpFingerprint }))}
      />
    </div>
  );
}
