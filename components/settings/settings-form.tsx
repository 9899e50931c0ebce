"use client";
// The project settings form: the project's identity in its published advisories (OSV, CSAF, Atom), the announce list
// and the default disclosure time of day. Typed values stay when the server refuses them (use-form-action.ts).
import { Button } from "@/components/ui/button";
import { Field, TextArea } from "@/components/ui/field";
import { FormSection } from "@/components/ui/form-section";
import { Notice } from "@/components/ui/notice";
import { useFormAction } from "@/components/notices/use-form-action";
import { ApprovalReasonField } from "@/components/approvals/approval-reason-field";
import { saveProjectSettingsAction } from "@/lib/settings/actions";
import { useEffect, useRef } from "react";

export type SettingsFormValues = {
  name: string;
  slug: string;
  repositoryUrl: string;
  packages: string;
  publisherName: string;
  publisherNamespace: string;
  osvPrefix: string;
  announceAddress: string;
  defaultDisclosureTime: string;
  defaultDisclosureZone: string;
  approveColleagues: boolean;
  securityAddress: string;
  reportPublicKey: string;
  acknowledgeTargetHours: number;
};

/**
 * `projectKeyFingerprint`: the project's active OpenPGP key, which reports are encrypted to once it exists.
 * `approval`: the two-person rule covers settings changes: saving files a request instead (lib/approvals).
 */
