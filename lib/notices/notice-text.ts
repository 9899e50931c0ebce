// The full notice as plain text: the body of the OpenPGP-encrypted email (lib/notices/mail.ts#fullNoticeText), built
// from the one field list (./notice-fields.ts) that the pages and the API follow too. Never sent in clear.
import { EMBARGO_FIELDS, NOTICE_FACTS, NOTICE_SECTIONS, sectionText, type NoticeContent } from "./notice-fields";

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export function noticeText(n: NoticeContent & { reference: string; disclosureAt: Date }, link: string): string {
  const facts = NOTICE_FACTS.map((f) => [f.label, f.text(n)] as const).filter(([, text]) => text);
  const sections = NOTICE_SECTIONS.flatMap((s) => {
    const body = sectionText(s, n);
    return body ? [`## ${s.title}`, "", body, ""] : [];
  });
  // Keeps the conditions' fields tied to the list: a new condition must be written out here as well.
  const conditions: Record<(typeof EMBARGO_FIELDS)[number], string> = {
    deployBeforeDisclosure: `Deploying fixes before the disclosure time: ${n.deployBeforeDisclosure ? "allowed" : "not allowed"}.`,
    patchEmbargoed: `The patch itself is ${n.patchEmbargoed ? "under embargo" : "not under embargo"}.`,
    embargoNotes: n.embargoNotes.trim(),
  };
  return [
    `[EMBARGOED] ${n.reference}: ${n.title}`,
    `Public disclosure: ${utc(n.disclosureAt)}`,
    ...facts.map(([label, text]) => `${label}: ${text}`),
    "",
    ...sections,
    "## Embargo conditions",
    "",
    ...EMBARGO_FIELDS.map((k) => conditions[k]).filter(Boolean),
    "",
    `Patches, updates and acknowledgement: ${link}`,
  ].join("\n");
}
