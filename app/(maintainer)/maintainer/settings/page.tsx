// Project settings (maintainers): the project's identity in what Forewarn publishes, the announce list, defaults.
import type { Metadata } from "next";
import { SettingsForm } from "@/components/settings/settings-form";
import { PageHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireArea } from "@/lib/auth/guards";
import Link from "next/link";
import { getProjectSettings } from "@/lib/settings/data";
import { getSigningState } from "@/lib/signing/data";
import { formatFingerprint } from "@/lib/server/pgp-keys";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireArea("maintainer", "/maintainer/settings");
  const [s, signing] = await Promise.all([getProjectSettings(), getSigningState()]);
  const zones = Intl.supportedValuesOf("timeZone");
  return (
    <div className="space-y-6">
      <PageHeader title="Project settings" description="What the published advisories say about the project, where the announcement goes, and the usual disclosure time." />
      {!s.saved ? (
        <Notice tone="info" title="Not set yet">
          The advisories use generic values (project “Forewarn”, OSV ids starting x_forewarn) until these are saved.
        </Notice>
      ) : null}
      <section aria-labelledby="openpgp-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <h2 id="openpgp-heading" className="text-base font-semibold text-slate-900">
          OpenPGP key
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          {!signing.on
            ? "The project has no OpenPGP key yet: notices and published documents are not signed."
            : signing.problem
              ? signing.problem
              : `Everything the project sends and publishes is signed with ${formatFingerprint(signing.fingerprint!)}.`}{" "}
          <Link href="/maintainer/settings/openpgp-key" className="font-medium text-indigo-700 underline">
            {signing.on ? "Manage the key" : "Generate or import a key"}
          </Link>
        </p>
      </section>
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
        projectKeyFingerprint={signing.on && !signing.problem ? signing.fingerprint : null}
      />
    </div>
  );
}
