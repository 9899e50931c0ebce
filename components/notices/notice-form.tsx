"use client";
// Writing a draft notice: every field of NoticeDraftSchema, with labels and help, live Markdown previews, the
// disclosure time with its zone, and the audience. The server action validates everything again (strict schema);
// its field errors show next to each field, and what was typed stays (see use-form-action.ts).
import Link from "next/link";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox, Field, FieldError, TextArea } from "@/components/ui/field";
import { FormSection } from "@/components/ui/form-section";
import { Notice } from "@/components/ui/notice";
import { createNoticeAction, reviseNoticeAction, updateNoticeAction } from "@/lib/notices/actions";
import { AdvisoryDataSection, type KnownPackage } from "./advisory-data-section";
import type { NoticeFormValues } from "./notice-form-values";
import { DisclosureTimeInput } from "./disclosure-time-input";
import { SEVERITY_LABELS, SEVERITY_OPTIONS } from "./labels";
import { MarkdownField } from "./markdown-field";
import { useFormAction } from "./use-form-action";

/** An organisation that may be chosen: the active ones, plus any already chosen that are no longer active. */
export type AudienceOption = { id: string; name: string; status: string; hasKey: boolean };


const FIELD_ORDER = ["version", "changeNote", "title", "summary", "description", "affectedVersions", "fixedVersions", "remediation", "detection", "affectedPackages", "references", "mitigation", "workaround", "cveIds", "relatedCveIds", "cwe", "cvssVector", "severity", "disclosureAt", "deployBeforeDisclosure", "patchEmbargoed", "embargoNotes", "reporterCredit", "reporterOptOut", "audience", "organisationIds", "encryptFullText"];

/**
 * `revising`: the notice is under embargo; saving makes a numbered revision with a change note that every recipient
 * is told about. The disclosure time has its own form and the audience is fixed since sending: both travel unchanged.
 */
