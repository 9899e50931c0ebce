// Project settings (maintainers): the project's identity in what Forewarn publishes, the announce list, defaults.
import type { Metadata } from "next";
import { SettingsForm } from "@/components/settings/settings-form";
import { PageHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireArea } from "@/lib/auth/guards";
import { getProjectSettings } from "@/lib/settings/data";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireArea("maintainer", "/maintainer/settings");
  const s = await getProjectSettings();
  const zones = Intl.supportedValuesOf("timeZone");
  return (
    <div className="space-y-6">
      <PageHeader title="Project settings" description="What the published advisories say about the project, where the announcement goes, and the usual disclosure time." />
      {!s.saved ? (
        <Notice tone="info" title="Not set yet">
          The advisories use generic values (project “Forewarn”, OSV ids starting x_forewarn) until these are saved.
        </Notice>
      ) : null}
      <SettingsForm
        zones={zones.includes("UTC") ? zones : ["UTC", ...zones]}
        initial={{
          name: s.name,
          slug: s.slug,
          repositoryUrl: s.repositoryUrl ?? "",
          packages: s.packages.map((p) => [p.ecosystem, p.name, p.purl].filter(Boolean).join(" ")).join("\n"),
          publisherName: s.publisherName,
          publisherNamespace: s.publisherNamespace,
          osvPrefix: s.osvPrefix,
          announceAddress: s.announceAddress ?? "",
          defaultDisclosureTime: s.defaultDisclosureTime,
          defaultDisclosureZone: s.defaultDisclosureZone,
          approveColleagues: s.approveColleagues,
          securityAddress: s.securityAddress ?? "",
          reportPublicKey: s.reportPublicKey ?? "",
          acknowledgeTargetHours: s.acknowledgeTargetHours,
        }}
        reportKeyFingerprint={s.reportKeyFingerprint}
      />
    </div>
  );
}