export function SettingsForm({ initial, zones, reportKeyFingerprint, projectKeyFingerprint, approval = false }: { initial: SettingsFormValues; zones: string[]; reportKeyFingerprint: string | null; projectKeyFingerprint: string | null; approval?: boolean }) {
  const { state, onSubmit, action, pending, fieldErrors: errors } = useFormAction(saveProjectSettingsAction);
  const form = useRef<HTMLFormElement>(null);
  // A private key pasted by mistake is refused, and not left on the screen either.
  useEffect(() => {
    if (!errors.reportPublicKey?.some((m) => m.includes("PRIVATE"))) return;
    const field = form.current?.elements.namedItem("reportPublicKey");
    if (field instanceof HTMLTextAreaElement) field.value = "";
  }, [errors.reportPublicKey]);
  return (
    <form ref={form} action={action} onSubmit={onSubmit} className="space-y-6" aria-label="Project settings">
      {state && !state.ok ? (
        <Notice tone="error" title="Nothing was saved">
          {state.error}
        </Notice>
      ) : null}
      {state?.ok ? (
        <Notice tone="success" title="Saved">
          {state.message}
        </Notice>
      ) : null}
      <FormSection legend="The project" description="How advisories name the project and its packages.">
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Project name" name="name" required maxLength={100} defaultValue={initial.name} errors={errors.name} />
          <Field label="Short name" name="slug" required maxLength={40} defaultValue={initial.slug} hint="Lower-case letters, digits and -; used in ids and file names." errors={errors.slug} spellCheck={false} />
        </div>
        <Field label="Repository URL (optional)" name="repositoryUrl" type="url" maxLength={300} defaultValue={initial.repositoryUrl} hint="e.g. https://github.com/org/project" errors={errors.repositoryUrl} spellCheck={false} />
        <TextArea
          label="Packages (optional)"
          name="packages"
          rows={3}
          defaultValue={initial.packages}
          hint="One per line: ecosystem, name and optionally the package URL, e.g. “PyPI cryptography pkg:pypi/cryptography”. Offered when you enter a notice's affected ranges."
          errors={errors.packages}
          spellCheck={false}
        />
      </FormSection>
      <FormSection legend="Publishing" description="Who publishes the advisories. Used in the CSAF documents and the OSV records.">
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Publisher name" name="publisherName" required maxLength={200} defaultValue={initial.publisherName} hint="e.g. “The libarchive project”." errors={errors.publisherName} />
          <Field label="Publisher namespace" name="publisherNamespace" type="url" required maxLength={300} defaultValue={initial.publisherNamespace} hint="The publisher's https:// web address (CSAF)." errors={errors.publisherNamespace} spellCheck={false} />
        </div>
        <Field
          label="OSV id prefix"
          name="osvPrefix"
          required
          maxLength={60}
          defaultValue={initial.osvPrefix}
          hint="Databases osv.dev has not registered use x_ and a name, e.g. x_libarchive. It cannot change once an advisory is published: OSV ids are forever."
          errors={errors.osvPrefix}
          spellCheck={false}
        />
        <Field label="Announce list address (optional)" name="announceAddress" type="email" maxLength={254} defaultValue={initial.announceAddress} hint="Gets the public advisory by email when a notice is disclosed. Empty: no announcement." errors={errors.announceAddress} />
      </FormSection>
      <FormSection legend="New notices" description="The disclosure time a new notice proposes, a week ahead.">
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Time of day" name="defaultDisclosureTime" type="time" required defaultValue={initial.defaultDisclosureTime} errors={errors.defaultDisclosureTime} />
          <div>
            <label htmlFor="defaultDisclosureZone" className="block text-sm font-medium text-slate-800">
              Time zone
            </label>
            <select id="defaultDisclosureZone" name="defaultDisclosureZone" defaultValue={initial.defaultDisclosureZone} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-slate-900 shadow-sm">
              {zones.map((zone) => (
                <option key={zone}>{zone}</option>
              ))}
            </select>
            {errors.defaultDisclosureZone ? <p className="mt-1 text-sm text-red-700">{errors.defaultDisclosureZone.join(" ")}</p> : null}
          </div>
        </div>
      </FormSection>
      <FormSection legend="Colleagues invited by organisation admins" description="An organisation admin can invite colleagues into their own organisation.">
        <div className="space-y-2" role="radiogroup" aria-label="Approval of invited colleagues">
          {[
            { value: "yes", label: "A maintainer approves each colleague first", hint: "They cannot sign in and get no email until approved (on the overview and the organisation's page)." },
            { value: "no", label: "Invite them at once", hint: "They get the invitation email straight away." },
          ].map((o) => (
            <label key={o.value} className="flex items-start gap-2 text-sm">
              <input type="radio" name="approveColleagues" value={o.value} defaultChecked={(o.value === "yes") === initial.approveColleagues} className="mt-1 size-4 accent-indigo-700" />
              <span>
                <span className="font-medium text-slate-900">{o.label}</span>
                <span className="block text-slate-600">{o.hint}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.approveColleagues ? <p className="text-sm text-red-700">{errors.approveColleagues.join(" ")}</p> : null}
      </FormSection>
      <FormSection legend="Vulnerability reports" description="The public report page (/report) and security.txt (/.well-known/security.txt).">
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="Security address (optional)" name="securityAddress" type="email" maxLength={254} defaultValue={initial.securityAddress} hint="Where people may also write, e.g. security@example.org. Listed in security.txt and on the report page." errors={errors.securityAddress} />
          <Field label="Acknowledgement target (hours)" name="acknowledgeTargetHours" type="number" min={1} max={720} required defaultValue={initial.acknowledgeTargetHours} hint="A confirmed report should be acknowledged within this time (1–720; usually 48)." errors={errors.acknowledgeTargetHours} />
        </div>
        {projectKeyFingerprint ? (
          <>
            {/* Kept as it was: the project's key has taken its place. */}
            <input type="hidden" name="reportPublicKey" value={initial.reportPublicKey} />
            <p className="text-sm text-slate-700">
              Reports are encrypted to the project&apos;s OpenPGP key, <span className="font-mono break-all">{projectKeyFingerprint.replace(/(.{4})/g, "$1 ").trim()}</span> (
              <a href="/maintainer/settings/openpgp-key" className="font-medium text-indigo-700 underline">
                OpenPGP key
              </a>
              ): one key signs what the project sends and receives its reports.
            </p>
          </>
        ) : (
          <TextArea
            label="Report public key (optional)"
            name="reportPublicKey"
            rows={5}
            defaultValue={initial.reportPublicKey}
            hint={`An ASCII-armored OpenPGP public key (gpg --armor --export …). Reporters' browsers can encrypt their reports to it; never paste the private key. ${reportKeyFingerprint ? `Current key: ${reportKeyFingerprint.replace(/(.{4})/g, "$1 ").trim()}.` : "No key yet: reports are sent in clear over HTTPS."} Empty it to stop offering encryption.`}
            errors={errors.reportPublicKey}
            spellCheck={false}
            className="font-mono"
          />
        )}
      </FormSection>
      {approval ? <ApprovalReasonField errors={errors.approvalReason} /> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : approval ? "Ask for approval to save" : "Save settings"}
      </Button>
    </form>
  );
}
