// Which words of a notice carry the per-copy mark of leak tracing (issue 14, lib/tracing), and for which copy. Only
// prose is marked — what a reader copies as words: never ids, versions, CVE ids, CVSS vectors, purls, dates or URLs,
// which a script or a reader copies as identifiers. Only a notice under embargo is marked: a maintainer's draft
// preview, a disclosed notice and every public output are the clean original. Pure: no database, no React.
import { copyCode, type CopyForm } from "@/lib/tracing/codes";
import { markPlainText } from "@/lib/tracing/text-marks";

/**
 * The prose fields of a notice (and of the advisory record built from it), marked wherever a copy is served. Not the
 * title: a short label that names the notice in headings, links and tools, copied alone it says little, and each
 * paragraph of the text carries a mark anyway.
 */
export const PROSE_FIELDS = ["summary", "description", "remediation", "mitigation", "workaround", "detection", "embargoNotes"] as const;

export type ProseField = (typeof PROSE_FIELDS)[number];

/**
 * The code of the copy of a notice served to an organisation in one form, or null when nothing is to be marked: the
 * notice is not under embargo. Deterministic (an HMAC of the copy's identity): nothing is stored per view.
 */
export function noticeCopyCode(form: Exclude<CopyForm, "download">, notice: { id: string; state: string }, organisationId: string): string | null {
  return notice.state === "EMBARGOED" ? copyCode({ form, noticeId: notice.id, organisationId }) : null;
}

/** The text with the copy's mark, or the text itself without a code. */
export function markText(text: string, code: string | null | undefined): string {
  return code ? markPlainText(text, code) : text;
}

/** The same fields with their prose marked (fields that are absent or not text are left as they are). */
export function markNoticeProse<T extends Partial<Record<ProseField, unknown>>>(fields: T, code: string | null | undefined): T {
  if (!code) return fields;
  const marked: Record<string, unknown> = { ...fields };
  for (const key of PROSE_FIELDS) {
    const value = fields[key];
    if (typeof value === "string") marked[key] = markPlainText(value, code);
  }
  return marked as T;
}
