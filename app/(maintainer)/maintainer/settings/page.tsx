// Project settings (maintainers): the project's identity in what Forewarn publishes, the announce list, defaults.
import type { Metadata } from "next";
import Link from "next/link";
import { SettingsForm } from "@/components/settings/settings-form";
import { Card, PageHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireArea } from "@/lib/auth/guards";
import { getProjectSettings } from "@/lib/settings/data";
import { getSigningState } from "@/lib/signing/data";
import { formatFingerprint } from "@/lib/server/pgp-keys";
import { ApprovalSettingsForm } from "@/components/approvals/approval-settings-form";
import { approvalKindsFor, getApprovalSettings } from "@/lib/approvals/data";
import { APPROVAL_KINDS, KIND_LABELS } from "@/lib/approvals/policy";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const viewer = await requireArea("maintainer", "/maintainer/settings");
  const [s, signing, rule, approval] = await Promise.all([getProjectSettings(), getSigningState(), getApprovalSettings(), approvalKindsFor(viewer)]);
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
        approval={approval.includes("settings.update")}
      />
      <section id="two-person" aria-labelledby="two-person-heading" className="space-y-3">
        <h2 id="two-person-heading" className="text-lg font-semibold">
          Two-person rule
        </h2>
        <Card className="space-y-4">
          <p className="text-sm text-slate-700">
            The actions chosen here wait for a second maintainer: the request records who asked, exactly what and why; another maintainer who passed the second factor approves or declines it on{" "}
            <Link href="/maintainer/approvals" className="text-indigo-700 underline">
              Approvals
            </Link>
            . Changing this rule is itself approved by a second maintainer whenever it covers anything. Ending an embargo early keeps a break-glass path (at once, with a written reason, every maintainer emailed).
          </p>
          {rule.eligibleMaintainers < 2 ? (
            <Notice tone="info" title="Off: one maintainer">
              {rule.eligibleMaintainers === 1 ? "Only one maintainer" : "No maintainer"} with a second factor could approve requests, so every action runs at once{rule.saved ? " whatever is chosen below" : ""}. With two or more, sending a notice, ending an embargo early and changing the disclosure date
              need approval until this is saved otherwise.
            </Notice>
          ) : !rule.saved ? (
            <Notice tone="info" title="The defaults">
              {rule.covered.length ? `${rule.eligibleMaintainers} maintainers could approve: sending a notice, ending an embargo early and changing the disclosure date need a second maintainer until this is saved otherwise.` : "Nothing is covered on this instance until this is saved."}
            </Notice>
          ) : null}
          <ApprovalSettingsForm kinds={APPROVAL_KINDS.map((k) => ({ kind: k, label: KIND_LABELS[k] }))} covered={rule.covered} expiryHours={rule.expiryHours} approval={approval.includes("approvals.settings")} />
        </Card>
      </section>
    </div>
  );
}
