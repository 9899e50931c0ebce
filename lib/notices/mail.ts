// Emails about notices. Clear-text emails carry the reference, the [EMBARGOED] marker, the disclosure time and a
// link — never the title or any other content of the notice (security.md). The full text travels only inside an
// OpenPGP message to the organisation's key (the caller encrypts `fullText`).
import type { NoticeContent } from "./notice-fields";
import { noticeText } from "./notice-text";

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export type NoticeRef = { id: string; reference: string; disclosureAt: Date };

export function noticeLink(publicUrl: string, noticeId: string): string {
  return `${publicUrl}/vendor/notices/${encodeURIComponent(noticeId)}`;
}

export function embargoedNoticeMail(n: NoticeRef, publicUrl: string): { subject: string; text: string } {
  return {
    subject: `[EMBARGOED] ${n.reference}: advance security notice`,
    text: [
      `[EMBARGOED] Advance security notice ${n.reference}`,
      "",
      `Public disclosure: ${utc(n.disclosureAt)}`,
      "",
      "The details are under embargo: read them in Forewarn, accept the embargo terms and acknowledge the notice:",
      noticeLink(publicUrl, n.id),
      "",
      "Do not forward this email. Everything about this notice is confidential until the disclosure time.",
    ].join("\n"),
  };
}

/** The full notice as plain text, to be encrypted to the organisation's key (never sent as is). */
export function fullNoticeText(n: NoticeRef & NoticeContent, publicUrl: string): string {
  return noticeText(n, noticeLink(publicUrl, n.id));
}

/**
 * A change told to the recipients. A change of the disclosure time names the new time in its subject and when it was
 * changed: emails about two changes in a row may arrive in either order, and the reader must be able to tell which
 * one holds.
 */
export function noticeUpdateMail(
  n: NoticeRef,
  publicUrl: string,
  what: "revised" | "date-changed" | "disclosed" | "withdrawn" | "retracted" | "reminder" | "message",
  changedAt: Date,
): { subject: string; text: string } {
  const lines: Record<typeof what, [string, string]> = {
    revised: ["updated", "The notice was revised. Read the change in Forewarn."],
    "date-changed": [
      `disclosure time changed to ${utc(n.disclosureAt)}`,
      `The disclosure time is now ${utc(n.disclosureAt)} (changed ${utc(changedAt)}). If several of these emails reach you, the latest change holds; the notice in Forewarn always shows the current time.`,
    ],
    disclosed: ["embargo ended", "The embargo has ended: the advisory is public now."],
    withdrawn: ["withdrawn", "The notice was withdrawn: it will not be published. Keep everything about it confidential."],
    retracted: ["advisory withdrawn", "The published advisory was withdrawn: it is not a vulnerability after all. Its OSV record is marked withdrawn."],
    reminder: ["please acknowledge", "Your organisation has not acknowledged this notice yet. Please read it and acknowledge it in Forewarn."],
    message: ["new message", "There is a new message about this notice in Forewarn."],
  };
  const [tag, body] = lines[what];
  const marker = what === "disclosed" || what === "retracted" ? "" : "[EMBARGOED] ";
  return {
    subject: `${marker}${n.reference}: ${tag}`,
    // A withdrawn notice is no longer in the portal: no link to a page that would answer "not found".
    text: [`${marker}${n.reference}: ${tag}`, "", body, ...(what === "disclosed" || what === "withdrawn" || what === "retracted" ? [] : ["", `Public disclosure: ${utc(n.disclosureAt)}`]), ...(what === "withdrawn" || what === "retracted" ? [] : ["", noticeLink(publicUrl, n.id)])].join("\n"),
  };
}