export function NoticeForm({
  noticeId,
  initial,
  organisations,
  revising = false,
  version,
  packages = [],
  creditFromReports = false,
}: {
  noticeId?: string;
  initial: NoticeFormValues;
  organisations: AudienceOption[];
  /** The project's packages (settings), offered in the affected ranges. */
  packages?: KnownPackage[];
  revising?: boolean;
  /** When the notice was last saved, as the form was opened: a save over a newer one is refused. */
  version?: string;
  /** The notice was made from reports: their reporters choose the credit (lib/reports/data/notify.ts). */
  creditFromReports?: boolean;
}) {
  const editing = !!noticeId;
  const { state, action, onSubmit, pending, fieldErrors: errors } = useFormAction(revising ? reviseNoticeAction : editing ? updateNoticeAction : createNoticeAction);
  const [markdown, setMarkdown] = useState({ description: initial.description, remediation: initial.remediation, detection: initial.detection });
  const [audience, setAudience] = useState(initial.audience);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(initial.organisationIds));
  const [orgFilter, setOrgFilter] = useState("");
  const summaryRef = useRef<HTMLDivElement>(null);
  const ids = useId();

  // After a refused save, the summary takes focus so that a screen reader hears what to fix.
  useEffect(() => {
    if (state && !state.ok) summaryRef.current?.focus();
  }, [state]);

  const shown = useMemo(() => {
    const q = orgFilter.trim().toLowerCase();
    return new Set(organisations.filter((o) => !q || o.name.toLowerCase().includes(q)).map((o) => o.id));
  }, [organisations, orgFilter]);
  const toggle = (id: string, on: boolean) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const unknownErrors = Object.entries(errors).filter(([key]) => !FIELD_ORDER.includes(key));

  return (
    <form action={action} onSubmit={onSubmit} className="space-y-6" aria-describedby={`${ids}-required`}>
      {noticeId ? <input type="hidden" name="noticeId" value={noticeId} /> : null}
      {version ? <input type="hidden" name="version" value={version} /> : null}
      <p id={`${ids}-required`} className="text-sm text-slate-600">
        {revising
          ? "The notice is under embargo: saving makes a new revision, and every recipient is told (by a link) that it changed."
          : "Only the title and the disclosure time are required to save a draft. Nothing is sent until you send the notice from its page."}
      </p>
      {revising ? (
        <TextArea label="What changed (sent to every recipient)" name="changeNote" maxLength={1000} required hint="A short note, e.g. “Fixed versions are now known.” Every recipient reads it: name no organisation." errors={errors.changeNote} />
      ) : null}
      <div ref={summaryRef} tabIndex={-1} className="space-y-2 focus:outline-none">
        {state && !state.ok ? (
          <Notice tone="error" title={state.error}>
            {Object.keys(errors).length > 0 ? (
              <ul className="list-disc pl-5">
                {FIELD_ORDER.filter((k) => errors[k]?.length).map((k) => (
                  <li key={k}>{errors[k]!.join(" ")}</li>
                ))}
                {unknownErrors.map(([k, v]) => (
                  <li key={k}>{v.join(" ")}</li>
                ))}
              </ul>
            ) : null}
          </Notice>
        ) : null}
      </div>

      <FormSection legend="The issue" description="What recipients read after accepting the embargo terms. Emails never carry any of it in clear.">
        <Field label="Title" name="title" required minLength={3} maxLength={200} defaultValue={initial.title} hint="A short name for the issue, e.g. “Heap overflow in the TLS record parser”." errors={errors.title} />
        <TextArea label="Summary (optional)" name="summary" rows={2} maxLength={1000} defaultValue={initial.summary} hint="One or two sentences: what is wrong and who is affected. Plain text." errors={errors.summary} />
        <MarkdownField
          label="Description (optional)"
          name="description"
          hint="The full technical description. Markdown: headings, lists, code, links (http, https, mailto); images and HTML are not shown."
          value={markdown.description}
          onChange={(description) => setMarkdown((m) => ({ ...m, description }))}
          errors={errors.description}
          rows={10}
        />
        <div className="grid gap-4 md:grid-cols-2">
          <TextArea label="Affected versions (optional)" name="affectedVersions" maxLength={2000} defaultValue={initial.affectedVersions} hint="e.g. “>= 41.0.0, < 44.0.1”. Plain text." errors={errors.affectedVersions} />
          <TextArea label="Fixed versions (optional)" name="fixedVersions" maxLength={2000} defaultValue={initial.fixedVersions} hint="The releases that carry the fix, e.g. “44.0.1”. Plain text." errors={errors.fixedVersions} />
        </div>
        <MarkdownField
          label="Remediation and mitigation (optional)"
          name="remediation"
          hint="How to fix or work around the issue until the fix can be deployed. Markdown."
          value={markdown.remediation}
          onChange={(remediation) => setMarkdown((m) => ({ ...m, remediation }))}
          errors={errors.remediation}
        />
        <MarkdownField
          label="How to tell if you are affected (optional)"
          name="detection"
          hint="Configurations, commands or indicators that show whether a deployment is affected. Markdown."
          value={markdown.detection}
          onChange={(detection) => setMarkdown((m) => ({ ...m, detection }))}
          errors={errors.detection}
        />
      </FormSection>

      <AdvisoryDataSection initial={initial.advisory} packages={packages} errors={errors} />

      <FormSection legend="Identifiers and severity" description="All optional. A CVSS vector, when given, sets the severity; otherwise choose a plain rating.">
        <div className="grid gap-4 md:grid-cols-2">
          <Field label="CVE ID" name="cveIds" defaultValue={initial.cveIds} hint="This vulnerability's CVE, e.g. CVE-2026-12345. One notice is one vulnerability: other CVEs go below." errors={errors.cveIds} autoComplete="off" spellCheck={false} />
          <Field label="Related CVE IDs (optional)" name="relatedCveIds" defaultValue={initial.relatedCveIds} hint="Other vulnerabilities this one relates to, separated by commas or spaces. Published as related, not as aliases." errors={errors.relatedCveIds} autoComplete="off" spellCheck={false} />
        </div>
        <Field label="Weakness (CWE)" name="cwe" defaultValue={initial.cwe} hint="e.g. CWE-787." errors={errors.cwe} autoComplete="off" spellCheck={false} className="md:w-1/2" />
        <Field
          label="CVSS v4.0 vector"
          name="cvssVector"
          defaultValue={initial.cvssVector}
          hint="Every base metric, each once, e.g. CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N; threat (E) and environmental metrics may follow. The score is computed when you save and labelled CVSS-B, CVSS-BT, CVSS-BE or CVSS-BTE by the metrics it covers."
          errors={errors.cvssVector}
          autoComplete="off"
          spellCheck={false}
          className="[&_input]:font-mono [&_input]:text-sm"
        />
        <div>
          <label htmlFor={`${ids}-severity`} className="block text-sm font-medium text-slate-800">
            Rating without a vector
          </label>
          <p id={`${ids}-severity-hint`} className="mt-1 text-sm text-slate-600">
            Used when there is no CVSS vector.
          </p>
          <select
            id={`${ids}-severity`}
            name="severity"
            defaultValue={initial.severity}
            aria-describedby={`${ids}-severity-hint${errors.severity ? ` ${ids}-severity-error` : ""}`}
            aria-invalid={errors.severity ? true : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-2 sm:w-64"
          >
            <option value="">None</option>
            {SEVERITY_OPTIONS.map((s) => (
              <option key={s} value={s}>
                {SEVERITY_LABELS[s]}
              </option>
            ))}
          </select>
          <FieldError id={`${ids}-severity`} errors={errors.severity} />
        </div>
      </FormSection>

      <FormSection legend="Embargo" description="When the issue goes public, and what recipients may do before then. Recipients accept these terms before they can read the notice.">
        {revising ? (
          <p className="text-sm text-slate-700">
            <input type="hidden" name="disclosureAt" value={new Date(initial.disclosureAt).toISOString()} />
            The disclosure time changes with its own form on the notice page (recipients are told of the new time).
          </p>
        ) : (
          <DisclosureTimeInput
            initial={initial.disclosureAt}
            errors={errors.disclosureAt}
            hint="Entered in the zone you choose (UTC by default) and stored in UTC. Everyone sees it in UTC and in their own local time."
          />
        )}
        <Checkbox label="Recipients may deploy fixes before the disclosure time" name="deployBeforeDisclosure" defaultChecked={initial.deployBeforeDisclosure} hint="Leave unticked if deploying would reveal the issue early." errors={errors.deployBeforeDisclosure} />
        <Checkbox label="The patch itself is under embargo" name="patchEmbargoed" defaultChecked={initial.patchEmbargoed} hint="Recipients must not publish or push the patch to public repositories before the disclosure time." errors={errors.patchEmbargoed} />
        <TextArea label="Other embargo conditions (optional)" name="embargoNotes" maxLength={2000} defaultValue={initial.embargoNotes} hint="Anything else recipients must respect, e.g. who they may share the notice with. Plain text." errors={errors.embargoNotes} />
      </FormSection>

      <FormSection legend="Reporter">
        {creditFromReports ? (
          <p className="text-sm text-slate-700">
            This notice was made from a report: the reporter chooses how they are credited, until disclosure. Their choice replaces what is entered here when the notice is sent, whenever they change it, and at disclosure.
          </p>
        ) : null}
        <Field label="Reporter credit (optional)" name="reporterCredit" maxLength={200} defaultValue={initial.reporterCredit} hint="How the reporter wants to be credited, e.g. “Jane Doe (Example Security)”." errors={errors.reporterCredit} />
        <Checkbox label="The reporter does not want to be credited" name="reporterOptOut" defaultChecked={initial.reporterOptOut} hint="The credit is then kept for maintainers only: not shown to recipients nor published." errors={errors.reporterOptOut} />
      </FormSection>

      {revising ? (
        <p className="text-sm text-slate-700">
          <input type="hidden" name="audience" value={initial.audience} />
          {initial.organisationIds.map((id) => (
            <input key={id} type="hidden" name="organisationIds" value={id} />
          ))}
          {initial.encryptFullText ? <input type="hidden" name="encryptFullText" value="on" /> : null}
          The recipients were fixed when the notice was sent.
        </p>
      ) : (
      <FormSection legend="Audience" description="Who receives the notice when it is sent. Only organisations that are active at that moment receive it; recipients never learn about each other.">
          <fieldset>
            <legend className="sr-only">Recipients</legend>
            <div className="space-y-2">
              {(
                [
                  ["ALL_ACTIVE", "All active organisations", "Everyone in the directory whose organisation is active when you send."],
                  ["SELECTED", "Selected organisations", "Only the organisations ticked below."],
                ] as const
              ).map(([value, label, hint]) => (
                <div key={value} className="flex items-start gap-3">
                  <input
                    type="radio"
                    id={`${ids}-audience-${value}`}
                    name="audience"
                    value={value}
                    checked={audience === value}
                    onChange={() => setAudience(value)}
                    aria-describedby={`${ids}-audience-${value}-hint`}
                    className="mt-1 size-4 shrink-0 border-slate-400 text-indigo-600"
                  />
                  <div>
                    <label htmlFor={`${ids}-audience-${value}`} className="text-sm font-medium text-slate-800">
                      {label}
                    </label>
                    <p id={`${ids}-audience-${value}-hint`} className="text-sm text-slate-600">
                      {hint}
                      {value === "ALL_ACTIVE" ? ` (${organisations.filter((o) => o.status === "ACTIVE").length} now)` : null}
                    </p>
                  </div>
                </div>
              ))}
            </div>
            <FieldError id={`${ids}-audience`} errors={errors.audience} />
          </fieldset>
  
          {audience === "SELECTED" ? (
            <fieldset className="space-y-3 rounded-md border border-slate-200 p-3" aria-describedby={errors.organisationIds ? `${ids}-orgs-error` : undefined}>
              <legend className="px-1 text-sm font-medium text-slate-800">
                Organisations <span className="font-normal text-slate-600">({chosen.size} chosen)</span>
              </legend>
              {organisations.length === 0 ? (
                <p className="text-sm text-slate-700">
                  No active organisation yet. Add and activate them in the{" "}
                  <Link href="/maintainer/directory" className="text-indigo-700 underline">
                    directory
                  </Link>
                  .
                </p>
              ) : (
                <>
                  <div className="flex flex-wrap items-end gap-3">
                    <div>
                      <label htmlFor={`${ids}-org-filter`} className="block text-sm text-slate-700">
                        Filter the list
                      </label>
                      <input
                        id={`${ids}-org-filter`}
                        type="search"
                        value={orgFilter}
                        onChange={(event) => setOrgFilter(event.target.value)}
                        className="mt-1 block w-64 max-w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
                      />
                    </div>
                    <Button type="button" variant="secondary" className="px-3 py-1.5" onClick={() => setChosen((prev) => new Set([...prev, ...[...shown].filter((id) => organisations.find((o) => o.id === id)?.status === "ACTIVE")]))}>
                      Tick all shown
                    </Button>
                    <Button type="button" variant="ghost" className="px-3 py-1.5" onClick={() => setChosen((prev) => new Set([...prev].filter((id) => !shown.has(id))))}>
                      Untick all shown
                    </Button>
                  </div>
                  <ul className="max-h-80 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200" aria-label="Organisations to address">
                    {organisations.map((o) => (
                      <li key={o.id} className={`px-3 py-2 ${shown.has(o.id) ? "" : "hidden"}`}>
                        <label className="flex items-start gap-3 text-sm">
                          <input
                            type="checkbox"
                            name="organisationIds"
                            value={o.id}
                            checked={chosen.has(o.id)}
                            onChange={(event) => toggle(o.id, event.target.checked)}
                            className="mt-0.5 size-4 shrink-0 rounded border-slate-400 text-indigo-600"
                          />
                          <span>
                            <span className="font-medium text-slate-900">{o.name}</span>
                            {o.hasKey ? <span className="ml-2 text-xs text-slate-600">OpenPGP key</span> : null}
                            {o.status !== "ACTIVE" ? <span className="ml-2 text-xs font-medium text-amber-800">{o.status.toLowerCase()}: receives nothing unless active when sent</span> : null}
                          </span>
                        </label>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <FieldError id={`${ids}-orgs`} errors={errors.organisationIds} />
            </fieldset>
          ) : errors.organisationIds ? (
            <FieldError id={`${ids}-orgs`} errors={errors.organisationIds} />
          ) : null}
  
          <Checkbox
            label="Send the full notice encrypted to organisations with an OpenPGP key"
            name="encryptFullText"
            defaultChecked={initial.encryptFullText}
            hint="Those organisations get the whole text in an OpenPGP message to their key; every other address gets only the reference, the disclosure time and a link."
            errors={errors.encryptFullText}
          />
        </FormSection>
      )}

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending} aria-describedby={`${ids}-saving`}>
          {pending ? "Saving…" : revising ? "Save revision" : editing ? "Save draft" : "Create draft"}
        </Button>
        <Link href={editing ? `/maintainer/notices/${noticeId}` : "/maintainer/notices"} className="rounded-md px-3 py-2 text-sm font-medium text-indigo-700 hover:bg-indigo-50">
          Cancel
        </Link>
        <span id={`${ids}-saving`} role="status" className="text-sm text-slate-600">
          {pending ? (revising ? "Saving the revision…" : "Checking and saving the draft…") : ""}
        </span>
      </div>
    </form>
  );
}
