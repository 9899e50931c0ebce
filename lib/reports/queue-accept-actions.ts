import "server-only";
// Accepting a report into a draft notice: the one place that composes the two domains (notices sits above reports, so
// reports cannot call it). The draft is created by the notices domain and, in the same transaction, the report is
// accepted and linked by the reports domain (createNoticeDraft's in-transaction callback): both or neither.
// Not a "use server" file: only queue-actions.ts exposes it, behind its schema.
import type { RequestInfo, Viewer } from "@/lib/server/viewer-types";
import { createNoticeDraft } from "@/lib/notices/data";
import { NoticeDraftSchema } from "@/lib/notices/schemas";
import { getProjectSettings } from "@/lib/settings/data";
import { defaultDisclosure } from "@/lib/time/zones";
import { creditLine } from "./policy";
import { prepareAcceptReport, type ReportForDraft } from "./data";

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The draft's fields, prefilled from the report: summary → title and summary, details → description, versions, credit. */
export function draftFromReport(report: ReportForDraft, disclosureAt: Date) {
  const oneLine = report.summary.replace(/\s+/g, " ").trim();
  const title = oneLine.length >= 3 ? clip(oneLine, 200) : `Report ${report.reference}`;
  // Encrypted details stay out of the notice: they are decrypted by a maintainer, who writes the description.
  const description = report.encrypted
    ? `The details of report ${report.reference} were encrypted by the reporter. Decrypt them from the report's page and write the description here.`
    : clip(report.details, 50_000);
  const credit = creditLine(report.creditKind, report.creditText);
  return {
    title,
    summary: clip(oneLine, 1_000),
    description,
    affectedVersions: clip(report.affectedVersions, 2_000),
    reporterCredit: credit ?? undefined,
    reporterOptOut: report.creditKind === "NONE",
    disclosureAt: disclosureAt.toISOString(),
  };
}

export async function acceptReportIntoDraft(viewer: Viewer, reportId: string, request: RequestInfo): Promise<{ id: string; reference: string }> {
  const { report, write } = await prepareAcceptReport(viewer, reportId, request);
  const settings = await getProjectSettings();
  const input = NoticeDraftSchema.parse(draftFromReport(report, defaultDisclosure(new Date(), 7, settings.defaultDisclosureTime, settings.defaultDisclosureZone)));
  return createNoticeDraft(viewer, input, request, write);
}
